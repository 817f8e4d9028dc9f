import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestStore, type TestStore } from '../../store/testing/dialects.js';
import { createItem, performAction, showItem } from '../index.js';
import { errorCode as code, seedCity, testClock, testDeps } from '../testing/city.js';
import { bulkAction } from './bulk.js';

describe.each(DIALECTS)('bulk actions on the ledger on $name', ({ name, skip }) => {
  let t: TestStore;
  beforeAll(async () => {
    if (!skip) t = await openTestStore(name);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it.skipIf(skip)('assigns, urges, transfers and cancels each selected item by the same use case, reporting refusals row by row', async () => {
    const deps = testDeps(t.store, testClock());
    const { as } = await seedCity(deps);
    const make = async (title: string) => (await createItem(deps, as('sup'), { ledgerType: 'directive', title, fields: { category: 'other' } })).item.id;
    const [a, b, c] = [await make('甲'), await make('乙'), await make('丙')];
    const foreign = (await createItem(deps, as('d1sup'), { ledgerType: 'directive', title: '区级', fields: { category: 'other' } })).item.id;
    await performAction(deps, as('sup'), c, { type: 'CancelItem', data: { reason: '重复' } });

    const assigned = await bulkAction(deps, as('sup'), 'assign', [a, b, c], { leadUnitId: 'env', deadline: '2026-03-31' });
    expect(assigned.map((r) => [r.itemId, r.ok])).toEqual([
      [a, true],
      [b, true],
      [c, false],
    ]);
    expect(assigned[2]).toMatchObject({ ok: false, code: 'invalid_transition', messageZh: expect.stringContaining('已撤销') });

    const urged = await bulkAction(deps, as('d1sup'), 'urge', [a, foreign], {});
    expect(urged.map((r) => (r.ok ? 'ok' : r.code))).toEqual(['item_not_found', 'invalid_transition']);

    const moved = await bulkAction(deps, as('sup'), 'transfer', [a, b], { leadUnitId: 'water', reason: '统一由水务局牵头' });
    expect(moved.every((r) => r.ok)).toBe(true);
    expect((await showItem(deps, as('water'), b)).item.leadUnitId).toBe('water');

    const cancelled = await bulkAction(deps, as('sup'), 'cancel', [a, b], { reason: ' ' });
    expect(cancelled.map((r) => (r.ok ? 'ok' : r.code))).toEqual(['reason_required', 'reason_required']);
    expect((await showItem(deps, as('sup'), a)).item.status).toBe('assigned');
    expect(await code(bulkAction(deps, as('sup'), 'urge', [a, a], {}))).toBe('invalid_input');
    expect(await code(bulkAction(deps, as('sup'), 'urge', [], {}))).toBe('invalid_input');
  });
});
