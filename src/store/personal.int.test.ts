import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { createDatabase } from './db.js';
import { ERASED, openPersonal, openPersonalFields, sealPersonal, type SealedValue } from './personal.js';
import type { Store } from './store.js';
import { openTestStore, type TestStore } from './testing/dialects.js';
import { describeOnStores } from './testing/suite.js';
import { T0, buildEvent, buildItem, seedTenant } from './testing/factories.js';

const PARTIES = [
  { name: '张三丰', phone: '13912345678' },
  { name: '李秀英', idCard: '110101199003077777' },
];
const NEEDLES = ['张三丰', '13912345678', '李秀英', '110101199003077777'];

/** A mediation case whose parties are sealed in the item and in the event that created it. */
async function mediationCase(store: Store) {
  const { tenantId } = await seedTenant(store);
  const item = buildItem(tenantId, { ledgerType: 'dispute' });
  const sealed = await store.transaction(async (tx) => {
    const key = await tx.caseKeys.create(tenantId, item.id, T0, '2029-12-31');
    const parties = sealPersonal(store.crypto, key, PARTIES);
    const withParties = { ...item, fields: { category: '邻里纠纷', parties } };
    await tx.items.insert(withParties, T0);
    await tx.appendEvents(tenantId, [buildEvent(item.id, 'ItemCreated', 0, { fields: withParties.fields })]);
    return parties;
  });
  return { tenantId, itemId: item.id, sealed };
}

async function wrappedKey(t: TestStore, tenantId: string, caseId: string): Promise<string | null> {
  const h = createDatabase(t.config.database);
  const r = await h.db.selectFrom('case_keys').select('wrapped_key').where('tenant_id', '=', tenantId).where('case_id', '=', caseId).executeTakeFirst();
  await h.close();
  return r?.wrapped_key ?? null;
}

describeOnStores('personal data', (t, name) => {
  it('opens sealed fields while the case key lives', async () => {
    const { tenantId, itemId } = await mediationCase(t.store);
    const item = await t.store.read.items.get(tenantId, itemId);
    const key = await t.store.read.caseKeys.keyOrNull(tenantId, itemId);
    expect(openPersonalFields(t.store.crypto, key, item!.fields)).toEqual({ category: '邻里纠纷', parties: PARTIES });
    const [created] = await t.store.read.events.listByItem(tenantId, itemId);
    expect(openPersonal(t.store.crypto, key, (created!.payload.fields as { parties: SealedValue }).parties)).toEqual(PARTIES);
  });

  it('after the case key is destroyed the fields read as erased and the chain still verifies', async () => {
    const { tenantId, itemId } = await mediationCase(t.store);
    const destroyed = await t.store.transaction(async (tx) => {
      const first = await tx.destroyCaseKey(tenantId, itemId, '2030-01-01T00:00:00.000Z');
      await tx.appendEvents(tenantId, [buildEvent(itemId, 'PersonalDataErased', 10)]);
      return first;
    });
    expect(destroyed).toBe(true);
    expect(await t.store.transaction((tx) => tx.destroyCaseKey(tenantId, itemId, '2030-01-02T00:00:00.000Z'))).toBe(false);
    expect(await t.store.read.caseKeys.get(tenantId, itemId)).toEqual({ status: 'destroyed', destroyedAt: '2030-01-01T00:00:00.000Z' });
    expect(await wrappedKey(t, tenantId, itemId)).toBeNull();
    const item = await t.store.read.items.get(tenantId, itemId);
    const key = await t.store.read.caseKeys.keyOrNull(tenantId, itemId);
    expect(openPersonalFields(t.store.crypto, key, item!.fields)).toEqual({ category: '邻里纠纷', parties: ERASED });
    expect(await t.store.verifyChain(tenantId)).toMatchObject({ ok: true, count: 2 });
  });

  it('never stores a personal value in plain text: not in items, not in events', async () => {
    const { tenantId } = await mediationCase(t.store);
    const h = createDatabase(t.config.database);
    try {
      for (const needle of NEEDLES) {
        const like = `%${needle}%`;
        const hits = await sql<{ n: number | string }>`
          select (select count(*) from events where tenant_id = ${tenantId} and payload like ${like})
               + (select count(*) from items where tenant_id = ${tenantId} and cast(data as text) like ${like}) as n`.execute(h.db);
        expect(Number(hits.rows[0]!.n)).toBe(0);
      }
    } finally {
      await h.close();
    }
  });

  it('gives each case one key, and lists the cases past their retention', async () => {
    const { tenantId, itemId } = await mediationCase(t.store);
    await expect(t.store.transaction((tx) => tx.caseKeys.create(tenantId, itemId, T0))).rejects.toMatchObject({ code: 'case_key_exists' });
    expect(await t.store.read.caseKeys.listExpired(tenantId, '2029-12-31')).toEqual([]);
    expect(await t.store.read.caseKeys.listExpired(tenantId, '2030-01-01')).toEqual([itemId]);
    expect(await t.store.read.caseKeys.get(tenantId, 'no-such-case')).toEqual({ status: 'absent' });
  });

  it.skipIf(name !== 'sqlite')('leaves no personal value and no destroyed key anywhere in the SQLite file', async () => {
    const own = await openTestStore('sqlite');
    const { tenantId, itemId } = await mediationCase(own.store);
    const wrapped = await wrappedKey(own, tenantId, itemId);
    expect(wrapped).toMatch(/^[A-Za-z0-9+/]+=*$/);
    await own.store.transaction((tx) => tx.destroyCaseKey(tenantId, itemId, '2030-01-01T00:00:00.000Z'));
    await own.store.close(); // the last connection checkpoints the WAL into the file
    const files = readdirSync(own.dir).filter((f) => f.startsWith('luoshi.db'));
    expect(files).toEqual(['luoshi.db']);
    const bytes = readFileSync(join(own.dir, 'luoshi.db'));
    expect(bytes.includes(Buffer.from('邻里纠纷'))).toBe(true); // the file is readable text where it is not sealed
    // Any 16-character piece of the destroyed key counts: a freed cell may keep part of its old bytes.
    const pieces = Array.from({ length: Math.floor(wrapped!.length / 16) }, (_, i) => wrapped!.slice(i * 16, i * 16 + 16));
    for (const needle of [...NEEDLES, ...pieces]) expect(bytes.includes(Buffer.from(needle, 'utf8'))).toBe(false);
  });
});
