import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemId } from '../domain/ids.js';
import { DIALECTS, freshId, openTestStore, type TestStore } from '../store/testing/dialects.js';
import type { AppDeps } from './context.js';
import { createItem } from './items/create.js';
import { performAction } from './items/perform.js';
import { seedLedgerCity, type LedgerCity } from './testing/ledger-city.js';
import { attempt, type RaceJob, type RaceOutcome } from './testing/race.js';
import { RaceThreads } from './testing/race-threads.js';
import { checkRecord } from './testing/record-check.js';

/*
 * Optimistic concurrency through the use cases (DESIGN.md: "a stale write is refused (409), never merged
 * silently"), over real separate connections: on SQLite one thread per contender, each with its own store
 * on the one file; on PostgreSQL one pool, each transaction on its own connection. The losers' refusal has
 * the one code `version_conflict` whichever layer notices: on SQLite the write lock is taken at BEGIN, so a
 * loser reads the winner's version and `decide` refuses the stale expected version; on PostgreSQL losers
 * read the same version at once and the store's versioned update refuses them.
 */

const CONTENDERS = 16;
const T0 = Date.parse('2026-03-02T02:00:00.000Z');
const at = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();

describe.each(DIALECTS)('concurrent actions through the app on $name', ({ name, skip }) => {
  if (skip) {
    it.skip('needs LUOSHI_TEST_DATABASE_URL', () => undefined);
    return;
  }
  let t: TestStore;
  let threads: RaceThreads | null = null;
  // Each contender thread loads the TypeScript sources afresh: allow for a busy machine.
  beforeAll(async () => {
    t = await openTestStore(name);
    if (name === 'sqlite') threads = await RaceThreads.start(t.config, CONTENDERS);
  }, 180_000);
  afterAll(async () => {
    await threads?.stop();
    await t?.dispose();
  });

  const race = (jobs: readonly RaceJob[]): Promise<RaceOutcome[]> => (threads ? threads.run(jobs) : Promise.all(jobs.map((job) => attempt(t.store, job))));

  /** A city of 16 departments with 16 handlers each, and one item per given department, assigned to it. */
  async function cityWithItems(departments: readonly number[]): Promise<{ city: LedgerCity; items: ItemId[] }> {
    const deps: AppDeps = { store: t.store, now: () => new Date(at(0)), newId: randomUUID };
    const city = await seedLedgerCity(deps, freshId('race'), { departments: CONTENDERS, handlersPerDepartment: CONTENDERS });
    const items: ItemId[] = [];
    for (const d of departments) {
      const { item } = await createItem(deps, city.supervisor, { ledgerType: 'directive', title: '全面排查整治城市安全运行风险隐患', fields: { category: 'meeting_decision' } });
      await performAction(deps, city.supervisor, item.id, { type: 'AssignItem', data: { leadUnitId: city.departments[d], deadline: '2026-04-30' } });
      items.push(item.id);
    }
    return { city, items };
  }

  async function expectSoundRecord(tenantId: string): Promise<void> {
    const record = await checkRecord(t.store, tenantId);
    expect(record.chain).toMatchObject({ ok: true, count: record.events.length });
    expect(record.seqProblems).toEqual([]);
    expect(record.mismatched).toEqual([]);
    expect(record.missing).toEqual([]);
  }

  it(`${CONTENDERS} handlers accepting one item at once: exactly one succeeds, the rest get version_conflict`, async () => {
    const { city, items } = await cityWithItems([0]);
    const itemId = items[0]!;
    const before = (await t.store.read.items.get(city.tenantId, itemId))!;
    const jobs = city.handlers(0).map((as): RaceJob => ({ as, itemId, command: { type: 'AcceptItem', expectedVersion: before.version, data: {} }, at: at(60) }));
    const outcomes = await race(jobs);
    expect(outcomes.filter((o) => o.code === 'ok')).toHaveLength(1);
    expect(outcomes.filter((o) => o.code === 'version_conflict')).toHaveLength(CONTENDERS - 1);
    const winner = city.handlers(0)[outcomes.findIndex((o) => o.code === 'ok')]!;
    const after = await t.store.read.items.get(city.tenantId, itemId);
    expect(after).toMatchObject({ status: 'in_progress', version: before.version + 1 });
    const events = await t.store.read.events.listByItem(city.tenantId, itemId);
    expect(events.map((e) => e.type)).toEqual(['ItemCreated', 'ItemAssigned', 'ItemAccepted']);
    expect(events[2]!.actorUserId).toBe(`u-${winner.username}`);
    await expectSoundRecord(city.tenantId);
  });

  it(`${CONTENDERS} progress reports with the same expected version: one is recorded, none is merged silently`, async () => {
    const { city, items } = await cityWithItems([0]);
    const itemId = items[0]!;
    const [h1] = city.handlers(0);
    const { item: accepted } = await performAction({ store: t.store, now: () => new Date(at(30)), newId: randomUUID }, h1!, itemId, { type: 'AcceptItem', data: {} });
    const jobs = city.handlers(0).map((as, k): RaceJob => ({
      as,
      itemId,
      command: { type: 'ReportProgress', expectedVersion: accepted.version, data: { text: `已完成第 ${k + 1} 项排查`, percent: k + 1 } },
      at: at(90),
    }));
    const outcomes = await race(jobs);
    expect(outcomes.filter((o) => o.code === 'ok')).toHaveLength(1);
    expect(outcomes.filter((o) => o.code === 'version_conflict')).toHaveLength(CONTENDERS - 1);
    const winner = outcomes.findIndex((o) => o.code === 'ok');
    expect(await t.store.read.items.get(city.tenantId, itemId)).toMatchObject({ progress: winner + 1, version: accepted.version + 1 });
    const reports = (await t.store.read.events.listByItem(city.tenantId, itemId)).filter((e) => e.type === 'ProgressReported');
    expect(reports).toHaveLength(1);
    await expectSoundRecord(city.tenantId);
  });

  it(`${CONTENDERS} actions on ${CONTENDERS} different items at once all succeed, and the chain stays linear`, async () => {
    const departments = Array.from({ length: CONTENDERS }, (_, d) => d);
    const { city, items } = await cityWithItems(departments);
    const head = await t.store.read.events.head(city.tenantId);
    const jobs = departments.map((d): RaceJob => ({ as: city.handlers(d)[0]!, itemId: items[d]!, command: { type: 'AcceptItem', data: {} }, at: at(60) }));
    const outcomes = await race(jobs);
    expect(outcomes.map((o) => o.code)).toEqual(jobs.map(() => 'ok'));
    const after = await t.store.read.events.listAfter(city.tenantId, head.seq);
    expect(after.map((e) => e.seq)).toEqual(jobs.map((_, i) => head.seq + i + 1));
    expect(new Set(after.map((e) => e.itemId))).toEqual(new Set(items));
    await expectSoundRecord(city.tenantId);
  });
});
