import { describe, expect, it } from 'vitest';
import type { AlarmRecord } from './response-figures.js';
import { median, responseFigures } from './response-figures.js';

const T = '2026-03-16T01:00:00.000Z';
const plus = (minutes: number): string => new Date(Date.parse(T) + minutes * 60_000).toISOString();
let n = 0;
function alarm(item: Partial<AlarmRecord['item']>): AlarmRecord {
  return { alarmAt: T, unitId: 'u', item: { id: `i${++n}`, status: 'assigned', acceptedAt: null, closureRequestedAt: null, closedAt: null, fields: {}, ...item } };
}

describe(responseFigures.name, () => {
  it('counts an alarm as due once answered or once its window has run out, and as in time only within the window', () => {
    const alarms = [alarm({ status: 'in_progress', acceptedAt: plus(24 * 60) }), alarm({ status: 'in_progress', acceptedAt: plus(24 * 60 + 1) }), alarm({})];
    expect(responseFigures(alarms, plus(60))).toMatchObject({ alarms: 3, responseDue: 2, respondedInTime: 1, responseRate: 0.5 });
    expect(responseFigures(alarms, plus(24 * 60))).toMatchObject({ responseDue: 3, respondedInTime: 1, lateItemIds: [alarms[1]!.item.id, alarms[2]!.item.id] });
  });

  it('leaves alarms withdrawn before anyone answered out of every rate', () => {
    const f = responseFigures([alarm({ status: 'cancelled' }), alarm({ status: 'cancelled', acceptedAt: plus(10) })], plus(48 * 60));
    expect(f).toMatchObject({ alarms: 2, cancelled: 1, responseDue: 1, respondedInTime: 1, medianResponseMinutes: 10 });
  });

  it('has no rate or median when nothing is due, and reads outcomes of closed items only', () => {
    const f = responseFigures([alarm({ status: 'closing', acceptedAt: plus(5), closureRequestedAt: plus(50), fields: { verification: 'true_alarm' } })], plus(1));
    expect(f).toMatchObject({ verificationDue: 1, verifiedInTime: 1, medianVerificationMinutes: 50, closed: 0, trueAlarms: 0, trueAlarmShare: null });
    expect(responseFigures([alarm({})], plus(1))).toMatchObject({ responseRate: null, medianResponseMinutes: null });
  });

  it('takes the median as the middle value, or the mean of the two middle ones', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
