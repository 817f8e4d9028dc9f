import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Item } from '../domain/item.js';
import { DIALECTS, openTestStore, type TestStore } from '../store/testing/dialects.js';
import { buildItem } from '../store/testing/factories.js';
import { seedCity, testClock, testDeps } from './testing/city.js';
import { computeStats, listItems, OPEN_LIGHTS } from './index.js';

describe.each(DIALECTS)('computeStats light distribution on $name', ({ name, skip }) => {
  let t: TestStore;
  beforeAll(async () => {
    if (!skip) t = await openTestStore(name);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it.skipIf(skip)('counts the open items per light and unit, as the item list filtered by unit and light shows them, and only what the viewer may see', async () => {
    const deps = testDeps(t.store, testClock('2026-06-15T02:00:00.000Z'));
    const { tenantId } = await seedCity(deps);
    const past = '2026-06-01';
    const far = '2026-12-30';
    const at = (lead: string, n: number, status: Item['status'], deadline: string, extra: Partial<Item> = {}) =>
      Array.from({ length: n }, () => ({ leadUnitId: lead, status, currentDeadline: deadline, originalDeadline: deadline, ...extra }));
    const specs: Partial<Item>[] = [
      ...at('env', 3, 'in_progress', past, { acceptedAt: '2026-03-03T01:00:00.000Z' }),
      ...at('env', 2, 'assigned', far),
      ...at('env', 2, 'in_progress', '2026-06-16', { acceptedAt: '2026-03-03T01:00:00.000Z' }),
      // Closed late, cancelled and draft items carry no light and are not counted, overdue or not.
      ...at('env', 1, 'closed', past, { closedAt: '2026-06-05T01:00:00.000Z' }),
      ...at('env', 1, 'cancelled', past),
      ...at('env', 1, 'draft', past, { assignedAt: null, leadUnitId: null }),
      ...at('water', 2, 'in_progress', past, { acceptedAt: '2026-03-03T01:00:00.000Z' }),
      ...at('water', 1, 'in_progress', far, { acceptedAt: '2026-03-03T01:00:00.000Z' }),
      ...at('d1s1', 1, 'assigned', past),
    ];
    await t.store.transaction(async (tx) => {
      let i = 0;
      for (const s of specs) {
        await tx.items.insert(buildItem(tenantId, { id: `sl-${i++}`, ownerUnitId: 'dcs', createdBy: 'u-sup', coUnitIds: [], contacts: {}, ...s }), '2026-03-01T00:00:00.000Z');
      }
    });
    const operator = { tenantId, operator: true as const };
    // A period with none of these deadlines: the metrics count nothing, the lights (a state now) still count all.
    const stats = await computeStats(deps, operator, { period: { from: '2020-01-01', to: '2020-12-31' } });
    expect(stats.itemCount).toBe(0);
    expect(stats.lights.total.red).toBe(6);
    expect(OPEN_LIGHTS.reduce((n, l) => n + stats.lights.total[l], 0)).toBe(11);
    expect(stats.lights.groups.map((g) => g.key).sort()).toEqual(['d1s1', 'env', 'water']);
    expect(stats.lights.groups.find((g) => g.key === 'env')).toMatchObject({ label: '市生态环境局', counts: { red: 3 } });
    expect(stats.lights.groups[0]?.key).toBe('env');

    // Each count is the number of items the list gives for that unit and light (what a count links to).
    for (const viewer of [operator, { tenantId, username: 'env' }, { tenantId, username: 'd1sup' }]) {
      const s = await computeStats(deps, viewer);
      const listed = (await listItems(deps, viewer, { limit: 1000 })).items;
      for (const l of OPEN_LIGHTS) {
        expect(s.lights.total[l]).toBe(listed.filter((r) => r.light.light === l).length);
        for (const g of s.lights.groups) {
          const page = await listItems(deps, viewer, { lights: [l], leadUnitIds: [g.key as never], limit: 1000 });
          expect(g.counts[l]).toBe(page.items.length);
        }
      }
    }
    const env = await computeStats(deps, { tenantId, username: 'env' });
    expect(env.lights.groups.map((g) => g.key)).toEqual(['env']);
    expect(env.lights.total.red).toBe(3);
    const d1 = await computeStats(deps, { tenantId, username: 'd1sup' });
    expect(d1.lights.total).toEqual({ red: 1, yellow: 0, green: 0 });

    // Grouped by ledger type, the groups are ledger types and add up to the same total.
    const byType = await computeStats(deps, operator, { groupBy: 'ledgerType' });
    expect(byType.lights.groups.every((g) => g.key === buildItem(tenantId).ledgerType)).toBe(true);
    expect(byType.lights.total).toEqual((await computeStats(deps, operator)).lights.total);
  });
});
