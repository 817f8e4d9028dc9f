/*
 * Notification benchmark (not a test): N overdue items (default 10,000) on SQLite and, when
 * LUOSHI_BENCH_DATABASE_URL is set, PostgreSQL; the daily escalation sweep urges each of them (an ItemUrged event
 * per item, through the loop), then the notifier turns those events into in-app notifications and outbox
 * deliveries (two handlers with e-mail per lead unit, a group robot for a quarter of the units). Prints the
 * sweep's and the fan-out's time, events and notifications per second, and whether sweep plus fan-out stayed
 * under the minute the daily run allows.
 *   npm run bench:notify [-- --items 10000 --db sqlite|postgres]
 */
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sweepEscalations } from '../src/app/escalation/index.js';
import { addUnits, addUsers, ensureTenant } from '../src/app/organisation.js';
import type { AppDeps } from '../src/app/context.js';
import { addNotifyChannel, setUserContacts } from '../src/app/notify/admin.js';
import { fanOutNotifications } from '../src/app/notify/fanout.js';
import { openStore, type StoreConfig } from '../src/store/index.js';
import { buildItem } from '../src/store/testing/factories.js';
import { dropTestDatabase, randomKeys } from '../src/store/testing/dialects.js';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const N = Number(arg('items') ?? 10_000);
const DB = arg('db');
const UNITS = 40;

async function run(name: 'sqlite' | 'postgres'): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-bench-notify-'));
  const pg = process.env.LUOSHI_BENCH_DATABASE_URL;
  const config: StoreConfig =
    name === 'sqlite'
      ? { database: { kind: 'sqlite', file: join(dir, 'luoshi.db') }, dataDir: dir }
      : { database: { kind: 'postgres', url: pg!, schema: `bench_notify_${process.pid}`, poolSize: 10 }, dataDir: dir, keys: randomKeys() };
  const store = await openStore(config);
  // Thursday 2026-07-02, 09:00 in Shanghai: every item's deadline (in June) has passed.
  const now = new Date('2026-07-02T01:00:00.000Z');
  const deps: AppDeps = { store, now: () => now, newId: () => crypto.randomUUID(), allowPrivateWebhooks: true };
  const tenantId = 'bench';
  try {
    await ensureTenant(deps, { id: tenantId, name: '示范市', signingPolicy: 'when_enrolled' });
    const depts = Array.from({ length: UNITS }, (_, i) => ({ id: `d${i}`, name: `部门${i}`, kind: 'department' as const, parentId: 'city' }));
    await addUnits(deps, tenantId, [
      { id: 'city', name: '示范市', kind: 'city', parentId: null },
      { id: 'office', name: '督查室', kind: 'department', parentId: 'city' },
      ...depts,
    ]);
    const handlers = depts.flatMap((d) =>
      [1, 2].map((k) => ({ id: `h-${d.id}-${k}`, username: `${d.id}.h${k}`, displayName: `${d.name}承办人${k}`, unitId: d.id, roles: ['handler' as const] })),
    );
    await addUsers(deps, tenantId, [
      { id: 'sup', username: 'sup', displayName: '督办员', unitId: 'office', roles: ['supervisor'] },
      { id: 'sup2', username: 'sup2', displayName: '督办员二', unitId: 'office', roles: ['supervisor'] },
      { id: 'sys', username: 'sys', displayName: '系统管理员', unitId: 'city', roles: ['system_admin'] },
      ...handlers,
    ]);
    for (const h of handlers) await setUserContacts(deps, { tenantId, username: 'sys' }, h.username, { email: `${h.username}@example.gov.cn` });
    for (let i = 0; i < UNITS; i += 4) {
      await addNotifyChannel(
        deps,
        { tenantId, username: 'sys' },
        { kind: 'wecom-robot', unitId: `d${i}`, url: `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k${i}`, settings: {}, secrets: {} },
      );
    }
    const t0 = Date.now();
    for (let start = 0; start < N; start += 2000) {
      await store.transaction(async (tx) => {
        for (let i = start; i < Math.min(N, start + 2000); i++) {
          const item = buildItem(tenantId, {
            id: `it${i}`,
            number: `督办〔2026〕${String(i).padStart(6, '0')}号`,
            title: `第${i}项整改任务`,
            ownerUnitId: 'office',
            leadUnitId: `d${i % UNITS}`,
            coUnitIds: [],
            contacts: {},
            status: 'in_progress',
            acceptedAt: '2026-03-03T00:00:00.000Z',
            currentDeadline: '2026-06-15',
            originalDeadline: '2026-06-15',
            createdBy: 'sup',
          });
          await tx.items.insert(item, '2026-03-02T00:00:00.000Z');
        }
      });
    }
    // Notifications start at the head: the setup is history.
    await fanOutNotifications(deps, tenantId, { mail: true, publicUrl: 'https://luoshi.example.gov.cn' });
    console.log(`${name}: ${N} overdue items seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s (load ${loadavg()[0]!.toFixed(1)})`);
    const s0 = Date.now();
    const sweep = await sweepEscalations(deps, { tenantId, username: 'sup' });
    const sweepS = (Date.now() - s0) / 1000;
    const f0 = Date.now();
    const fan = await fanOutNotifications(deps, tenantId, { mail: true, publicUrl: 'https://luoshi.example.gov.cn' });
    const fanS = (Date.now() - f0) / 1000;
    const total = sweepS + fanS;
    console.log(
      `  sweep     ${sweep.steps.length} urged (${sweep.failures.length} failed) in ${sweepS.toFixed(1)} s = ${(sweep.steps.length / sweepS).toFixed(0)} items/s\n` +
        `  fan-out   ${fan.events} events → ${fan.inbox} in-app + ${fan.deliveries} deliveries in ${fanS.toFixed(2)} s = ${(fan.events / fanS).toFixed(0)} events/s, ${((fan.inbox + fan.deliveries) / fanS).toFixed(0)} notifications/s\n` +
        `  sweep + fan-out ${total.toFixed(1)} s ${total < 60 ? '< 60 s ✓' : '≥ 60 s ✗'}; fan-out ${((fanS / total) * 100).toFixed(0)} % of it (load ${loadavg()[0]!.toFixed(1)})`,
    );
  } finally {
    await store.close();
    if (name === 'postgres') await dropTestDatabase(config.database);
  }
}

for (const name of ['sqlite', 'postgres'] as const) {
  if (DB !== undefined && DB !== name) continue;
  if (name === 'postgres' && !process.env.LUOSHI_BENCH_DATABASE_URL) {
    console.log('postgres: skipped (set LUOSHI_BENCH_DATABASE_URL)');
    continue;
  }
  await run(name);
}
