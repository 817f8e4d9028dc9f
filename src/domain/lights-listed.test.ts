import { describe, expect, it } from 'vitest';
import { computeLight, lightRulesFor } from './lights.js';
import { resolveLedgerType } from './ledger-types/config.js';
import { makeItem } from './testing/items.js';
import { DEFAULT_WARNING_RULES, listedRules } from './warning-rules.js';

const listing = { level: 'city', reason: '重大隐患', by: 'sup', unitId: 'city-dcs', at: '2026-03-02T01:00:00.000Z' } as const;

describe('stricter lights of a listed item (挂牌督办)', () => {
  const plain = makeItem({ currentDeadline: '2026-03-31', progress: 100 }); // a Tuesday
  const listed = { ...plain, listing };

  it('turns yellow twice as many working days before the deadline', () => {
    expect(computeLight(listed, '2026-03-22T04:00:00.000Z').light).toBe('green'); // Sun 22nd: 7 working days left
    const first = computeLight(listed, '2026-03-23T04:00:00.000Z'); // Mon 23rd: 6 left
    expect(first.light).toBe('yellow');
    expect(first.reasons[0]).toMatchObject({ code: 'deadline_near', workingDaysLeft: 6 });
    expect(computeLight(plain, '2026-03-23T04:00:00.000Z').light).toBe('green');
  });

  it('wants acceptance within one working day instead of two', () => {
    const assigned = makeItem({ status: 'assigned', currentDeadline: '2026-06-30', assignedAt: '2026-03-02T01:00:00.000Z', acceptedAt: null });
    const tue = '2026-03-04T01:00:00.000Z'; // Wednesday morning: the first working day after the assignment is over
    expect(computeLight(assigned, tue).light).toBe('green');
    expect(computeLight({ ...assigned, listing }, tue).reasons.map((r) => r.code)).toContain('not_accepted');
  });

  it('is no stricter once the listing ends', () => {
    expect(computeLight({ ...listed, listing: null }, '2026-03-23T04:00:00.000Z').light).toBe('green');
  });

  it('tightens a stage’s own limit but never below one working day', () => {
    const rules = listedRules(lightRulesFor(resolveLedgerType('hazard')));
    expect(rules.warnWorkingDays).toBe(DEFAULT_WARNING_RULES.warnWorkingDays * 2);
    expect(Object.values(rules.stageWaitByStage ?? {}).every((d) => d >= 1)).toBe(true);
    expect(listedRules({ ...DEFAULT_WARNING_RULES, acceptWithinWorkingDays: 1 }).acceptWithinWorkingDays).toBe(1);
  });
});
