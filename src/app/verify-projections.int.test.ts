import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestStore, type TestStore } from '../store/testing/dialects.js';
import { asAttacker } from '../store/testing/tamper.js';
import { uploadEvidence } from './evidence/evidence.js';
import { setLedgerConfig } from './ledger-types/config.js';
import { addUsers } from './organisation.js';
import { seedCity, testClock, testDeps } from './testing/city.js';
import { createItem, importReadout, performAction, verifyRecord } from './index.js';

describe.each(DIALECTS)('luoshi verify compares what users see with the events, on $name', ({ name, skip }) => {
  let t: TestStore;
  beforeAll(async () => {
    if (!skip) t = await openTestStore(name);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  async function cityWithItems() {
    const deps = testDeps(t.store, testClock());
    const { tenantId, as } = await seedCity(deps);
    const a = await createItem(deps, as('sup'), { ledgerType: 'directive', title: '河道清淤', fields: { category: 'meeting_decision' } });
    const b = await createItem(deps, as('sup'), { ledgerType: 'directive', title: '老旧小区改造', fields: { category: 'meeting_decision' } });
    await performAction(deps, as('sup'), b.item.id, { type: 'AssignItem', data: { leadUnitId: 'env', coUnitIds: [], deadline: '2026-03-31' } });
    await performAction(deps, as('env'), b.item.id, { type: 'AcceptItem', data: {} });
    await performAction(deps, as('env'), b.item.id, { type: 'ReportProgress', data: { text: '已启动', percent: 20 } });
    expect((await verifyRecord(deps, { tenantId, operator: true })).ok).toBe(true);
    return { deps, tenantId, as, a: a.item, b: b.item };
  }

  it.skipIf(skip)('names the item whose row was edited (title), with its number and the field', async () => {
    const { deps, tenantId, a } = await cityWithItems();
    await asAttacker(t.config.database, (db) => db.updateTable('items').set({ title: '改过的标题' }).where('tenant_id', '=', tenantId).where('item_id', '=', a.id).execute());
    const v = await verifyRecord(deps, { tenantId, operator: true });
    expect(v).toMatchObject({ ok: false, problem: 'projection_mismatch' });
    expect(!v.ok && v.message).toContain(a.number);
    expect(!v.ok && v.message).toContain('title');
  });

  it.skipIf(skip)('finds an edited progress figure', async () => {
    const { deps, tenantId, b } = await cityWithItems();
    await asAttacker(t.config.database, (db) => db.updateTable('items').set({ progress: 100 }).where('tenant_id', '=', tenantId).where('item_id', '=', b.id).execute());
    const v = await verifyRecord(deps, { tenantId, operator: true });
    expect(v).toMatchObject({ ok: false, problem: 'projection_mismatch' });
    expect(!v.ok && v.messageZh).toContain(b.number);
  });

  it.skipIf(skip)('names a co-unit row added behind the record, and one removed', async () => {
    const { deps, tenantId, as, a, b } = await cityWithItems();
    await asAttacker(t.config.database, (db) => db.insertInto('item_co_units').values({ tenant_id: tenantId, item_id: b.id, unit_id: 'water' }).execute());
    const v = await verifyRecord(deps, { tenantId, operator: true });
    expect(v).toMatchObject({ ok: false, problem: 'projection_mismatch' });
    expect(!v.ok && v.message).toContain(`co-unit row water of item ${b.number}`);
    await asAttacker(t.config.database, (db) => db.deleteFrom('item_co_units').where('tenant_id', '=', tenantId).where('item_id', '=', b.id).execute());
    expect((await verifyRecord(deps, { tenantId, operator: true })).ok).toBe(true);

    await performAction(deps, as('sup'), a.id, { type: 'AssignItem', data: { leadUnitId: 'env', coUnitIds: ['water'], deadline: '2026-03-31' } });
    expect((await verifyRecord(deps, { tenantId, operator: true })).ok).toBe(true);
    await asAttacker(t.config.database, (db) => db.deleteFrom('item_co_units').where('tenant_id', '=', tenantId).where('item_id', '=', a.id).execute());
    const gone = await verifyRecord(deps, { tenantId, operator: true });
    expect(!gone.ok && gone.message).toContain(`co-unit water of item ${a.number}`);
  });

  it.skipIf(skip)('names an evidence record renamed, pointed at other bytes, or deleted', async () => {
    const { deps, tenantId, as, b } = await cityWithItems();
    const ev = await uploadEvidence(deps, as('env'), t.dir, b.id, { fileName: '清淤现场.txt', bytes: Buffer.from('清淤完成 80%\n') });
    const other = await uploadEvidence(deps, as('env'), t.dir, b.id, { fileName: '其他.txt', bytes: Buffer.from('另一份材料\n') });
    expect((await verifyRecord(deps, { tenantId, operator: true })).ok).toBe(true);
    const edit = (set: Record<string, string>) =>
      asAttacker(t.config.database, (db) => db.updateTable('evidence').set(set).where('tenant_id', '=', tenantId).where('evidence_id', '=', ev.id).execute());

    await edit({ file_name: '验收合格.txt' });
    let v = await verifyRecord(deps, { tenantId, operator: true });
    expect(v).toMatchObject({ ok: false, problem: 'projection_mismatch' });
    expect(!v.ok && v.message).toMatch(new RegExp(`evidence record ${ev.id}: its fileName differs`));
    await edit({ file_name: ev.fileName });

    await edit({ storage_key: other.storageKey });
    v = await verifyRecord(deps, { tenantId, operator: true });
    expect(!v.ok && v.message).toMatch(new RegExp(`evidence record ${ev.id}: its storageKey differs`));
    await edit({ storage_key: ev.storageKey });
    expect((await verifyRecord(deps, { tenantId, operator: true })).ok).toBe(true);

    await asAttacker(t.config.database, (db) => db.deleteFrom('evidence').where('tenant_id', '=', tenantId).where('evidence_id', '=', ev.id).execute());
    v = await verifyRecord(deps, { tenantId, operator: true });
    expect(!v.ok && v.message).toContain(`evidence ${ev.id} (清淤现场.txt) uploaded in event`);
  });

  it.skipIf(skip)('names a ledger configuration edited, or inserted, behind the record', async () => {
    const { deps, tenantId, as } = await cityWithItems();
    await addUsers(deps, tenantId, [{ id: 'u-admin', username: 'admin', displayName: '系统管理员', unitId: 'city', roles: ['system_admin'] }]);
    const config = { overrides: { directive: { defaultTimeLimit: { amount: 10, unit: 'calendar_days' } } } };
    await setLedgerConfig(deps, as('admin'), { config, expectedVersion: 0 });
    expect((await verifyRecord(deps, { tenantId, operator: true })).ok).toBe(true);
    const edited = { overrides: { directive: { defaultTimeLimit: { amount: 60, unit: 'calendar_days' } } } };
    await asAttacker(t.config.database, (db) =>
      db
        .updateTable('ledger_configs')
        .set({ config: JSON.stringify(edited) })
        .where('tenant_id', '=', tenantId)
        .execute(),
    );
    const v = await verifyRecord(deps, { tenantId, operator: true });
    expect(v).toMatchObject({ ok: false, problem: 'projection_mismatch' });
    expect(!v.ok && v.message).toContain("the ledger configuration's config differs from event");

    const other = await cityWithItems();
    await asAttacker(t.config.database, (db) =>
      db
        .insertInto('ledger_configs')
        .values({ tenant_id: other.tenantId, config: JSON.stringify(edited), version: 1, updated_at: new Date().toISOString(), updated_by: null })
        .execute(),
    );
    const w = await verifyRecord(other.deps, { tenantId: other.tenantId, operator: true });
    expect(!w.ok && w.message).toContain('the ledger configuration has a row but no event');
  });

  it.skipIf(skip)('names a readout whose text was edited (digest column left alone), one inserted and one deleted', async () => {
    const { deps, tenantId, as } = await cityWithItems();
    const text = '会议要求：市生态环境局要在2026年3月底前完成河道清淤。';
    const draft = await importReadout(deps, as('sup'), { bytes: new TextEncoder().encode(text), fileName: '专题会议纪要.txt', meetingDate: '2026-02-01' });
    expect((await verifyRecord(deps, { tenantId, operator: true })).ok).toBe(true);
    const docs = (db: Parameters<Parameters<typeof asAttacker>[1]>[0]) => db.updateTable('documents').where('tenant_id', '=', tenantId).where('document_id', '=', draft.documentId);
    await asAttacker(t.config.database, (db) =>
      docs(db)
        .set({ text: text.replace('3月底', '6月底') })
        .execute(),
    );
    const v = await verifyRecord(deps, { tenantId, operator: true });
    expect(v).toMatchObject({ ok: false, problem: 'projection_mismatch' });
    expect(!v.ok && v.message).toContain(`readout ${draft.documentId}: its text differs from event`);
    expect(!v.ok && v.messageZh).toContain('正文');
    await asAttacker(t.config.database, (db) => docs(db).set({ text }).execute());
    expect((await verifyRecord(deps, { tenantId, operator: true })).ok).toBe(true);

    await asAttacker(t.config.database, (db) =>
      db
        .insertInto('documents')
        .values({
          tenant_id: tenantId,
          document_id: 'forged',
          title: '伪造',
          file_name: null,
          media_type: 'text/plain',
          text: '伪造',
          digest: 'x',
          created_by: null,
          created_at: new Date().toISOString(),
        })
        .execute(),
    );
    const w = await verifyRecord(deps, { tenantId, operator: true });
    expect(!w.ok && w.message).toContain('readout forged has no event that recorded it');
    await asAttacker(t.config.database, async (db) => {
      await db.deleteFrom('readout_drafts').where('tenant_id', '=', tenantId).execute();
      await db.deleteFrom('documents').where('tenant_id', '=', tenantId).execute();
    });
    const x = await verifyRecord(deps, { tenantId, operator: true });
    expect(!x.ok && x.message).toContain(`readout ${draft.documentId} recorded in event`);
    expect(!x.ok && x.message).toContain('it was deleted');
  });
});
