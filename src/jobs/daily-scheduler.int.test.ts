import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCity, testClock, testDeps } from '../app/testing/city.js';
import { DIALECTS, openTestStore, type TestStore } from '../store/testing/dialects.js';
import { minutesOf, schedulerTick, startDailyScheduler, type SchedulerLog, type SchedulerState } from './daily-scheduler.js';

function memoryLog(): SchedulerLog & { lines: { level: string; msg: string; obj: object }[] } {
  const lines: { level: string; msg: string; obj: object }[] = [];
  const at = (level: string) => (obj: object, msg: string) => void lines.push({ level, msg, obj });
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

describe('minutesOf', () => {
  it('reads HH:MM and refuses anything else', () => {
    expect([minutesOf('00:00'), minutesOf('07:30'), minutesOf('23:59')]).toEqual([0, 450, 1439]);
    expect([minutesOf('24:00'), minutesOf('7:30'), minutesOf('')].every(Number.isNaN)).toBe(true);
  });
});

describe.each(DIALECTS)('the daily scheduler on $name', ({ name, skip }) => {
  let t: TestStore;
  beforeAll(async () => {
    if (!skip) t = await openTestStore(name);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it.skipIf(skip)('stays idle without a user and says so', async () => {
    const log = memoryLog();
    const stop = startDailyScheduler(testDeps(t.store, testClock()), { tenantId: 'none', username: null, at: '07:00', node: 'n', log });
    await stop();
    expect(log.lines).toHaveLength(1);
    expect(log.lines[0]).toMatchObject({ level: 'warn', msg: expect.stringContaining('LUOSHI_SCHEDULER_USER is not set') });
  });

  it.skipIf(skip)('runs once per city day from its time on, and settles the day', async () => {
    // 2026-03-02 06:30 in Shanghai (22:30 UTC the day before).
    const clock = testClock('2026-03-01T22:30:00.000Z');
    const deps = testDeps(t.store, clock);
    const { tenantId } = await seedCity(deps);
    const log = memoryLog();
    const o = { tenantId, username: 'sup', at: '07:00', node: 'n1', log };
    const state: SchedulerState = { settledDay: null, reported: null };
    expect(await schedulerTick(deps, o, state)).toBeNull();
    clock.now = new Date('2026-03-01T23:05:00.000Z');
    const report = await schedulerTick(deps, o, state);
    expect(report?.day).toBe('2026-03-02');
    expect(report?.results.map((r) => r.status)).toEqual(['done', 'done', 'done', 'done', 'done']);
    expect(state.settledDay).toBe('2026-03-02');
    expect(await schedulerTick(deps, o, state)).toBeNull();
    // Another node starting later the same day finds the day done and settles it too, doing nothing.
    const other: SchedulerState = { settledDay: null, reported: null };
    expect((await schedulerTick(deps, { ...o, node: 'n2' }, other))?.results.map((r) => r.status)).toEqual(['skipped', 'skipped', 'skipped', 'skipped', 'skipped']);
    expect(other.settledDay).toBe('2026-03-02');
    expect((await t.store.read.jobRuns.list(tenantId)).map((r) => r.node)).toEqual(['n1', 'n1', 'n1', 'n1', 'n1']);
  });

  it.skipIf(skip)('logs a scheduler user that cannot run once a day, without claiming', async () => {
    const clock = testClock();
    const deps = testDeps(t.store, clock);
    const { tenantId } = await seedCity(deps);
    const log = memoryLog();
    const state: SchedulerState = { settledDay: null, reported: null };
    const o = { tenantId, username: 'env', at: '07:00', node: 'n1', log };
    expect(await schedulerTick(deps, o, state)).toBeNull();
    expect(await schedulerTick(deps, o, state)).toBeNull();
    expect(log.lines.map((l) => [l.level, (l.obj as { code?: string }).code])).toEqual([['error', 'forbidden']]);
    expect(await t.store.read.jobRuns.list(tenantId)).toEqual([]);
  });
});
