import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestStore, type TestStore } from '../../store/testing/dialects.js';
import { buildItem } from '../../store/testing/factories.js';
import { seedCity, testClock, testDeps } from '../testing/city.js';
import { listItems } from '../index.js';

describe.each(DIALECTS)('listItems with a light filter on $name', ({ name, skip }) => {
  let t: TestStore;
  beforeAll(async () => {
    if (!skip) t = await openTestStore(name);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it.skipIf(skip)('hands out pages of exactly the size asked, which together are every item of that light once', async () => {
    const deps = testDeps(t.store, testClock('2026-06-15T02:00:00.000Z'));
    const { tenantId } = await seedCity(deps);
    // Deadlines from a month ago to a month ahead: red (overdue), yellow (near) and green mixed along the order.
    await t.store.transaction(async (tx) => {
      for (let i = 0; i < 120; i++) {
        const day = new Date(Date.parse('2026-05-15T00:00:00Z') + ((i * 37) % 61) * 86_400_000).toISOString().slice(0, 10);
        await tx.items.insert(
          buildItem(tenantId, {
            id: `li-${i}`,
            ownerUnitId: 'dcs',
            createdBy: 'u-sup',
            leadUnitId: 'env',
            coUnitIds: [],
            contacts: {},
            originalDeadline: day,
            currentDeadline: day,
          }),
          '2026-05-01T00:00:00.000Z',
        );
      }
    });
    const operator = { tenantId, operator: true as const };
    const everything = await listItems(deps, operator, { limit: 1000 });
    const red = everything.items.filter((r) => r.light.light === 'red').map((r) => r.item.id);
    expect(red.length).toBeGreaterThan(20);
    expect(red.length).toBeLessThan(everything.items.length);

    const seen: string[] = [];
    let after: string | null = null;
    for (let round = 0; round < 50; round++) {
      const page = await listItems(deps, operator, { lights: ['red'], limit: 7, after });
      expect(page.items.length).toBeLessThanOrEqual(7);
      if (page.nextCursor !== null) expect(page.items).toHaveLength(7);
      seen.push(...page.items.map((r) => r.item.id));
      after = page.nextCursor;
      if (after === null) break;
    }
    expect(after).toBeNull();
    expect(seen).toEqual(red);
  });

  it.skipIf(skip)('refuses a page size out of range with a light filter too', async () => {
    const deps = testDeps(t.store, testClock());
    const { tenantId } = await seedCity(deps);
    for (const limit of [0, 1001, 2.5]) {
      await expect(listItems(deps, { tenantId, operator: true }, { lights: ['red'], limit })).rejects.toMatchObject({ code: 'invalid_input' });
    }
  });
});
