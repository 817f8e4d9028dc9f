import { expect, it } from 'vitest';
import { asAttacker } from '../../store/testing/tamper.js';
import { describeOnStores } from '../../store/testing/suite.js';
import { createItem, performAction, verifyRecord } from '../index.js';
import { addUsers } from '../organisation.js';
import { errorCode as code, seedCity, testClock, testDeps } from '../testing/city.js';
import { createBulletin, issueBulletin } from '../documents/bulletin.js';
import { signBulletin } from './decisions.js';
import { enrolSigningKey, registerSigningKey, revokeSigningKey } from './keys.js';
import { verifySignatures } from './verify.js';

const PASS = '督办签章口令-2026-示范市';

describeOnStores('signed decisions', (t) => {
  async function closingItem() {
    const clock = testClock();
    const deps = testDeps(t.store, clock);
    const { tenantId, as } = await seedCity(deps);
    await addUsers(deps, tenantId, [{ id: 'u-sec', username: 'sec', displayName: '安全管理员', unitId: 'city', roles: ['security_admin'] }]);
    const newItem = async () => {
      const { item } = await createItem(deps, as('sup'), { ledgerType: 'directive', title: '建立常态化检查机制', fields: { category: 'meeting_decision' } });
      await performAction(deps, as('sup'), item.id, { type: 'AssignItem', data: { leadUnitId: 'env', deadline: '2026-03-31' } });
      await performAction(deps, as('env'), item.id, { type: 'AcceptItem', data: {} });
      await performAction(deps, as('env'), item.id, { type: 'RequestClosure', data: { summary: '已办结', evidence: ['file:1'], fields: { outcome: '已建立' } } });
      return item.id;
    };
    return { deps, tenantId, as, newItem };
  }

  it('销号 by a person with a registered key must be signed with their passphrase; verify counts the signature valid', async () => {
    const { deps, tenantId, as, newItem } = await closingItem();
    expect(await code(enrolSigningKey(deps, as('sup'), 'short'))).toBe('passphrase_too_short');
    const { keyId } = await enrolSigningKey(deps, as('sup'), PASS);
    expect(await code(registerSigningKey(deps, as('sup'), keyId))).toBe('role_required');
    const id = await newItem();
    // Enrolled but not registered: passing unsigned is still allowed, a passphrase is refused.
    expect(await code(performAction(deps, as('sup'), id, { type: 'PassStage', data: {} }, { passphrase: PASS }))).toBe('signing_key_not_active');
    await registerSigningKey(deps, as('sec'), keyId);
    expect(await code(performAction(deps, as('sup'), id, { type: 'PassStage', data: {} }))).toBe('signature_required');
    expect(await code(performAction(deps, as('sup'), id, { type: 'PassStage', data: {} }, { passphrase: `${PASS}x` }))).toBe('passphrase_invalid');
    const { item, events } = await performAction(deps, as('sup'), id, { type: 'PassStage', data: { note: '同意销号' } }, { passphrase: PASS });
    expect(item.status).toBe('closed');
    expect(events.map((e) => e.type)).toEqual(['StagePassed', 'DecisionSigned', 'ItemClosed']);
    expect(events[1]!.payload).toMatchObject({ decision: 'close', keyId, algorithm: 'sm2' });
    expect(await verifySignatures(deps, tenantId)).toEqual({ valid: 1, invalid: [] });
    expect(await verifyRecord(deps, { tenantId, operator: true })).toMatchObject({ ok: true });
  });

  it("a revoked key's earlier signatures stay valid; after revocation it signs nothing more", async () => {
    const { deps, tenantId, as, newItem } = await closingItem();
    const { keyId } = await enrolSigningKey(deps, as('sup'), PASS);
    await registerSigningKey(deps, as('sec'), keyId);
    await performAction(deps, as('sup'), await newItem(), { type: 'PassStage', data: {} }, { passphrase: PASS });
    await revokeSigningKey(deps, as('sec'), keyId, '密钥介质遗失');
    expect(await code(revokeSigningKey(deps, as('sec'), keyId, 'again'))).toBe('signing_key_not_active');
    const later = await newItem();
    expect(await code(performAction(deps, as('sup'), later, { type: 'PassStage', data: {} }, { passphrase: PASS }))).toBe('signing_key_not_active');
    expect(await verifySignatures(deps, tenantId)).toEqual({ valid: 1, invalid: [] });
  });

  it('a tampered signed event is named by verify: the decision edited, or the signature replaced', async () => {
    const { deps, tenantId, as, newItem } = await closingItem();
    const { keyId } = await enrolSigningKey(deps, as('sup'), PASS);
    await registerSigningKey(deps, as('sec'), keyId);
    const { events } = await performAction(deps, as('sup'), await newItem(), { type: 'PassStage', data: { note: '同意销号' } }, { passphrase: PASS });
    const [passed, signed] = events;
    await asAttacker(t.config.database, (db) =>
      db
        .updateTable('events')
        .set({ payload: JSON.stringify(passed!.payload).replace('同意销号', '不同意') })
        .where('tenant_id', '=', tenantId)
        .where('seq', '=', passed!.seq)
        .execute(),
    );
    const r = await verifySignatures(deps, tenantId);
    expect(r.valid).toBe(0);
    expect(r.invalid).toEqual([expect.objectContaining({ seq: signed!.seq, signedSeq: passed!.seq, problem: 'event_altered', signerUserId: 'u-sup' })]);
    await asAttacker(t.config.database, async (db) => {
      await db
        .updateTable('events')
        .set({ payload: JSON.stringify(passed!.payload) })
        .where('tenant_id', '=', tenantId)
        .where('seq', '=', passed!.seq)
        .execute();
      const forged = { ...signed!.payload, signature: Buffer.alloc(64, 7).toString('base64') };
      await db
        .updateTable('events')
        .set({ payload: JSON.stringify(forged) })
        .where('tenant_id', '=', tenantId)
        .where('seq', '=', signed!.seq)
        .execute();
    });
    expect((await verifySignatures(deps, tenantId)).invalid).toEqual([expect.objectContaining({ seq: signed!.seq, problem: 'bad_signature' })]);
  });

  it('a 通报 is signed through signBulletin and verified like the decisions', async () => {
    const { deps, tenantId, as } = await closingItem();
    const { keyId } = await enrolSigningKey(deps, as('sup'), PASS);
    await registerSigningKey(deps, as('sec'), keyId);
    const issued = {
      itemId: null,
      type: 'BulletinIssued',
      actorUserId: 'u-sup',
      actorUnitId: 'dcs',
      at: '2026-03-09T02:00:00.000Z',
      payload: { period: '2026-03', title: '第一期通报' },
    };
    await t.store.transaction(async (tx) => {
      const signed = await signBulletin(t.store.crypto, tx, tenantId, issued, PASS);
      return tx.appendEvents(tenantId, [issued, signed!]);
    });
    expect(await verifySignatures(deps, tenantId)).toEqual({ valid: 1, invalid: [] });
  });

  it('issuing a 通报 with a registered key needs the passphrase and records the signature after the issue', async () => {
    const { deps, tenantId, as } = await closingItem();
    const { keyId } = await enrolSigningKey(deps, as('sup'), PASS);
    await registerSigningKey(deps, as('sec'), keyId);
    const draft = await createBulletin(deps, as('sup'), { from: '2026-03-01', to: '2026-03-31' });
    expect(await code(issueBulletin(deps, as('sup'), draft.id))).toBe('signature_required');
    expect(await code(issueBulletin(deps, as('sup'), draft.id, { passphrase: '不是这个口令-2026' }))).toBe('passphrase_invalid');
    expect((await t.store.read.officialDocuments.get(tenantId, draft.id))!.status).toBe('draft');
    await issueBulletin(deps, as('sup'), draft.id, { passphrase: PASS });
    const types = (await t.store.read.events.listAfter(tenantId, 0, 1000)).map((e) => e.type);
    expect(types.slice(-2)).toEqual(['BulletinIssued', 'DecisionSigned']);
    expect(await verifySignatures(deps, tenantId)).toEqual({ valid: 1, invalid: [] });
  });
});
