import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type DatabaseHandle } from './db.js';
import { T0, buildItem, seedTenant } from './testing/factories.js';
import { openTestStore, type TestStore } from './testing/dialects.js';

/** SQLite only: PostgreSQL's autovacuum keeps its own statistics. */
describe('SQLite planner statistics', () => {
  let t: TestStore;
  let handle: DatabaseHandle;
  const statRows = async () =>
    (await handle.db.executeQuery<{ idx: string | null; stat: string }>(CompiledQuery.raw(`select idx, stat from sqlite_stat1 where tbl = 'items'`))).rows;

  beforeAll(async () => {
    t = await openTestStore('sqlite');
    handle = createDatabase(t.config.database);
  });
  afterAll(async () => {
    await handle?.close();
    await t?.dispose();
  });

  it('are gathered when migrations ran, and refreshed once the items table has grown', async () => {
    // ANALYZE after the migrations: the table exists in the statistics, empty.
    expect(await handle.db.executeQuery(CompiledQuery.raw(`select count(*) as n from sqlite_master where name = 'sqlite_stat1'`))).toMatchObject({ rows: [{ n: 1 }] });
    const { tenantId } = await seedTenant(t.store);
    await t.store.transaction(async (tx) => {
      for (let i = 0; i < 2000; i++) await tx.items.insert(buildItem(tenantId, { status: i % 2 ? 'assigned' : 'in_progress' }), T0);
    });
    await t.store.ops.refreshPlannerStats();
    const rows = await statRows();
    const lead = rows.find((r) => r.idx === 'items_lead_status_deadline_idx');
    expect(lead, JSON.stringify(rows)).toBeDefined();
    // The first number is the rows the index holds (sampled rows bounded by analysis_limit still count them all).
    expect(Number(lead!.stat.split(' ')[0])).toBeGreaterThanOrEqual(1000);
  });
});
