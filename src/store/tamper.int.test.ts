import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { eventBody } from './canonical.js';
import { createChainKey } from './chain.js';
import { nodeCryptoProvider } from './crypto/node-provider.js';
import { KEY_FILES } from './keys.js';
import { describeOnStores } from './testing/suite.js';
import { buildEvent, seedTenant } from './testing/factories.js';
import { asAttacker, eventRows } from './testing/tamper.js';

const EVENTS = 8;

describeOnStores('tampering is caught', (t) => {
  /** A tenant with EVENTS events, one transaction (and so one signed checkpoint) each. */
  async function chainOf(): Promise<string> {
    const { tenantId } = await seedTenant(t.store);
    for (let i = 1; i <= EVENTS; i++) {
      await t.store.transaction((tx) => tx.appendEvents(tenantId, [buildEvent('item-1', 'ItemReported', i, { progress: i * 10, text: `第${i}次进展：整改推进中` })]));
    }
    expect(await t.store.verifyChain(tenantId)).toMatchObject({ ok: true, count: EVENTS, checkpointsChecked: EVENTS });
    return tenantId;
  }

  const tamper = (fn: Parameters<typeof asAttacker>[1]) => asAttacker(t.config.database, fn);

  it('a flipped byte in a payload names that event: hash_mismatch', async () => {
    const tenantId = await chainOf();
    await tamper(async (db) => {
      const row = (await eventRows(db, tenantId))[3]!;
      const bytes = Buffer.from(row.payload, 'utf8');
      const at = bytes.indexOf('"progress":40') + '"progress":'.length;
      bytes[at]! ^= 0x01; // '4' → '5'
      await db
        .updateTable('events')
        .set({ payload: bytes.toString('utf8') })
        .where('tenant_id', '=', tenantId)
        .where('seq', '=', 4)
        .execute();
    });
    expect(await t.store.verifyChain(tenantId)).toMatchObject({ ok: false, seq: 4, problem: 'hash_mismatch', count: 3 });
  });

  it('a deleted row names the missing event: gap', async () => {
    const tenantId = await chainOf();
    await tamper((db) => db.deleteFrom('events').where('tenant_id', '=', tenantId).where('seq', '=', 5).execute());
    expect(await t.store.verifyChain(tenantId)).toMatchObject({ ok: false, seq: 5, problem: 'gap' });
  });

  it('a deleted run longer than one read window is still named as the first missing event', async () => {
    const { tenantId } = await seedTenant(t.store);
    await t.store.transaction((tx) =>
      tx.appendEvents(
        tenantId,
        Array.from({ length: 2600 }, (_, i) => buildEvent('item-1', 'ItemUrged', i)),
      ),
    );
    await tamper((db) => db.deleteFrom('events').where('tenant_id', '=', tenantId).where('seq', '>=', 100).where('seq', '<=', 2300).execute());
    expect(await t.store.verifyChain(tenantId)).toMatchObject({ ok: false, seq: 100, problem: 'gap', count: 99 });
  });

  it('two swapped rows name the first of them: reordered', async () => {
    const tenantId = await chainOf();
    await tamper(async (db) => {
      const rows = await eventRows(db, tenantId);
      const [r3, r4] = [rows[2]!, rows[3]!];
      const { tenant_id: _t3, seq: _s3, ...c3 } = r3;
      const { tenant_id: _t4, seq: _s4, ...c4 } = r4;
      const asInsert = (c: typeof c3) => ({ ...c, at: typeof c.at === 'string' ? c.at : c.at.toISOString() });
      await db.updateTable('events').set(asInsert(c4)).where('tenant_id', '=', tenantId).where('seq', '=', 3).execute();
      await db.updateTable('events').set(asInsert(c3)).where('tenant_id', '=', tenantId).where('seq', '=', 4).execute();
    });
    expect(await t.store.verifyChain(tenantId)).toMatchObject({ ok: false, seq: 3, problem: 'reordered' });
  });

  it('a cut-off tail, with the head moved back to match, is caught by the signed checkpoints: truncated', async () => {
    const tenantId = await chainOf();
    await tamper(async (db) => {
      const rows = await eventRows(db, tenantId);
      await db.deleteFrom('events').where('tenant_id', '=', tenantId).where('seq', '>', 6).execute();
      await db.updateTable('chain_heads').set({ head_seq: 6, head_hash: rows[5]!.hash }).where('tenant_id', '=', tenantId).execute();
    });
    const r = await t.store.verifyChain(tenantId);
    expect(r).toMatchObject({ ok: false, seq: 7, problem: 'truncated', count: 6 });
    expect(r.ok === false && r.message).toMatch(/checkpoint/);
  });

  it('a cut-off tail with the head left alone is caught by the head: truncated', async () => {
    const tenantId = await chainOf();
    await tamper((db) => db.deleteFrom('events').where('tenant_id', '=', tenantId).where('seq', '=', EVENTS).execute());
    expect(await t.store.verifyChain(tenantId)).toMatchObject({ ok: false, seq: EVENTS, problem: 'truncated' });
  });

  it('an older state restored and written on (with the key) is caught by the checkpoints: rolled_back', async () => {
    const tenantId = await chainOf();
    await tamper(async (db) => {
      const rows = await eventRows(db, tenantId);
      await db.deleteFrom('events').where('tenant_id', '=', tenantId).where('seq', '>', 5).execute();
      await db.updateTable('chain_heads').set({ head_seq: 5, head_hash: rows[4]!.hash }).where('tenant_id', '=', tenantId).execute();
    });
    // The application carries on from the restored state, with the real key: every MAC and link is sound.
    for (let i = 6; i <= EVENTS; i++) await t.store.transaction((tx) => tx.appendEvents(tenantId, [buildEvent('item-1', 'ItemUrged', i)]));
    expect(await t.store.verifyChain(tenantId)).toMatchObject({ ok: false, seq: 6, problem: 'rolled_back', count: 5 });
  });

  it('a chain rewritten and re-linked without the key fails at its first event: hash_mismatch', async () => {
    const tenantId = await chainOf();
    const forger = createChainKey(nodeCryptoProvider, 'hmac-sm3', nodeCryptoProvider.randomBytes(32));
    await tamper(async (db) => {
      let prev = '0'.repeat(64);
      for (const r of await eventRows(db, tenantId)) {
        const seq = Number(r.seq);
        const payload = seq === 3 ? r.payload.replace('整改推进中', '已全部完成') : r.payload;
        const at = typeof r.at === 'string' ? r.at : r.at.toISOString();
        const body = eventBody({ seq, tenantId, itemId: r.item_id, type: r.type, actorUserId: r.actor_user_id, actorUnitId: r.actor_unit_id, at, payload, prevHash: prev });
        const hash = forger.macHex(body);
        await db.updateTable('events').set({ payload, prev_hash: prev, hash }).where('tenant_id', '=', tenantId).where('seq', '=', seq).execute();
        prev = hash;
      }
      await db.updateTable('chain_heads').set({ head_hash: prev }).where('tenant_id', '=', tenantId).execute();
    });
    expect(await t.store.verifyChain(tenantId)).toMatchObject({ ok: false, seq: 1, problem: 'hash_mismatch' });
  });

  it('an edited checkpoint log is refused rather than trusted: checkpoint_invalid', async () => {
    const tenantId = await chainOf();
    const log = join(t.dir, KEY_FILES.checkpointLog);
    const original = readFileSync(log, 'utf8');
    try {
      writeFileSync(log, original.replace(/"seq":3,/, '"seq":2,'));
      expect(await t.store.verifyChain(tenantId)).toMatchObject({ ok: false, problem: 'checkpoint_invalid' });
    } finally {
      writeFileSync(log, original);
    }
  });

  /** Events after `keep` deleted and the head moved back to match: a restored older database. */
  const rollBack = (tenantId: string, keep: number) =>
    tamper(async (db) => {
      const rows = await eventRows(db, tenantId);
      await db.deleteFrom('events').where('tenant_id', '=', tenantId).where('seq', '>', keep).execute();
      await db
        .updateTable('chain_heads')
        .set({ head_seq: keep, head_hash: rows[keep - 1]!.hash })
        .where('tenant_id', '=', tenantId)
        .execute();
    });

  it('events rolled back and the log trimmed to match are caught by the mark: checkpoint_log_short', async () => {
    const tenantId = await chainOf();
    await rollBack(tenantId, 6);
    const log = join(t.dir, KEY_FILES.checkpointLog);
    const original = readFileSync(log, 'utf8');
    try {
      const kept = original.split('\n').filter((l) => l !== '' && !(l.includes(`"tenant":"${tenantId}"`) && Number(/"seq":(\d+)/.exec(l)![1]) > 6));
      writeFileSync(log, kept.map((l) => `${l}\n`).join(''));
      const r = await t.store.verifyChain(tenantId);
      expect(r).toMatchObject({ ok: false, seq: 7, problem: 'checkpoint_log_short' });
      expect(r.ok === false && r.message).toMatch(/log ends at event 6; checkpoints were written up to event 8/);
      expect(r.ok === false && r.messageZh).toMatch(/检查点日志缺少已写入的检查点/);
    } finally {
      writeFileSync(log, original);
    }
  });

  it('events rolled back and the log deleted are caught by the mark: checkpoint_log_short', async () => {
    const tenantId = await chainOf();
    await rollBack(tenantId, 5);
    const log = join(t.dir, KEY_FILES.checkpointLog);
    const original = readFileSync(log, 'utf8');
    try {
      rmSync(log);
      const r = await t.store.verifyChain(tenantId);
      expect(r).toMatchObject({ ok: false, seq: 1, problem: 'checkpoint_log_short' });
      expect(r.ok === false && r.message).toMatch(/no log; checkpoints were written up to event 8/);
    } finally {
      writeFileSync(log, original);
    }
  });

  it('a log that holds the mark but a chain rolled back below it: truncated', async () => {
    const tenantId = await chainOf();
    await rollBack(tenantId, 4);
    expect(await t.store.verifyChain(tenantId)).toMatchObject({ ok: false, seq: 5, problem: 'truncated', count: 4 });
  });
});
