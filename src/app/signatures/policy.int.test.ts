import { expect, it } from 'vitest';
import type { SigningPolicy } from '../../store/index.js';
import { asAttacker } from '../../store/testing/tamper.js';
import { describeOnStores } from '../../store/testing/suite.js';
import { createBulletin, issueBulletin } from '../documents/bulletin.js';
import { createItem, performAction, verifyRecord } from '../index.js';
import { addUsers } from '../organisation.js';
import { errorCode as code, seedCity, testClock, testDeps } from '../testing/city.js';
import { registeredKey, TEST_SIGNING_PASSPHRASE as PASS } from '../testing/signing-keys.js';
import { enrolSigningKey } from './keys.js';
import { readSigningPolicy, setSigningPolicy } from './policy.js';
import { verifySignatures } from './verify.js';

const RECTIFICATION = { problemSource: 'provincial', problem: '河道两岸违规堆放建筑垃圾', target: '全部清理', measures: '排查清运并建立巡查制度' };

describeOnStores('the signing policy (签章要求)', (t) => {
  async function city(signingPolicy: SigningPolicy) {
    const clock = testClock();
    const deps = testDeps(t.store, clock);
    const { tenantId, as } = await seedCity(deps, { signingPolicy });
    await addUsers(deps, tenantId, [
      { id: 'u-sec', username: 'sec', displayName: '安全管理员', unitId: 'city', roles: ['security_admin'] },
      { id: 'u-sys', username: 'sys', displayName: '系统管理员', unitId: 'city', roles: ['system_admin'] },
    ]);
    /** A district rectification through 验收 and 公示: it waits for the city leader's 审签, then the city's 上级复核 (销号). */
    const atSignOff = async () => {
      const { item } = await createItem(deps, as('d1sup'), { ledgerType: 'rectification', title: '东城区河道整改', fields: RECTIFICATION });
      await performAction(deps, as('d1sup'), item.id, { type: 'AssignItem', data: { leadUnitId: 'd1s1', deadline: '2026-06-30' } });
      await performAction(deps, as('street'), item.id, { type: 'AcceptItem', data: {} });
      await performAction(deps, as('street'), item.id, { type: 'RequestClosure', data: { summary: '已清理', evidence: ['file:1'], fields: { completion: '清运 120 吨' } } });
      await performAction(deps, as('d1sup'), item.id, { type: 'PassStage', data: { stageKey: 'acceptance' } });
      clock.advanceDays(8);
      await performAction(deps, as('d1sup'), item.id, { type: 'PassStage', data: { stageKey: 'public_notice' } });
      return item.id;
    };
    /** The item row and the tenant's event count: what a refused decision must leave as it was. */
    const snapshot = async (id: string) => {
      const item = (await t.store.read.items.get(tenantId, id))!;
      const events = await t.store.read.events.listAfter(tenantId, 0, 1000);
      return { version: item.version, status: item.status, stageKey: item.stageKey, events: events.length };
    };
    return { deps, tenantId, as, atSignOff, snapshot };
  }

  it('under required, 审签 and 销号 by a person without an active key are refused and nothing is written; with a key they are signed', async () => {
    const { deps, tenantId, as, atSignOff, snapshot } = await city('required');
    const id = await atSignOff();
    const before = await snapshot(id);
    // No key at all, with or without a passphrase.
    const refused = performAction(deps, as('leader'), id, { type: 'PassStage', data: { stageKey: 'sign_off' } });
    await expect(refused).rejects.toMatchObject({ code: 'signing_key_not_active', details: { decision: 'sign_off', policy: 'required' } });
    await expect(performAction(deps, as('leader'), id, { type: 'PassStage', data: {} })).rejects.toThrow(/luoshi keys enrol/);
    expect(await code(performAction(deps, as('leader'), id, { type: 'PassStage', data: {} }, { passphrase: PASS }))).toBe('signing_key_not_active');
    // Enrolled, not registered yet: still refused.
    await enrolSigningKey(deps, as('leader'), PASS);
    expect(await code(performAction(deps, as('leader'), id, { type: 'PassStage', data: {} }))).toBe('signing_key_not_active');
    expect(await snapshot(id)).toEqual({ ...before, events: before.events + 1 }); // only the enrolment

    await registeredKey(deps, tenantId, 'leader', 'sec');
    expect(await code(performAction(deps, as('leader'), id, { type: 'PassStage', data: {} }))).toBe('signature_required');
    const signedOff = await performAction(deps, as('leader'), id, { type: 'PassStage', data: { stageKey: 'sign_off' } }, { passphrase: PASS });
    expect(signedOff.events.map((e) => e.type)).toEqual(['StagePassed', 'DecisionSigned']);

    // 销号 (上级复核, the last stage) by the city's supervisor, who has no key.
    const atClose = await snapshot(id);
    expect(atClose.stageKey).toBe('upper_review');
    expect(await code(performAction(deps, as('sup'), id, { type: 'PassStage', data: { stageKey: 'upper_review' } }))).toBe('signing_key_not_active');
    expect(await snapshot(id)).toEqual(atClose);
    await registeredKey(deps, tenantId, 'sup', 'sec');
    const closed = await performAction(deps, as('sup'), id, { type: 'PassStage', data: { stageKey: 'upper_review' } }, { passphrase: PASS });
    expect(closed.item.status).toBe('closed');
    expect(closed.events.map((e) => e.type)).toEqual(['StagePassed', 'DecisionSigned', 'ItemClosed']);
    expect(await verifySignatures(deps, tenantId)).toEqual({ valid: 2, invalid: [] });
    expect(await verifyRecord(deps, { tenantId, operator: true })).toMatchObject({ ok: true });
  });

  it('under required, issuing a 通报 without an active key is refused and the draft stays a draft; with a key it is signed', async () => {
    const { deps, tenantId, as } = await city('required');
    const draft = await createBulletin(deps, as('sup'), { from: '2026-03-01', to: '2026-03-31' });
    const count = async () => (await t.store.read.events.listAfter(tenantId, 0, 1000)).length;
    const before = await count();
    await expect(issueBulletin(deps, as('sup'), draft.id)).rejects.toMatchObject({ code: 'signing_key_not_active', details: { decision: 'bulletin' } });
    expect(await t.store.read.officialDocuments.get(tenantId, draft.id)).toMatchObject({ status: 'draft', version: draft.version });
    expect(await count()).toBe(before);
    await registeredKey(deps, tenantId, 'sup', 'sec');
    await issueBulletin(deps, as('sup'), draft.id, { passphrase: PASS });
    expect((await t.store.read.officialDocuments.get(tenantId, draft.id))!.status).toBe('issued');
    expect(await verifySignatures(deps, tenantId)).toEqual({ valid: 1, invalid: [] });
  });

  it('under when_enrolled, a person without a key passes 审签 and 销号 and issues a 通报 unsigned, as before', async () => {
    const { deps, tenantId, as, atSignOff } = await city('when_enrolled');
    const id = await atSignOff();
    const signOff = await performAction(deps, as('leader'), id, { type: 'PassStage', data: { stageKey: 'sign_off' } });
    expect(signOff.events.map((e) => e.type)).toEqual(['StagePassed']);
    const closed = await performAction(deps, as('sup'), id, { type: 'PassStage', data: { stageKey: 'upper_review' } });
    expect(closed.item.status).toBe('closed');
    const draft = await createBulletin(deps, as('sup'), { from: '2026-03-01', to: '2026-03-31' });
    await issueBulletin(deps, as('sup'), draft.id);
    expect(await verifySignatures(deps, tenantId)).toEqual({ valid: 0, invalid: [] });
    // A passphrase without a registered key is still refused: it would look signed and not be.
    const other = await atSignOff();
    expect(await code(performAction(deps, as('leader'), other, { type: 'PassStage', data: {} }, { passphrase: PASS }))).toBe('signing_key_not_active');
  });

  it('only the security admin sets the policy; the change is on the chain, and verify holds the stored policy to it', async () => {
    const { deps, tenantId, as } = await city('when_enrolled');
    expect(await code(setSigningPolicy(deps, as('sys'), 'required'))).toBe('role_required');
    expect(await code(setSigningPolicy(deps, as('sup'), 'required'))).toBe('role_required');
    expect(await code(setSigningPolicy(deps, as('sec'), 'sometimes'))).toBe('invalid_input');
    expect(await readSigningPolicy(deps, as('street'))).toBe('when_enrolled');
    expect(await setSigningPolicy(deps, as('sec'), 'required')).toBe('required');
    await setSigningPolicy(deps, as('sec'), 'required');
    expect(await readSigningPolicy(deps, { tenantId, operator: true })).toBe('required');
    const set = await t.store.read.events.listByTypes(tenantId, ['SigningPolicySet']);
    expect(set.map((e) => [e.actorUserId, e.payload])).toEqual([['u-sec', { policy: 'required', before: 'when_enrolled' }]]);
    expect(await verifyRecord(deps, { tenantId, operator: true })).toMatchObject({ ok: true });

    await asAttacker(t.config.database, (db) => db.updateTable('tenants').set({ signing_policy: 'when_enrolled' }).where('tenant_id', '=', tenantId).execute());
    expect(await verifyRecord(deps, { tenantId, operator: true })).toMatchObject({ ok: false, problem: 'projection_mismatch', seq: set[0]!.seq });
  });
});
