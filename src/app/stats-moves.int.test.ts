import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_FIELDS } from '../domain/ledger-types/examples.js';
import { DIALECTS, openTestStore, type TestStore } from '../store/testing/dialects.js';
import { addUnits, addUsers, createItem, performAction } from './index.js';
import { computeStats } from './stats.js';
import { seedCity, testClock, testDeps } from './testing/city.js';

describe.each(DIALECTS)('考核 counts work that moved on $name', ({ name, skip }) => {
  let t: TestStore;
  beforeAll(async () => {
    if (!skip) t = await openTestStore(name);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it.skipIf(skip)('counts transfers and escalations, and scores a moved item for its first lead unit', async () => {
    const clock = testClock();
    const deps = testDeps(t.store, clock);
    const { tenantId, as } = await seedCity(deps);
    await addUnits(deps, tenantId, [{ id: 'd1s1c1', name: '和平第一社区', kind: 'community', parentId: 'd1s1' }]);
    await addUsers(deps, tenantId, [{ id: 'u-comm', username: 'comm', displayName: '社区网格员', unitId: 'd1s1c1', roles: ['handler'] }]);

    // 转办: env → water, twice moved (env → water → env would be two); here once.
    const { item: directive } = await createItem(deps, as('sup'), { ledgerType: 'directive', title: '河道保洁', fields: { category: 'other' } });
    await performAction(deps, as('sup'), directive.id, { type: 'AssignItem', data: { leadUnitId: 'env', deadline: '2026-03-31' } });
    await performAction(deps, as('sup'), directive.id, { type: 'TransferItem', data: { leadUnitId: 'water', reason: '由水务局负责' } });
    // 提级: the community's own dispute handed up to the street.
    const { item: dispute } = await createItem(deps, as('comm'), { ledgerType: 'dispute', title: '邻里纠纷', fields: EXAMPLE_FIELDS.dispute!.draft });
    await performAction(deps, as('comm'), dispute.id, { type: 'EscalateItem', data: { reason: '需街道协调' } });
    // Plain work of the street, never moved.
    const { item: plain } = await createItem(deps, as('d1sup'), { ledgerType: 'directive', title: '街道自办', fields: { category: 'other' } });
    await performAction(deps, as('d1sup'), plain.id, { type: 'AssignItem', data: { leadUnitId: 'd1s1', deadline: '2026-03-31' } });

    const stats = await computeStats(deps, as('sup'));
    expect(stats.total.transfers).toMatchObject({ value: 1, ids: [directive.id] });
    expect(stats.total.escalations).toMatchObject({ value: 1, ids: [dispute.id] });
    const byUnit = Object.fromEntries(stats.groups.map((g) => [g.key, g]));
    expect(byUnit.env).toMatchObject({ itemCount: 1, report: { transfers: { value: 1 } } });
    expect(byUnit.water).toBeUndefined();
    expect(byUnit.d1s1c1).toMatchObject({ itemCount: 1, report: { escalations: { value: 1 }, transfers: { value: 0 } } });
    expect(byUnit.d1s1).toMatchObject({ itemCount: 1, report: { escalations: { value: 0 } } });
    // Lights are a state now: the open items light up for the unit that holds them.
    expect(stats.lights.groups.map((g) => g.key).sort()).toEqual(['d1s1', 'water']);
  });
});
