/**
 * The CIDARS figures of alarm handling: how many signals, the share answered within the response window
 * (24 hours), the median response time, and the verification outcomes. Pure: the alarms and their items come
 * in, with the clock.
 *
 * - Response: the responsible unit accepts the item (签收). Verification: it requests closure with the outcome
 *   (申请办结, 核实结果). Times are counted from the alarm, i.e. when the item was opened and assigned.
 * - An alarm enters a rate's denominator once it was answered or its window has run out; an alarm cancelled
 *   before anyone accepted it (a withdrawn signal) enters no denominator and is counted apart.
 * - Outcomes are read from closed items (true alarm / false alarm).
 */
import type { Instant, ItemId } from '../../domain/ids.js';
import type { Item } from '../../domain/item.js';

export interface AlarmRecord {
  readonly alarmAt: Instant;
  readonly unitId: string;
  readonly item: Pick<Item, 'id' | 'status' | 'acceptedAt' | 'closureRequestedAt' | 'closedAt' | 'fields'>;
}

export interface ResponseFigures {
  readonly alarms: number;
  /** Alarms whose response was due (answered, or the window has run out). */
  readonly responseDue: number;
  readonly respondedInTime: number;
  /** respondedInTime ÷ responseDue; null when nothing was due. */
  readonly responseRate: number | null;
  /** Median minutes from alarm to acceptance, over the accepted alarms. */
  readonly medianResponseMinutes: number | null;
  readonly verificationDue: number;
  readonly verifiedInTime: number;
  readonly verificationRate: number | null;
  /** Median minutes from alarm to the verification outcome (closure request). */
  readonly medianVerificationMinutes: number | null;
  readonly closed: number;
  readonly trueAlarms: number;
  readonly falseAlarms: number;
  /** trueAlarms ÷ (trueAlarms + falseAlarms): the share of verified signals that were real. */
  readonly trueAlarmShare: number | null;
  readonly cancelled: number;
  /** The items behind the figures, for drill-down: every alarm, and those answered late or not at all. */
  readonly itemIds: readonly ItemId[];
  readonly lateItemIds: readonly ItemId[];
}

const MINUTE = 60_000;

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const minutesBetween = (from: Instant, to: Instant): number => (Date.parse(to) - Date.parse(from)) / MINUTE;
const ratio = (n: number, d: number): number | null => (d === 0 ? null : n / d);

/** The figures of a set of alarms at `now`, with the response window in hours (24 for CIDARS). */
export function responseFigures(alarms: readonly AlarmRecord[], now: Instant, windowHours = 24): ResponseFigures {
  const window = windowHours * 60;
  const nowMinutes = Date.parse(now) / MINUTE;
  const response: number[] = [];
  const verification: number[] = [];
  const late: ItemId[] = [];
  let responseDue = 0;
  let respondedInTime = 0;
  let verificationDue = 0;
  let verifiedInTime = 0;
  let closed = 0;
  let trueAlarms = 0;
  let falseAlarms = 0;
  let cancelled = 0;
  for (const a of alarms) {
    const { item } = a;
    if (item.status === 'cancelled' && item.acceptedAt === null) {
      cancelled += 1;
      continue;
    }
    const windowOver = nowMinutes - Date.parse(a.alarmAt) / MINUTE >= window;
    const accepted = item.acceptedAt === null ? null : minutesBetween(a.alarmAt, item.acceptedAt);
    if (accepted !== null) response.push(accepted);
    if (accepted !== null || windowOver) {
      responseDue += 1;
      if (accepted !== null && accepted <= window) respondedInTime += 1;
      else late.push(item.id);
    }
    const verified = item.closureRequestedAt === null ? null : minutesBetween(a.alarmAt, item.closureRequestedAt);
    if (verified !== null) verification.push(verified);
    if (verified !== null || windowOver) {
      verificationDue += 1;
      if (verified !== null && verified <= window) verifiedInTime += 1;
    }
    if (item.status === 'closed') {
      closed += 1;
      if (item.fields.verification === 'true_alarm') trueAlarms += 1;
      if (item.fields.verification === 'false_alarm') falseAlarms += 1;
    }
  }
  return {
    alarms: alarms.length,
    responseDue,
    respondedInTime,
    responseRate: ratio(respondedInTime, responseDue),
    medianResponseMinutes: median(response),
    verificationDue,
    verifiedInTime,
    verificationRate: ratio(verifiedInTime, verificationDue),
    medianVerificationMinutes: median(verification),
    closed,
    trueAlarms,
    falseAlarms,
    trueAlarmShare: ratio(trueAlarms, trueAlarms + falseAlarms),
    cancelled,
    itemIds: alarms.map((a) => a.item.id),
    lateItemIds: late,
  };
}
