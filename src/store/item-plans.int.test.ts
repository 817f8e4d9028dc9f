/*
 * The query plans of the item list and its counts, as the API issues them: every query the search repository
 * sends for the common filter shapes is run through EXPLAIN, and a full scan of items fails the test. SQLite
 * is asked after its statistics are refreshed as the store does (planner-stats.ts); PostgreSQL with
 * enable_seqscan off, so that a query no index can serve shows as a Seq Scan whatever the table size.
 */
import { CompiledQuery, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type RootOperationNode, type UnknownRow } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ItemStatus } from '../domain/item.js';
import { createDatabase, type DatabaseHandle } from './db.js';
import { ItemSearchRepository, type ItemSearch, type ItemSort } from './item-search.repository.js';
import { refreshPlannerStats } from './planner-stats.js';
import { T0, buildItem, seedTenant } from './testing/factories.js';
import { describeOnStores } from './testing/suite.js';

/** Records the SQL of every query it sees, compiled as the database receives it. */
class Capture implements KyselyPlugin {
  readonly queries: CompiledQuery[] = [];
  constructor(private readonly handle: DatabaseHandle) {}
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.queries.push(this.handle.db.getExecutor().compileQuery(args.node, args.queryId));
    return args.node;
  }
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

const STATES: ItemStatus[] = ['draft', 'assigned', 'in_progress', 'cancelled', 'closed'];
const LEADS = ['u-env', 'u-water', 'u-district', 'u-office'];
const N = 3000;

/** Shapes of the list (filters × sorts) the ledger, the desk and integrations ask for. */
const SHAPES: [string, ItemSearch, ItemSort][] = [
  ['state + lead unit + deadline range, by deadline', { statuses: ['in_progress'], leadUnitIds: ['u-env'], deadlineFrom: '2027-01-01', deadlineTo: '2027-06-30' }, 'deadline_desc'],
  ['state + lead unit, by deadline', { statuses: ['assigned'], leadUnitIds: ['u-water'] }, 'deadline_asc'],
  ['state + lead unit, by last change', { statuses: ['in_progress'], leadUnitIds: ['u-env'] }, 'updated_desc'],
  ['state + deadline range, by deadline', { statuses: ['assigned'], deadlineFrom: '2027-03-01', deadlineTo: '2027-03-31' }, 'deadline_asc'],
  ['open states, by last change', { statuses: ['draft', 'assigned', 'in_progress', 'closing'] }, 'updated_desc'],
  ['state, by last change', { statuses: ['cancelled'] }, 'updated_desc'],
  ['lead unit, by creation', { leadUnitIds: ['u-district'] }, 'created_desc'],
  ['ledger type + state, by last change', { ledgerTypes: ['directive'], statuses: ['assigned'] }, 'updated_desc'],
  ['a unit user’s scope + state, by deadline', { unitScope: ['u-water'], statuses: ['assigned'] }, 'deadline_asc'],
  ['no filter, by last change', {}, 'updated_desc'],
  ['no filter, by deadline', {}, 'deadline_asc'],
];

/** Shapes whose page must come straight off an index, in order, without a sort step (SQLite). */
const NO_SORT_STEP = new Set(['state + lead unit + deadline range, by deadline', 'state + lead unit, by deadline', 'state + lead unit, by last change', 'state, by last change']);

describeOnStores('item list plans', (t, name) => {
  let handle: DatabaseHandle;
  let tenantId: string;

  beforeAll(async () => {
    ({ tenantId } = await seedTenant(t.store));
    for (let b = 0; b < N; b += 500) {
      await t.store.transaction(async (tx) => {
        for (let i = b; i < b + 500; i++) {
          const day = String((i % 28) + 1).padStart(2, '0');
          const month = String((i % 12) + 1).padStart(2, '0');
          const status = STATES[i % STATES.length]!;
          const item = buildItem(tenantId, {
            status,
            leadUnitId: status === 'draft' ? null : LEADS[i % LEADS.length]!,
            coUnitIds: i % 7 === 0 ? ['u-water'] : [],
            currentDeadline: i % 10 === 0 ? null : `2027-${month}-${day}`,
            closedAt: status === 'closed' ? T0 : null,
          });
          await tx.items.insert(item, new Date(Date.parse(T0) + i * 1000).toISOString());
        }
      });
    }
    handle = createDatabase(t.config.database);
    if (name === 'sqlite') await refreshPlannerStats(handle);
    else await handle.db.executeQuery(CompiledQuery.raw('analyze items'));
  });
  afterAll(() => handle?.close());

  /** The plan of a query, one line per node. */
  async function explain(q: CompiledQuery): Promise<string[]> {
    if (name === 'sqlite') {
      const r = await handle.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${q.sql}`, [...q.parameters]));
      return r.rows.map((row) => row.detail);
    }
    return handle.db.connection().execute(async (conn) => {
      await conn.executeQuery(CompiledQuery.raw('set enable_seqscan = off'));
      try {
        const r = await conn.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain ${q.sql}`, [...q.parameters]));
        return r.rows.map((row) => row['QUERY PLAN']);
      } finally {
        await conn.executeQuery(CompiledQuery.raw('reset enable_seqscan'));
      }
    });
  }

  /** A table scan of items: SQLite's `SCAN items` without an index, PostgreSQL's `Seq Scan on items`. */
  const fullScan = (line: string) => (name === 'sqlite' ? /^SCAN items\b(?! USING)/.test(line) : /Seq Scan on items\b/.test(line));

  async function plansOf(run: (repo: ItemSearchRepository) => Promise<unknown>): Promise<string[][]> {
    const capture = new Capture(handle);
    await run(new ItemSearchRepository(handle.db.withPlugin(capture), handle.dialect));
    expect(capture.queries.length).toBeGreaterThan(0);
    return Promise.all(capture.queries.map(explain));
  }

  it.each(SHAPES)('list: %s reads items through an index', async (shape, filter, sort) => {
    const first = await plansOf(async (repo) => {
      const page = await repo.search(tenantId, filter, { sort, limit: 25 });
      // A deep page: the keyset cursor of page 1 seeks instead of skipping rows.
      if (page.nextCursor) await repo.search(tenantId, filter, { sort, limit: 25, after: page.nextCursor });
    });
    for (const plan of first) {
      expect(plan.filter(fullScan), plan.join('\n')).toEqual([]);
      if (name === 'sqlite' && NO_SORT_STEP.has(shape)) expect(plan.join('\n')).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
    }
  });

  it.each(SHAPES)('counts: %s groups through an index', async (_shape, filter) => {
    for (const plan of await plansOf((repo) => Promise.all([repo.groupCounts(tenantId, filter), repo.lightRows(tenantId, filter)]))) {
      expect(plan.filter(fullScan), plan.join('\n')).toEqual([]);
    }
  });

  it('the test can fail: a filter on a column no index covers is a full scan', async () => {
    const capture = new Capture(handle);
    await handle.db.withPlugin(capture).selectFrom('items').select('item_id').where('title', '=', 'x').execute();
    const plan = await explain(capture.queries[0]!);
    expect(plan.some(fullScan), plan.join('\n')).toBe(true);
  });
});
