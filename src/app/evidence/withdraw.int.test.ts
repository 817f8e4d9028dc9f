/*
 * 撤回佐证材料 through the app on both databases: the uploader takes back a file nothing cites while its item is
 * open; others, a cited file and a closed item are refused; the file leaves the item's list, its download and
 * its citations, and only the auditor still reads its bytes (the read recorded); verify keeps passing.
 */
import { expect, it } from 'vitest';
import { describeOnStores } from '../../store/testing/suite.js';
import { readAuditLog } from '../accounts/audit-log.js';
import { createItem, performAction, verifyRecord } from '../index.js';
import { errorCode, seedCity, testClock, testDeps } from '../testing/city.js';
import { checkEvidenceRefs, listEvidence, readEvidence, uploadEvidence } from './evidence.js';
import { readWithdrawnEvidence, withdrawEvidence } from './withdraw.js';

const NOTE = Buffer.from('整改现场情况说明\n', 'utf8');

describeOnStores('withdrawing evidence (撤回)', (t) => {
  async function itemAtWork() {
    const deps = testDeps(t.store, testClock());
    const city = await seedCity(deps);
    const { item } = await createItem(deps, city.as('sup'), { ledgerType: 'directive', title: '河道整治', fields: { category: 'key_task' } });
    await performAction(deps, city.as('sup'), item.id, { type: 'AssignItem', data: { leadUnitId: 'env', deadline: '2026-06-30' } });
    await performAction(deps, city.as('env'), item.id, { type: 'AcceptItem', data: {} });
    return { deps, ...city, item };
  }

  it('lets the uploader withdraw an uncited file: gone from the item, kept for the auditor, verify still ok', async () => {
    const { deps, as, tenantId, item } = await itemAtWork();
    const kept = await uploadEvidence(deps, as('env'), t.dir, item.id, { fileName: '现场照片说明.txt', bytes: Buffer.from('保留\n') });
    const file = await uploadEvidence(deps, as('env'), t.dir, item.id, { fileName: '误传的文件.txt', bytes: NOTE });

    expect(await errorCode(withdrawEvidence(deps, as('sup'), file.id))).toBe('evidence_withdraw_forbidden');
    const done = await withdrawEvidence(deps, as('env'), file.id, '选错了文件');
    expect(done).toMatchObject({ evidenceId: file.id, itemId: item.id, fileName: '误传的文件.txt' });

    expect((await listEvidence(deps, as('env'), item.id)).map((e) => e.id)).toEqual([kept.id]);
    expect((await listEvidence(deps, as('sup'), item.id)).map((e) => e.id)).toEqual([kept.id]);
    expect(await errorCode(readEvidence(deps, as('env'), t.dir, file.id))).toBe('evidence_not_found');
    expect(await errorCode(checkEvidenceRefs(deps, tenantId, item.id, [file.id]))).toBe('evidence_not_found');
    expect(await errorCode(withdrawEvidence(deps, as('env'), file.id))).toBe('evidence_not_found');

    // The auditor reads the withdrawn bytes (and only withdrawn ones); the read is in the log.
    const read = await readWithdrawnEvidence(deps, as('auditor'), t.dir, file.id);
    expect(read.bytes.equals(NOTE)).toBe(true);
    expect(await errorCode(readWithdrawnEvidence(deps, as('auditor'), t.dir, kept.id))).toBe('evidence_not_found');
    expect(await errorCode(readWithdrawnEvidence(deps, as('env'), t.dir, file.id))).toBe('role_required');
    const log = (await readAuditLog(deps, as('auditor'), 0, 1000)).events;
    expect(log.find((e) => e.type === 'EvidenceWithdrawn')).toMatchObject({ itemId: item.id, actorUserId: 'u-env', payload: { evidenceId: file.id } });
    expect(log.find((e) => e.type === 'WithdrawnEvidenceRead')).toMatchObject({ actorUserId: 'u-auditor', payload: { evidenceId: file.id, itemId: item.id } });

    expect(await verifyRecord(deps, { tenantId, operator: true })).toMatchObject({ ok: true });
  });

  it('refuses a file a report cites, and any file of a cancelled item', async () => {
    const { deps, as, item } = await itemAtWork();
    const cited = await uploadEvidence(deps, as('env'), t.dir, item.id, { fileName: '进展材料.txt', bytes: NOTE });
    const loose = await uploadEvidence(deps, as('env'), t.dir, item.id, { fileName: '另一份.txt', bytes: Buffer.from('另一份\n') });
    await performAction(deps, as('env'), item.id, { type: 'ReportProgress', data: { text: '已完成一半', percent: 50, evidence: [cited.id] } });
    expect(await errorCode(withdrawEvidence(deps, as('env'), cited.id))).toBe('evidence_cited');

    await performAction(deps, as('sup'), item.id, { type: 'CancelItem', data: { reason: '任务调整' } });
    expect(await errorCode(withdrawEvidence(deps, as('env'), loose.id))).toBe('evidence_item_closed');
    expect((await listEvidence(deps, as('env'), item.id)).map((e) => e.id)).toEqual([cited.id, loose.id]);
  });
});
