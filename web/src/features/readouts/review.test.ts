import { describe, expect, it } from 'vitest';
import type { DraftDirectiveView } from '../../../../src/contracts/http/readouts.js';
import { format, translate } from '../../i18n/index.js';
import { en } from '../../i18n/en.js';
import { zh } from '../../i18n/zh.js';
import { readoutEn, readoutZh, type ReadoutKey } from '../../i18n/readouts.js';
import { defaultTermText, plannedItems, stepRow } from './review.js';

const d = (i: number, over: Partial<DraftDirectiveView> = {}): DraftDirectiveView => ({
  i,
  text: `第${i}句`,
  start: i * 10,
  end: i * 10 + 5,
  kind: 'task',
  level: 1,
  parent: null,
  topic: '',
  keep: true,
  title: `事项${i}`,
  ledgerType: 'directive',
  leadUnitId: 'wjw',
  leadSuggestions: [],
  leadExplicit: true,
  coUnitIds: [],
  deadline: null,
  deadlinePhrase: null,
  cadence: null,
  fields: {},
  ...over,
});
const DEFAULTS = { directive: { deadline: '2027-01-06', cadence: null, limit: { amount: 30, unit: 'calendar_days' as const } } };

describe(plannedItems.name, () => {
  it("lists only kept directives, with their own deadline or cadence, else the type's default marked as defaulted", () => {
    const rows = [
      { d: d(1, { deadline: '2026-12-31' }), depth: 0 },
      { d: d(2), depth: 1 },
      { d: d(3, { cadence: 'monthly' }), depth: 1 },
      { d: d(4, { keep: false }), depth: 0 },
      { d: d(5, { leadUnitId: null, coUnitIds: ['a'] }), depth: 0 },
    ];
    const plan = plannedItems(rows, DEFAULTS);
    expect(plan.map((p) => [p.i, p.deadline, p.cadence, p.defaulted, p.assigned])).toEqual([
      [1, '2026-12-31', null, false, true],
      [2, '2027-01-06', null, true, true],
      [3, null, 'monthly', false, true],
      [5, '2027-01-06', null, true, false],
    ]);
    expect(plan[1]!.depth).toBe(1);
  });

  it('leaves the lead unit out of the co-units, as the assignment does', () => {
    expect(plannedItems([{ d: d(1, { coUnitIds: ['wjw', 'sfj'] }), depth: 0 }], DEFAULTS)[0]!.coUnitIds).toEqual(['sfj']);
  });

  it('marks nothing as defaulted when the type has no default term', () => {
    expect(plannedItems([{ d: d(1), depth: 0 }], {})[0]).toMatchObject({ deadline: null, defaulted: false });
  });
});

describe(defaultTermText.name, () => {
  const zhT = (k: keyof typeof zh, v?: Readonly<Record<string, unknown>>) => translate(zh, k, v);
  const enT = (k: keyof typeof zh, v?: Readonly<Record<string, unknown>>) => translate(en, k, v);
  const zhR = (k: ReadoutKey, v?: Readonly<Record<string, unknown>>) => format(readoutZh[k], v);
  const enR = (k: ReadoutKey, v?: Readonly<Record<string, unknown>>) => format(readoutEn[k], v);
  it('says the default and its date in either language', () => {
    expect(defaultTermText(DEFAULTS.directive, zhT, zhR)).toBe('默认 30 天：2027-01-06');
    expect(defaultTermText({ deadline: '2027-01-20', cadence: null, limit: { amount: 10, unit: 'working_days' } }, enT, enR)).toBe('Default 10 working days: 2027-01-20');
    expect(defaultTermText({ deadline: null, cadence: 'monthly', limit: null }, zhT, zhR)).toBe('默认按每月反馈');
    expect(defaultTermText({ deadline: null, cadence: 'monthly', limit: null }, enT, enR)).toBe('Default report cadence: Monthly');
    expect(
      defaultTermText(
        undefined,
        (k) => k,
        (k) => k,
      ),
    ).toBe('');
  });
});

describe(stepRow.name, () => {
  it('moves through rows in table order and stops at the ends', () => {
    const order = [4, 1, 7];
    expect(stepRow(order, 1, 1)).toBe(7);
    expect(stepRow(order, 7, 1)).toBe(7);
    expect(stepRow(order, 4, -1)).toBe(4);
    expect(stepRow(order, null, 1)).toBe(4);
    expect(stepRow([], null, 1)).toBeNull();
  });
});
