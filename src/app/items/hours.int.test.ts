import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_FIELDS } from '../../domain/ledger-types/examples.js';
import { DIALECTS, openTestStore, type TestStore } from '../../store/testing/dialects.js';
import { createItem, listItems, performAction, showItem } from '../index.js';
import { seedCity, testClock, testDeps } from '../testing/city.js';

describe.each(DIALECTS)('a deadline in hours on $name', ({ name, skip }) => {
  let t: TestStore;
  beforeAll(async () => {
    if (!skip) t = await openTestStore(name);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it.skipIf(skip)('turns a signal red 24 hours after it was handed out for verification, not at the end of the next day', async () => {
    const clock = testClock('2026-03-02T02:00:00.000Z'); // Monday 10:00 in Shanghai
    const deps = testDeps(t.store, clock);
    const { as } = await seedCity(deps);
    const { item } = await createItem(deps, as('sup'), { ledgerType: 'signal', title: '流感样病例异常升高', fields: EXAMPLE_FIELDS.signal!.draft });
    const assigned = await performAction(deps, as('sup'), item.id, { type: 'AssignItem', data: { leadUnitId: 'env' } });
    expect(assigned.item).toMatchObject({ currentDeadline: '2026-03-03', deadlineAt: '2026-03-03T02:00:00.000Z' });

    clock.now = new Date('2026-03-03T01:55:00.000Z');
    expect((await showItem(deps, as('env'), item.id)).light.light).not.toBe('red');
    clock.now = new Date('2026-03-03T02:05:00.000Z');
    const late = await showItem(deps, as('env'), item.id);
    expect(late.light.light).toBe('red');
    expect(late.light.reasons[0]).toMatchObject({ code: 'overdue', deadlineAt: '2026-03-03T02:00:00.000Z' });
    expect((await listItems(deps, as('sup'), { lights: ['red'] })).items.map((r) => r.item.id)).toEqual([item.id]);
  });
});
