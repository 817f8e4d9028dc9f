import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestStore, type TestStore } from '../../store/testing/dialects.js';
import { createAndAssign, listItems } from '../index.js';
import { errorCode as code, seedCity, testClock, testDeps } from '../testing/city.js';

describe.each(DIALECTS)('立项 and 交办 in one step on $name', ({ name, skip }) => {
  let t: TestStore;
  beforeAll(async () => {
    if (!skip) t = await openTestStore(name);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it.skipIf(skip)('creates and assigns in one transaction, and leaves no draft behind when the assignment is refused', async () => {
    const deps = testDeps(t.store, testClock());
    const { as } = await seedCity(deps);
    const r = await createAndAssign(
      deps,
      as('sup'),
      { ledgerType: 'directive', title: '一步交办', fields: { category: 'other' } },
      { leadUnitId: 'env', coUnitIds: ['water'], deadline: '2026-03-31' },
    );
    expect(r.item).toMatchObject({ status: 'assigned', leadUnitId: 'env', coUnitIds: ['water'], currentDeadline: '2026-03-31', version: 2 });
    expect(r.events.map((e) => e.type)).toEqual(['ItemCreated', 'ItemAssigned']);
    expect((await listItems(deps, as('env'))).items.map((row) => row.item.id)).toEqual([r.item.id]);
    expect(
      await code(createAndAssign(deps, as('sup'), { ledgerType: 'directive', title: '时限已过', fields: { category: 'other' } }, { leadUnitId: 'env', deadline: '2026-01-01' })),
    ).toBe('deadline_in_past');
    expect((await listItems(deps, as('sup'))).items.map((row) => row.item.title)).toEqual(['一步交办']);
  });
});
