import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode as code } from '../app/testing/city.js';
import { performAction, createItem } from '../app/index.js';
import { configureIndicator, ingestCounts } from '../app/signals/index.js';
import { sweepEscalations } from '../app/escalation/index.js';
import { seedCity, testClock, testDeps, type TestClock } from '../app/testing/city.js';
import { countsCsv, dailyRows, steadyThen } from '../app/testing/signals-city.js';
import type { AppDeps } from '../app/context.js';
import { openStore, type Store } from '../store/index.js';
import { DIALECTS, openTestStore, type TestStore } from '../store/testing/dialects.js';
import { runDaily, type DailyRunReport, type JobResult } from './daily.js';

/** Monday 2026-03-02 10:00 in Shanghai; March 2026 has no public holiday. */
const at = (day: string): Date => new Date(`${day}T02:00:00.000Z`);
const result = (r: DailyRunReport, job: string): JobResult => r.results.find((x) => x.job === job)!;

describe.each(DIALECTS)('the daily jobs on $name', ({ name, skip }) => {
  let t: TestStore;
  beforeAll(async () => {
    if (!skip) t = await openTestStore(name);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  /**
   * A city with overdue work: A (due 03-04), B (due 03-03, urged by hand on 03-04), C (due 03-31), D (due
   * 03-04, urged by hand on 03-05), E (due 03-04 but owned by the district, outside the city supervisor's
   * supervision), F (a draft), and fever counts that alarm on 03-04 in 东城区.
   */
  async function city(clock: TestClock, deps: AppDeps) {
    const c = await seedCity(deps);
    const item = async (by: string, title: string, lead: string, deadline: string | null) => {
      const { item: it } = await createItem(deps, c.as(by), { ledgerType: 'directive', title, fields: { category: 'other' } });
      if (deadline) await performAction(deps, c.as(by), it.id, { type: 'AssignItem', data: { leadUnitId: lead, deadline } });
      return it.id;
    };
    const ids = {
      A: await item('sup', '甲', 'env', '2026-03-04'),
      B: await item('sup', '乙', 'water', '2026-03-03'),
      C: await item('sup', '丙', 'env', '2026-03-31'),
      D: await item('sup', '丁', 'water', '2026-03-04'),
      E: await item('d1sup', '戊', 'd1s1', '2026-03-04'),
      F: await item('sup', '己', 'env', null),
    };
    await configureIndicator(deps, c.as('sup'), { key: 'fever', name: '发热门诊就诊人次', algorithm: 'earsC', control: { method: 'C1' }, frequency: 'day' });
    clock.now = at('2026-03-04');
    await performAction(deps, c.as('sup'), ids.B, { type: 'UrgeItem', data: { note: '请抓紧办理' } });
    clock.now = at('2026-03-05');
    await performAction(deps, c.as('sup'), ids.D, { type: 'UrgeItem', data: {} });
    expect((await ingestCounts(deps, c.as('sup'), countsCsv(dailyRows('d1', 'fever', '2026-02-18', steadyThen(30))))).committed).toBe(true);
    const urges = async (id: string) =>
      (await t.store.read.events.listByItem(c.tenantId, id))
        .filter((e) => e.type === 'ItemUrged')
        .map((e) => {
          const data = e.payload.data as { kind: string; automatic: boolean };
          return { kind: data.kind, automatic: data.automatic, day: e.at.slice(0, 10) };
        });
    return { ...c, ids, urges };
  }

  it.skipIf(skip)('urges exactly the overdue items due for a step, once; a second run the same day does nothing', async () => {
    const clock = testClock();
    const deps = testDeps(t.store, clock);
    const { tenantId, ids, urges, as } = await city(clock, deps);

    const first = await runDaily(deps, { tenantId, username: 'sup', node: 'node-a' });
    expect(first.day).toBe('2026-03-05');
    expect(result(first, 'signals_detect')).toMatchObject({ status: 'done', attempt: 1, outcome: { date: '2026-03-04', series: 1, alarm_opened: 1 } });
    expect(result(first, 'escalation_sweep')).toMatchObject({ status: 'done', outcome: { overdue: 4, outOfScope: 0, notDue: 2, urged: 2, urge: 2, supervision_letter: 0 } });
    expect(await urges(ids.A)).toEqual([{ kind: 'urge', automatic: true, day: '2026-03-05' }]);
    expect(await urges(ids.B)).toEqual([{ kind: 'urge', automatic: false, day: '2026-03-04' }]);
    expect(await urges(ids.D)).toEqual([{ kind: 'urge', automatic: false, day: '2026-03-05' }]);
    // E is the district's, and the city supervisor who runs the sweep supervises the whole city, districts included.
    expect(await urges(ids.E)).toEqual([{ kind: 'urge', automatic: true, day: '2026-03-05' }]);
    for (const id of [ids.C, ids.F]) expect(await urges(id)).toEqual([]);

    clock.now = new Date(clock.now.getTime() + 3 * 3600_000);
    const again = await runDaily(deps, { tenantId, username: 'sup', node: 'node-b' });
    expect(again.results.map((r) => [r.job, r.status])).toEqual([
      ['signals_detect', 'skipped'],
      ['deadline_reminders', 'skipped'],
      ['escalation_sweep', 'skipped'],
      ['recheck_schedule', 'skipped'],
      ['inspection_rounds', 'skipped'],
    ]);
    expect(result(again, 'escalation_sweep')).toMatchObject({ heldBy: { node: 'node-a', status: 'done', outcome: { urged: 2 } } });
    // The sweep itself repeats nothing, claim or not.
    expect((await sweepEscalations(deps, as('sup'))).steps).toEqual([]);
    expect(await urges(ids.A)).toHaveLength(1);
    expect(await t.store.read.items.count(tenantId, { ledgerTypes: ['signal'] })).toBe(1);

    // A week on, 5 working days after each deadline and after each urge: the 督办函 of A, B, D and E.
    clock.now = at('2026-03-12');
    const later = await runDaily(deps, { tenantId, username: 'sup', node: 'node-b' });
    const letters = (result(later, 'escalation_sweep') as Extract<JobResult, { status: 'done' }>).outcome;
    expect(letters).toMatchObject({ supervision_letter: 4, outOfScope: 0 });
    for (const id of [ids.A, ids.B, ids.D, ids.E]) expect((await urges(id)).at(-1)).toEqual({ kind: 'supervision_letter', automatic: true, day: '2026-03-12' });
    expect(
      (await t.store.read.jobRuns.list(tenantId)).map((r) => [r.day, r.job, r.status, r.node]).filter(([, job]) => job === 'escalation_sweep' || job === 'signals_detect'),
    ).toEqual([
      ['2026-03-12', 'escalation_sweep', 'done', 'node-b'],
      ['2026-03-12', 'signals_detect', 'done', 'node-b'],
      ['2026-03-05', 'escalation_sweep', 'done', 'node-a'],
      ['2026-03-05', 'signals_detect', 'done', 'node-a'],
    ]);
    // C is due on the 31st: by the 12th it is far off still; nothing closed has a 回头看 due.
    expect(result(later, 'deadline_reminders')).toMatchObject({ status: 'done', outcome: { written: 0 } });
    expect(result(later, 'recheck_schedule')).toMatchObject({ status: 'done', outcome: { examined: 0, written: 0 } });
  });

  it.skipIf(skip)('two nodes running the same day at once: one does each job, the other skips it', async () => {
    const clock = testClock();
    const deps = testDeps(t.store, clock);
    const { tenantId, ids, urges } = await city(clock, deps);
    // Two stores are two nodes. On SQLite (one file, one node) a second connection in the same process would
    // block the event loop on the file lock, so there the two runs share one store, as two requests would.
    const second: Store = name === 'postgres' ? await openStore(t.config) : t.store;
    try {
      const other = testDeps(second, clock);
      const runs = await Promise.all([runDaily(deps, { tenantId, username: 'sup', node: 'n1' }), runDaily(other, { tenantId, username: 'sup', node: 'n2' })]);
      for (const job of ['signals_detect', 'deadline_reminders', 'escalation_sweep', 'recheck_schedule', 'inspection_rounds']) {
        expect(runs.map((r) => result(r, job).status).sort()).toEqual(['done', 'skipped']);
      }
      expect(await urges(ids.A)).toEqual([{ kind: 'urge', automatic: true, day: '2026-03-05' }]);
      expect(await t.store.read.items.count(tenantId, { ledgerTypes: ['signal'] })).toBe(1);
    } finally {
      if (second !== t.store) await second.close();
    }
  });

  it.skipIf(skip)('takes over a run whose node died or that failed, up to its attempts, and never lets the old holder write', async () => {
    const deps = testDeps(t.store, testClock());
    const { tenantId } = await seedCity(deps);
    const claim = (node: string, when: string, staleBefore: string, maxAttempts = 3) =>
      t.store.transaction((tx) => tx.jobRuns.claim(tenantId, 'escalation_sweep', '2026-03-05', node, when, { staleBefore, maxAttempts }));
    const finish = (node: string, status: 'done' | 'failed') =>
      t.store.transaction((tx) =>
        tx.jobRuns.finish(tenantId, 'escalation_sweep', '2026-03-05', node, { status, error: status === 'failed' ? 'boom' : undefined }, '2026-03-05T03:00:00.000Z'),
      );
    expect(await claim('n1', '2026-03-05T01:00:00.000Z', '2026-03-04T23:00:00.000Z')).toEqual({ claimed: true, attempt: 1 });
    expect(await claim('n2', '2026-03-05T01:30:00.000Z', '2026-03-04T23:30:00.000Z')).toMatchObject({ claimed: false, current: { node: 'n1', status: 'running' } });
    // Two hours later n1 is presumed dead.
    expect(await claim('n2', '2026-03-05T03:01:00.000Z', '2026-03-05T01:01:00.000Z')).toEqual({ claimed: true, attempt: 2 });
    expect(await finish('n1', 'done')).toBe(false);
    expect(await finish('n2', 'failed')).toBe(true);
    expect(await claim('n3', '2026-03-05T03:02:00.000Z', '2026-03-05T01:02:00.000Z')).toEqual({ claimed: true, attempt: 3 });
    expect(await finish('n3', 'failed')).toBe(true);
    expect(await claim('n4', '2026-03-05T03:03:00.000Z', '2026-03-05T01:03:00.000Z')).toMatchObject({ claimed: false, current: { status: 'failed', attempts: 3, error: 'boom' } });
  });

  it.skipIf(skip)('refuses a user who is not a supervisor, an unknown user and a future day before claiming anything', async () => {
    const clock = testClock();
    const deps = testDeps(t.store, clock);
    const { tenantId } = await seedCity(deps);
    expect(await code(runDaily(deps, { tenantId, username: 'env', node: 'n' }))).toBe('forbidden');
    expect(await code(runDaily(deps, { tenantId, username: 'nobody', node: 'n' }))).toBe('user_not_found');
    expect(await code(runDaily(deps, { tenantId, username: 'sup', node: 'n', day: '2026-03-03' }))).toBe('invalid_input');
    expect(await code(runDaily(deps, { tenantId, username: 'sup', node: 'n', day: '2026-02-30' }))).toBe('invalid_input');
    expect(await t.store.read.jobRuns.list(tenantId)).toEqual([]);
  });
});
