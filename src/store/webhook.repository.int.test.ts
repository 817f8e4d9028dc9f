/*
 * The webhook outbox's claim and record on both databases: a batch is claimed at once and never by two
 * dispatchers, disabled webhooks and webhooks whose secret fails its check hold nothing up, and an outcome is
 * recorded only under the claim it was sent with.
 */
import { afterEach, expect, it } from 'vitest';
import type { TenantId } from '../domain/ids.js';
import { openStore, type Store } from './store.js';
import { describeOnStores } from './testing/suite.js';
import { T0, buildEvent, buildItem, seedTenant } from './testing/factories.js';
import { asAttacker } from './testing/tamper.js';
import { DISABLED_ERROR, SECRET_INVALID_ERROR, type DueDelivery } from './webhook.repository.js';

const at = (minutes: number): string => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
const FAR = at(7 * 24 * 60);

describeOnStores('webhook outbox', (t, name) => {
  // The outbox is shared by the tests of this store: settle whatever a test left, so the next one claims only its own.
  afterEach(async () => {
    for (;;) {
      const due = await t.store.transaction((tx) => tx.webhooks.claimDue(FAR, 100, 1_000));
      if (due.length === 0) break;
      for (const d of due) {
        await t.store.transaction((tx) => tx.webhooks.recordAttempt(d.tenantId, d.id, d.claimedUntil, { ok: true, status: 200, error: null, at: FAR, nextAttemptAt: null }));
      }
    }
  });

  const claim = (now: string, limit = 20, leaseMs = 60_000, store: Store = t.store): Promise<DueDelivery[]> => store.transaction((tx) => tx.webhooks.claimDue(now, limit, leaseMs));
  const deliveries = (tenantId: TenantId, hook: string) => t.store.read.webhooks.listDeliveries(tenantId, hook);

  /** A tenant with webhooks `hooks` on the city and an item; each of `events` loop events writes one delivery per webhook. */
  async function outbox(hooks: string[], events = 1) {
    const { tenantId } = await seedTenant(t.store);
    for (const id of hooks) {
      await t.store.transaction((tx) =>
        tx.webhooks.insert({ id, tenantId, url: `https://example.org/${id}`, unitId: 'u-city', ledgerType: null, createdBy: 'sup', createdAt: T0 }, `secret of ${id}`),
      );
    }
    const item = buildItem(tenantId, { version: events });
    await t.store.transaction(async (tx) => {
      await tx.items.insert(item, item.createdAt);
      await tx.appendEvents(
        tenantId,
        Array.from({ length: events }, (_, i) => buildEvent(item.id, 'ItemReported', i, { version: i + 1 })),
      );
    });
    return { tenantId };
  }

  it('claims a batch of due deliveries with what sending needs, oldest first, and each only once while claimed', async () => {
    const { tenantId } = await outbox(['a'], 3);
    expect(await claim(at(-1))).toEqual([]);
    const first = await claim(at(1), 2);
    expect(first.map((d) => d.eventSeq)).toEqual([1, 2]);
    expect(first[0]).toMatchObject({
      tenantId,
      webhookId: 'a',
      url: 'https://example.org/a',
      secret: 'secret of a',
      status: 'pending',
      attempts: 0,
      claimedUntil: new Date(Date.parse(at(1)) + 60_000).toISOString(),
    });
    // The third is not due yet at minute 1; at minute 2 it is, and the two claimed ones stay claimed.
    expect((await claim(at(2))).map((d) => d.eventSeq)).toEqual([3]);
    expect(await claim(at(2))).toEqual([]);
    expect((await deliveries(tenantId, 'a')).every((d) => d.status === 'pending')).toBe(true);
  });

  it('claims no more than the batch asked for, however many are due', async () => {
    const { tenantId } = await outbox(['a', 'b'], 60);
    // 120 deliveries due: a claim that ran its pick again for each row it updates would take them all.
    const batches = [];
    for (let i = 0; i < 4; i++) batches.push(await claim(at(90), 7 + i));
    expect(batches.map((b) => b.length)).toEqual([7, 8, 9, 10]);
    expect(new Set(batches.flat().map((d) => d.id)).size).toBe(34);
    expect(batches.flat().every((d) => d.tenantId === tenantId)).toBe(true);
  });

  it('never hands one delivery to two dispatchers claiming at the same time', async () => {
    const { tenantId } = await outbox(['a', 'b'], 10);
    // On PostgreSQL two stores (two nodes) at once; a SQLite file is held by one process, whose transactions take turns.
    const other = name === 'postgres' ? await openStore(t.config) : t.store;
    try {
      const claims = await Promise.all([t.store, other, t.store, other].map((store) => claim(at(20), 7, 60_000, store)));
      const ids = claims.flat().map((d) => d.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toHaveLength(20);
      expect(claims.flat().every((d) => d.tenantId === tenantId)).toBe(true);
    } finally {
      if (other !== t.store) await other.close();
    }
  });

  it('does not claim the deliveries of a disabled webhook; disabling fails those not being sent', async () => {
    const { tenantId } = await outbox(['on', 'off', 'gone']);
    // Switched off behind the repository's back: the claim itself looks at the webhook.
    await asAttacker(t.config.database, (db) =>
      db
        .updateTable('webhooks')
        .set({ disabled_at: at(0) })
        .where('tenant_id', '=', tenantId)
        .where('webhook_id', '=', 'off')
        .execute(),
    );
    expect((await claim(at(1))).map((d) => d.webhookId).sort()).toEqual(['gone', 'on']);
    expect((await deliveries(tenantId, 'off'))[0]).toMatchObject({ status: 'pending', attempts: 0 });

    // Disabled through the repository: what waits fails at once; what is being sent has its attempt recorded,
    // and a retry of it becomes failed.
    const { tenantId: t2 } = await outbox(['idle', 'busy']);
    const mine = (await claim(at(1))).filter((d) => d.tenantId === t2);
    const busy = mine.find((d) => d.webhookId === 'busy')!;
    const idle = mine.find((d) => d.webhookId === 'idle')!;
    // `idle` waits for its retry (no claim on it), `busy` is still being sent when both are disabled.
    await t.store.transaction((tx) => tx.webhooks.recordAttempt(t2, idle.id, idle.claimedUntil, { ok: false, status: 503, error: 'HTTP 503', at: at(1), nextAttemptAt: at(1.2) }));
    await t.store.transaction(async (tx) => {
      await tx.webhooks.disable(t2, 'idle', at(1.5));
      await tx.webhooks.disable(t2, 'busy', at(1.5));
    });
    expect((await deliveries(t2, 'idle'))[0]).toMatchObject({ status: 'failed', attempts: 1, lastStatus: 503, lastError: DISABLED_ERROR });
    expect((await deliveries(t2, 'busy'))[0]).toMatchObject({ status: 'pending' });
    expect(
      await t.store.transaction((tx) => tx.webhooks.recordAttempt(t2, busy.id, busy.claimedUntil, { ok: false, status: 500, error: 'HTTP 500', at: at(3), nextAttemptAt: at(4) })),
    ).toBe(true);
    expect((await deliveries(t2, 'busy'))[0]).toMatchObject({ status: 'failed', attempts: 1, lastStatus: 500, lastError: `HTTP 500; ${DISABLED_ERROR}` });
    expect((await claim(FAR)).filter((d) => d.tenantId === t2)).toEqual([]);
  });

  it('fails the deliveries of a disabled webhook that a stopped dispatcher left claimed, once the claim has run out', async () => {
    // The sweep covers every tenant: first whatever earlier tests left (a webhook switched off behind the repository's back).
    await t.store.transaction((tx) => tx.webhooks.failDisabled(FAR));
    const { tenantId } = await outbox(['lost', 'held']);
    const claimed = (await claim(at(1), 20, 1_000)).filter((d) => d.tenantId === tenantId);
    expect(claimed).toHaveLength(2);
    await t.store.transaction(async (tx) => {
      await tx.webhooks.disable(tenantId, 'lost', at(1));
      await tx.webhooks.disable(tenantId, 'held', at(1));
    });
    // While the claims hold, the sweep leaves them to their dispatcher; once they have run out with nothing
    // recorded (the dispatcher stopped), both fail, since a disabled webhook's delivery is never claimed again.
    const held = claimed.find((d) => d.webhookId === 'held')!;
    expect(await t.store.transaction((tx) => tx.webhooks.failDisabled(at(1)))).toBe(0);
    expect((await deliveries(tenantId, 'lost'))[0]).toMatchObject({ status: 'pending' });
    const later = new Date(Date.parse(at(1)) + 2_000).toISOString();
    expect(await t.store.transaction((tx) => tx.webhooks.failDisabled(later))).toBe(2);
    for (const hook of ['lost', 'held']) expect((await deliveries(tenantId, hook))[0]).toMatchObject({ status: 'failed', attempts: 0, lastError: DISABLED_ERROR });
    // The node that held `held` comes back too late: its outcome is not recorded over the failure.
    expect(
      await t.store.transaction((tx) => tx.webhooks.recordAttempt(tenantId, held.id, held.claimedUntil, { ok: true, status: 200, error: null, at: later, nextAttemptAt: null })),
    ).toBe(false);
    expect(await t.store.transaction((tx) => tx.webhooks.failDisabled(later))).toBe(0);
  });

  it('fails a delivery whose webhook secret fails its check on its own and claims the rest, of every tenant', async () => {
    const { tenantId: broken } = await outbox(['tampered', 'fine']);
    const { tenantId: neighbour } = await outbox(['next']);
    // One byte of the sealed secret changed: the box no longer opens.
    await asAttacker(t.config.database, async (db) => {
      const hook = db.updateTable('webhooks').where('tenant_id', '=', broken).where('webhook_id', '=', 'tampered');
      const { sealed_secret } = await db
        .selectFrom('webhooks')
        .select('sealed_secret')
        .where('tenant_id', '=', broken)
        .where('webhook_id', '=', 'tampered')
        .executeTakeFirstOrThrow();
      const raw = Buffer.from(sealed_secret, 'base64');
      raw[20] = raw[20]! ^ 1;
      await hook.set({ sealed_secret: raw.toString('base64') }).execute();
    });

    const due = await claim(at(1), 100);
    expect(due.map((d) => `${d.tenantId === broken ? 'broken' : 'neighbour'}/${d.webhookId}`).sort()).toEqual(['broken/fine', 'neighbour/next']);
    expect(due.find((d) => d.webhookId === 'fine')!.secret).toBe('secret of fine');
    expect((await deliveries(broken, 'tampered'))[0]).toMatchObject({ status: 'failed', attempts: 0, lastError: SECRET_INVALID_ERROR, deliveredAt: null });
    // Failed for good: never claimed again, so it cannot stall the outbox.
    for (const d of due) {
      await t.store.transaction((tx) => tx.webhooks.recordAttempt(d.tenantId, d.id, d.claimedUntil, { ok: true, status: 200, error: null, at: at(1), nextAttemptAt: null }));
    }
    expect(await claim(FAR)).toEqual([]);
    expect((await deliveries(neighbour, 'next'))[0]).toMatchObject({ status: 'delivered', attempts: 1 });
  });

  it('records an outcome only under the claim it was sent with: a run-out claim neither overwrites nor counts twice', async () => {
    const { tenantId } = await outbox(['a']);
    const [slow] = await claim(at(1), 20, 1_000);
    // The slow node's claim runs out; another node claims the delivery and delivers it.
    const [fast] = await claim(new Date(Date.parse(at(1)) + 2_000).toISOString(), 20, 1_000);
    expect(fast!.id).toBe(slow!.id);
    expect(fast!.claimedUntil > slow!.claimedUntil).toBe(true);
    const record = (d: DueDelivery, ok: boolean) =>
      t.store.transaction((tx) =>
        tx.webhooks.recordAttempt(tenantId, d.id, d.claimedUntil, { ok, status: ok ? 200 : 500, error: ok ? null : 'HTTP 500', at: at(2), nextAttemptAt: ok ? null : at(3) }),
      );
    // The slow node's late failure, while the fast node still holds its claim, is not recorded and leaves that claim be.
    expect(await record(slow!, false)).toBe(false);
    expect((await deliveries(tenantId, 'a'))[0]).toMatchObject({ status: 'pending', attempts: 0, lastError: null });
    expect(await claim(new Date(Date.parse(at(1)) + 2_500).toISOString(), 20, 1_000)).toEqual([]);
    // The fast node's outcome is recorded once; the same claim does not count it again.
    expect(await record(fast!, true)).toBe(true);
    expect(await record(fast!, true)).toBe(false);
    expect(await record(slow!, false)).toBe(false);
    expect((await deliveries(tenantId, 'a'))[0]).toMatchObject({ status: 'delivered', attempts: 1, lastStatus: 200, lastError: null });
  });
});
