import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { openStore } from './store.js';
import { describeOnStores } from './testing/suite.js';
import { T0, seedTenant } from './testing/factories.js';

/** Resolves when `calls()` exceeds `from`, or after `ms` (then the test's expectation tells). */
async function callsAfter(calls: () => number, from: number, ms: number): Promise<number> {
  const until = performance.now() + ms;
  while (calls() <= from && performance.now() < until) await sleep(10);
  return calls();
}

describeOnStores('changes to accounts heard by a store', (t, name) => {
  it(
    name === 'postgres'
      ? 'hears revocations, disabling and role changes made through another store, and not activity stamps'
      : 'SQLite, one server per file, has nothing to hear: the listener is never called',
    async () => {
      const { tenantId } = await seedTenant(t.store);
      let calls = 0;
      const stop = t.store.onAccountsChanged(() => (calls += 1));
      const other = await openStore({ ...t.config, migrate: false });
      try {
        const session = {
          id: `s-${tenantId}`,
          tenantId,
          userId: 'han',
          csrfToken: 'c',
          secondFactor: 'none' as const,
          createdAt: T0,
          lastSeenAt: T0,
          expiresAt: '2026-03-03T01:00:00.000Z',
          client: null,
        };
        if (name === 'sqlite') {
          await other.transaction((tx) => tx.sessions.revokeForUser(tenantId, 'han', T0));
          await sleep(200);
          expect(calls).toBe(0);
          return;
        }
        // Told once when listening starts (changes before it went unheard).
        expect(await callsAfter(() => calls, 0, 5_000)).toBe(1);
        await other.transaction((tx) => tx.sessions.insert(session));
        await other.transaction((tx) => tx.sessions.touch(session.id, '2026-03-02T02:00:00.000Z'));
        await sleep(300);
        expect(calls).toBe(1);
        await other.transaction((tx) => tx.sessions.revoke(session.id, '2026-03-02T03:00:00.000Z'));
        expect(await callsAfter(() => calls, 1, 3_000)).toBe(2);
        await other.transaction((tx) => tx.users.setDisabled(tenantId, 'han', T0));
        expect(await callsAfter(() => calls, 2, 3_000)).toBe(3);
        await other.transaction((tx) => tx.users.setRoles(tenantId, 'sup', ['supervisor', 'leader']));
        expect(await callsAfter(() => calls, 3, 3_000)).toBe(4);
        stop();
        await other.transaction((tx) => tx.users.setDisabled(tenantId, 'sup', T0));
        await sleep(300);
        expect(calls).toBe(4);
      } finally {
        stop();
        await other.close();
      }
    },
  );
});
