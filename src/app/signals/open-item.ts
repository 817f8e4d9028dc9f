import type { Item } from '../../domain/item.js';
import type { SignalAlgorithm } from '../../signals/index.js';
import type { SignalIndicator, StoredUnit, TransactionContext } from '../../store/index.js';
import type { ActorRef, AppDeps } from '../context.js';
import { createItemInTransaction } from '../items/create.js';
import { actingScope } from '../items/load.js';
import { performInTransaction } from '../items/perform.js';
import { ledgerAlgorithm } from './evaluate.js';

/** An alarm to turn into an item. */
export interface Alarm {
  readonly indicator: SignalIndicator;
  readonly region: StoredUnit;
  /** The unit the item is assigned to: the region's responsible unit. */
  readonly leadUnitId: string;
  readonly period: string;
  readonly count: number | null;
  readonly observed: number;
  readonly threshold: number;
  readonly expected: number | null;
}

/** Raised inside the alarm's transaction when another run linked an item first; the transaction rolls back. */
export class AlarmAlreadyOpen extends Error {
  override readonly name = 'AlarmAlreadyOpen';
}

/** Series key of an item: indicator@region. */
export const seriesKey = (indicatorKey: string, regionUnitId: string): string => `${indicatorKey}@${regionUnitId}`;

const fmt = (v: number): string => (Number.isInteger(v) ? String(v) : v.toFixed(2));

function describe(a: Alarm): { title: string; content: string } {
  const counted = a.count !== null && a.count !== a.observed ? `（本期计数 ${a.count}）` : '';
  return {
    title: `${a.region.name}「${a.indicator.name}」监测预警 ${a.period}：观测 ${fmt(a.observed)}，阈值 ${fmt(a.threshold)}`,
    content:
      `${a.region.name}「${a.indicator.name}」${a.period} 观测值 ${fmt(a.observed)}${counted}超过预警阈值 ${fmt(a.threshold)}（${a.indicator.algorithm}）。` +
      `请于 24 小时内核实，并在申请办结时填写核实结果（真实预警/误报）和处置情况。\n` +
      `Monitoring alarm for ${a.indicator.name} in ${a.region.name}, ${a.period}: observed ${fmt(a.observed)} above the threshold ${fmt(a.threshold)} ` +
      `(${a.indicator.algorithm}). Verify within 24 hours and record the outcome (true or false alarm) and the action taken when requesting closure.`,
  };
}

/**
 * Opens the item of an alarm inside the caller's transaction: 立项 in the indicator's ledger (owned by the
 * acting supervisor's unit), 交办 at once to the responsible unit with the ledger's default time limit (24
 * hours for 监测预警信号), then links it to its detection. The loop's guards apply as for any item.
 * @throws AlarmAlreadyOpen when the detection already has an item; DomainError from the loop (`forbidden`
 *   when the responsible unit lies outside the supervisor's area, `validation_failed`, …).
 */
export async function openAlarmItem(deps: AppDeps, tx: TransactionContext, ref: ActorRef, alarm: Alarm): Promise<Item> {
  const scope = await actingScope(deps, tx, ref);
  const series = seriesKey(alarm.indicator.key, alarm.region.id);
  const fields: Record<string, unknown> = {
    region: alarm.region.name,
    indicator: alarm.indicator.name,
    series,
    period: alarm.period,
    algorithm: ledgerAlgorithm(alarm.indicator.algorithm as SignalAlgorithm, alarm.indicator.control),
    observed: alarm.observed,
    threshold: alarm.threshold,
    ...(alarm.expected !== null ? { expected: alarm.expected } : {}),
  };
  const source = { kind: 'signal', seriesKey: series, period: alarm.period } as const;
  const created = await createItemInTransaction(deps, tx, scope, { ledgerType: alarm.indicator.ledgerType, ...describe(alarm), source, fields, priority: 'high' });
  // No deadline given: the ledger type's default time limit applies (24 hours for 监测预警信号).
  const { item } = await performInTransaction(deps, tx, scope, created.item, { type: 'AssignItem', data: { leadUnitId: alarm.leadUnitId } });
  const key = { indicatorKey: alarm.indicator.key, regionUnitId: alarm.region.id, period: alarm.period };
  if (!(await tx.signals.detections.attachItem(ref.tenantId, key, { itemId: item.id, unitId: alarm.leadUnitId, alarmAt: scope.ctx.now }))) throw new AlarmAlreadyOpen();
  return item;
}
