import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CATALOGUE } from '../../extract/catalogue.js';
import { DIALECTS, openTestStore, type TestStore } from '../../store/testing/dialects.js';
import { demoUsers } from '../demo/organisation.js';
import { addUsers, createItem, performAction } from '../index.js';
import { seedCity, testClock, testDeps } from '../testing/city.js';

describe.each(DIALECTS)('handing work to a unit nobody can act for on $name', ({ name, skip }) => {
  let t: TestStore;
  beforeAll(async () => {
    if (!skip) t = await openTestStore(name);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it.skipIf(skip)('carries out the assignment and warns, in both languages, for each receiving unit without an active handler', async () => {
    const deps = testDeps(t.store, testClock());
    const { tenantId, as } = await seedCity(deps);
    await addUsers(deps, tenantId, [{ id: 'u-d1', username: 'd1-leader', displayName: '区领导', unitId: 'd1', roles: ['leader'] }]);
    const { item } = await createItem(deps, as('sup'), { ledgerType: 'directive', title: '事项', fields: { category: 'other' } });
    const r = await performAction(deps, as('sup'), item.id, { type: 'AssignItem', data: { leadUnitId: 'd1', coUnitIds: ['env'], deadline: '2026-03-31' } });
    expect(r.item.status).toBe('assigned');
    expect(r.warnings).toEqual([
      { code: 'no_active_handler', unitId: 'd1', message: expect.stringContaining('东城区'), messageZh: expect.stringContaining('尚无可用的承办人账号') },
    ]);
    const moved = await performAction(deps, as('sup'), item.id, { type: 'TransferItem', data: { leadUnitId: 'water', reason: '改由水务局牵头' } });
    expect(moved.warnings).toEqual([]);
    const urged = await performAction(deps, as('sup'), item.id, { type: 'UrgeItem', data: {} });
    expect(urged.warnings).toBeUndefined();
  });
});

describe('the demo city', () => {
  it('gives a handler account to every department of the catalogue, where a readout’s directives may go', () => {
    const handlers = new Set(
      demoUsers()
        .filter((u) => u.roles.includes('handler'))
        .map((u) => u.unitId),
    );
    for (const d of DEFAULT_CATALOGUE.departments) expect(handlers.has(`dept-${d.id}`), d.name).toBe(true);
  });
});
