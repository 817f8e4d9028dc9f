import { join } from 'node:path';
import { sql } from 'kysely';
import { expect, it, vi } from 'vitest';
import { canonicalJson } from './canonical.js';
import { appendEvents, createChainKey, GENESIS_HASH, type StoredEvent } from './chain.js';
import { nodeCryptoProvider } from './crypto/node-provider.js';
import { createDatabase } from './db.js';
import { KEY_FILES, loadCheckpointSigner, loadSecretKey } from './keys.js';
import { readCheckpoints } from './checkpoints.js';
import { openStore } from './store.js';
import { openTestStore, type TestStore } from './testing/dialects.js';
import { describeOnStores } from './testing/suite.js';
import { T0, buildEvent, buildItem, seedTenant } from './testing/factories.js';
import { readWindow, verifyChain } from './verify.js';
import { eventBodyOf } from './canonical.js';

describeOnStores('event chain', (t, name) => {
  const keysOf = (s: TestStore) => s.config.keys?.checkpointSigning ?? loadCheckpointSigner(s.dir, false);
  const chainSecret = () => t.config.keys?.chain ?? loadSecretKey(t.dir, 'chain', nodeCryptoProvider, false);

  it('numbers events per tenant without gaps and links each to the one before', async () => {
    const a = await seedTenant(t.store);
    const b = await seedTenant(t.store);
    const first = await t.store.transaction((tx) => tx.appendEvents(a.tenantId, [buildEvent('i1', 'ItemCreated', 0), buildEvent('i1', 'ItemAssigned', 1)]));
    await t.store.transaction((tx) => tx.appendEvents(b.tenantId, [buildEvent('j1', 'ItemCreated', 0)]));
    const third = await t.store.transaction((tx) => tx.appendEvents(a.tenantId, [buildEvent('i1', 'ItemAccepted', 2)]));
    expect([...first, ...third].map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(first[0]!.prevHash).toBe(GENESIS_HASH);
    expect(first[1]!.prevHash).toBe(first[0]!.hash);
    expect(third[0]!.prevHash).toBe(first[1]!.hash);
    expect(await t.store.read.events.listByItem(a.tenantId, 'i1')).toEqual([...first, ...third]);
    expect(await t.store.read.events.listAfter(a.tenantId, 1)).toEqual([first[1], third[0]]);
    expect(await t.store.read.events.head(a.tenantId)).toEqual({ seq: 3, hash: third[0]!.hash, algorithm: 'hmac-sm3' });
  });

  it('MACs the RFC 8785 form of the event with the chain key, so anyone holding the key can check it', async () => {
    const { tenantId } = await seedTenant(t.store);
    const [e] = await t.store.transaction((tx) => tx.appendEvents(tenantId, [buildEvent('i1', 'ItemReported', 5, { progress: 40, text: '已完成清淤' })]));
    const body = canonicalJson({
      actorUnit: e!.actorUnitId,
      actorUser: e!.actorUserId,
      at: e!.at,
      item: e!.itemId,
      payload: e!.payload,
      prev: GENESIS_HASH,
      seq: 1,
      tenant: tenantId,
      type: 'ItemReported',
      v: 1,
    });
    expect(e!.hash).toBe(Buffer.from(nodeCryptoProvider.hmac('sm3', chainSecret(), body)).toString('hex'));
  });

  it('verifies a sound chain against the key and the signed checkpoints', async () => {
    const { tenantId } = await seedTenant(t.store);
    const item = buildItem(tenantId);
    for (let i = 0; i < 5; i++) {
      await t.store.transaction(async (tx) => {
        if (i === 0) await tx.items.insert(item, item.createdAt);
        return tx.appendEvents(tenantId, [buildEvent(item.id, 'ItemReported', i, { n: i })]);
      });
    }
    const r = await t.store.verifyChain(tenantId);
    expect(r).toMatchObject({ ok: true, count: 5, headSeq: 5, checkpointsChecked: 5 });
    expect(await t.store.verifyChain('tenant-without-events')).toEqual({ ok: true, count: 0, headSeq: 0, headHash: GENESIS_HASH, checkpointsChecked: 0 });
  });

  it('checkpoints a head that waits through a quiet spell on a timer, not only at the next commit', async () => {
    // A second between timer checkpoints: long enough that a loaded machine still reads the log before it fires.
    const own = await openTestStore(name, { checkpoints: { everyEvents: 100, everyMs: 1000 } });
    try {
      const { tenantId } = await seedTenant(own.store);
      await own.store.transaction((tx) => tx.appendEvents(tenantId, [buildEvent(null, 'A', 0)]));
      await own.store.transaction((tx) => tx.appendEvents(tenantId, [buildEvent(null, 'B', 1)]));
      const log = join(own.dir, KEY_FILES.checkpointLog);
      const seqs = async () => (await readCheckpoints(log, nodeCryptoProvider, keysOf(own).publicKeyPem)).checkpoints.map((c) => c.seq);
      expect(await seqs()).toEqual([1]);
      await vi.waitFor(async () => expect(await seqs()).toEqual([1, 2]), { timeout: 10_000, interval: 100 });
    } finally {
      await own.dispose();
    }
  });

  it('a rolled back transaction leaves no event and no hole', async () => {
    const { tenantId } = await seedTenant(t.store);
    await t.store.transaction((tx) => tx.appendEvents(tenantId, [buildEvent(null, 'UnitsImported', 0)]));
    await expect(
      t.store.transaction(async (tx) => {
        await tx.appendEvents(tenantId, [buildEvent(null, 'Doomed', 1)]);
        throw new Error('refused after appending');
      }),
    ).rejects.toThrow('refused after appending');
    const [next] = await t.store.transaction((tx) => tx.appendEvents(tenantId, [buildEvent(null, 'UsersImported', 2)]));
    expect(next!.seq).toBe(2);
    expect(await t.store.verifyChain(tenantId)).toMatchObject({ ok: true, count: 2 });
  });

  it('two stores on one database (two nodes) taking turns on a tenant keep one linear chain', async () => {
    const other = await openStore({ ...t.config, checkpoints: { everyEvents: 1_000_000 } });
    try {
      const { tenantId } = await seedTenant(t.store);
      const item = buildItem(tenantId);
      await t.store.transaction((tx) => tx.items.insert(item, item.createdAt));
      // Each store last saw the head it moved itself; the other one has moved it since.
      const writers = [t.store, other, other, t.store, other, t.store, t.store];
      const appended: StoredEvent[] = [];
      for (const [i, store] of writers.entries()) {
        appended.push(...(await store.transaction((tx) => tx.appendEvents(tenantId, [buildEvent(item.id, 'ItemReported', i), buildEvent(item.id, 'ItemUrged', i)]))));
      }
      expect(appended.map((e) => e.seq)).toEqual(Array.from({ length: 2 * writers.length }, (_, i) => i + 1));
      expect(appended.slice(1).every((e, i) => e.prevHash === appended[i]!.hash)).toBe(true);
      expect(await t.store.read.events.listAfter(tenantId, 0)).toEqual(appended);
      expect(await t.store.verifyChain(tenantId)).toMatchObject({ ok: true, count: 2 * writers.length });
    } finally {
      await other.close();
    }
  });

  it('a webhook registered through another store gets the next event appended here', async () => {
    const other = await openStore(t.config);
    try {
      const { tenantId } = await seedTenant(t.store);
      const item = buildItem(tenantId, { version: 2 });
      await t.store.transaction(async (tx) => {
        await tx.items.insert(item, item.createdAt);
        await tx.appendEvents(tenantId, [buildEvent(item.id, 'ItemAssigned', 0, { version: 1 })]);
      });
      await other.transaction((tx) =>
        tx.webhooks.insert({ id: 'hook-1', tenantId, url: 'https://example.org/hook', unitId: 'u-city', ledgerType: null, createdBy: 'sup', createdAt: T0 }, 'secret'),
      );
      const [e] = await t.store.transaction((tx) => tx.appendEvents(tenantId, [buildEvent(item.id, 'ItemReported', 1, { version: 2 })]));
      expect((await t.store.read.webhooks.listDeliveries(tenantId, 'hook-1')).map((d) => d.eventSeq)).toEqual([e!.seq]);
    } finally {
      await other.close();
    }
  });

  it('refuses bad events: no type, a bad time, a payload that is not plain JSON, an unknown tenant', async () => {
    const { tenantId } = await seedTenant(t.store);
    const append = (e: ReturnType<typeof buildEvent>, tenant = tenantId) => t.store.transaction((tx) => tx.appendEvents(tenant, [e]));
    await expect(append({ ...buildEvent(null, 'X', 0), type: '' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(append({ ...buildEvent(null, 'X', 0), at: 'yesterday' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(append(buildEvent(null, 'X', 0, { when: new Date() }))).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(append(buildEvent(null, 'X', 0), 'no-such-tenant')).rejects.toMatchObject({ code: 'reference_not_found' });
  });

  it('appends only inside a transaction', async () => {
    const h = createDatabase(t.config.database);
    try {
      const chain = { key: createChainKey(nodeCryptoProvider, 'hmac-sm3', chainSecret()), dialect: h.dialect };
      await expect(appendEvents(h.db, chain, 't', [buildEvent(null, 'X', 0)])).rejects.toMatchObject({ code: 'transaction_required' });
    } finally {
      await h.close();
    }
  });

  it('the database itself refuses UPDATE and DELETE of events', async () => {
    const { tenantId } = await seedTenant(t.store);
    await t.store.transaction((tx) => tx.appendEvents(tenantId, [buildEvent(null, 'X', 0)]));
    const h = createDatabase(t.config.database);
    try {
      await expect(h.db.updateTable('events').set({ type: 'Y' }).where('tenant_id', '=', tenantId).execute()).rejects.toThrow(/append-only/);
      await expect(h.db.deleteFrom('events').where('tenant_id', '=', tenantId).execute()).rejects.toThrow(/append-only/);
      if (name === 'postgres') await expect(sql`truncate events cascade`.execute(h.db)).rejects.toThrow(/append-only/);
    } finally {
      await h.close();
    }
  });

  it('keeps each tenant on its algorithm: HMAC-SHA-256 by option, and a mismatched configuration is refused', async () => {
    const sha = await openStore({ ...t.config, chainAlgorithm: 'hmac-sha256' });
    try {
      const smTenant = await seedTenant(t.store);
      await t.store.transaction((tx) => tx.appendEvents(smTenant.tenantId, [buildEvent(null, 'X', 0)]));
      await expect(sha.transaction((tx) => tx.appendEvents(smTenant.tenantId, [buildEvent(null, 'Y', 1)]))).rejects.toMatchObject({
        code: 'chain_algorithm_mismatch',
      });
      const shaTenant = await seedTenant(sha);
      await sha.transaction((tx) => tx.appendEvents(shaTenant.tenantId, [buildEvent(null, 'X', 0)]));
      expect(await sha.verifyChain(shaTenant.tenantId)).toMatchObject({ ok: true, count: 1 });
      const smKey = createChainKey(nodeCryptoProvider, 'hmac-sm3', chainSecret());
      const h = createDatabase(t.config.database);
      const wrongKey = await verifyChain(h.db, shaTenant.tenantId, smKey).finally(() => h.close());
      expect(wrongKey).toMatchObject({ ok: false, seq: 1, problem: 'hash_mismatch' });
    } finally {
      await sha.close();
    }
  });

  it('reads each event with the body its MAC covers, built by the database byte for byte as eventBodyOf builds it', async () => {
    const { tenantId } = await seedTenant(t.store);
    const awkward = ['引号"与\\反斜杠', '\b\f\n\r\t\u0001\u001f\u007f', '行分隔\u2028段分隔\u2029', '😀𠀀', '</script>', ''];
    const stored = await t.store.transaction((tx) =>
      tx.appendEvents(tenantId, [
        ...awkward.map((text, i) => ({ ...buildEvent(`item-${text}`, `Type${text}`, i, { text, n: [i, -0.5, 1e21] }), actorUserId: text })),
        { ...buildEvent(null, 'TenantConfigured', 9), actorUserId: null, actorUnitId: null },
      ]),
    );
    const h = createDatabase(t.config.database);
    try {
      const rows = await readWindow(h.db, name, tenantId, 1);
      const tenantJson = JSON.stringify(tenantId);
      rows.forEach((r, i) => {
        const e = stored[i]!;
        const body = eventBodyOf(e.seq, tenantJson, e.itemId, e.type, e.actorUserId, e.actorUnitId, e.at, canonicalJson(e.payload), e.prevHash);
        expect([Number(r[0]), r[1], r[2]]).toEqual([e.seq, e.prevHash, e.hash]);
        expect(r[3]).toBe(body);
      });
      expect(rows).toHaveLength(stored.length);
    } finally {
      await h.close();
    }
    expect(await t.store.verifyChain(tenantId)).toMatchObject({ ok: true, count: stored.length });
  });
});
