import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestStore, type TestStore } from '../../store/testing/dialects.js';
import { seedCity, testClock, testDeps } from '../testing/city.js';
import { createItem, performAction } from '../index.js';
import { zipText } from '../exchange/zip.js';
import { createBulletin, editBulletin, issueBulletin, type BulletinData } from './bulletin.js';
import { renderDocument } from './item-documents.js';

const textOf = (xml: string) => [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');

describe.each(DIALECTS)('通报 on $name', ({ name, skip }) => {
  let t: TestStore;
  beforeAll(async () => {
    if (!skip) t = await openTestStore(name);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it.skipIf(skip)('ranks by 按期办结率 then fewer overdue, lists units with nothing due apart, is edited as a draft and frozen once issued', async () => {
    const clock = testClock('2026-03-02T02:00:00.000Z');
    const deps = testDeps(t.store, clock);
    const { tenantId, as } = await seedCity(deps);
    const make = async (title: string, lead: string, deadline: string) => {
      const { item } = await createItem(deps, as('sup'), { ledgerType: 'directive', title, fields: { category: 'key_task' } });
      await performAction(deps, as('sup'), item.id, { type: 'AssignItem', data: { leadUnitId: lead, deadline } });
      return item;
    };
    const done = await make('按期办结的事项', 'env', '2026-03-10');
    await make('超期未办的事项', 'water', '2026-03-06');
    await make('尚未到期的事项', 'd1', '2026-03-28');
    await performAction(deps, as('env'), done.id, { type: 'AcceptItem', data: {} });
    await performAction(deps, as('env'), done.id, { type: 'RequestClosure', data: { summary: '已办结', evidence: ['file:1'], fields: { outcome: '已完成' } } });
    await performAction(deps, as('sup'), done.id, { type: 'PassStage', data: {} });
    clock.advanceDays(18); // 2026-03-20

    await expect(createBulletin(deps, as('env'), { from: '2026-03-01', to: '2026-03-31' })).rejects.toMatchObject({ code: 'forbidden' });
    const draft = await createBulletin(deps, as('sup'), { from: '2026-03-01', to: '2026-03-31' });
    const data = draft.data as unknown as BulletinData;
    expect(draft).toMatchObject({ status: 'draft', number: '督通〔2026〕1号', title: '督查督办工作通报（2026年第1期）' });
    expect(data.ranking.map((r) => [r.rank, r.unit, r.onTimeRate, r.overdue])).toEqual([
      [1, '市生态环境局', 100, 0],
      [2, '市水务局', 0, 1],
    ]);
    expect(data.nothingDue).toEqual(['东城区']);
    expect(data.redItems.map((r) => r.title)).toEqual(['超期未办的事项']);
    expect(data.summary).toBe('2026年3月1日至2026年3月31日，到期督办事项2项，按期办结1项，按期办结率50%，超期1项。');

    const edited = await editBulletin(deps, as('sup'), draft.id, { praise: '市生态环境局按期高质量完成任务，予以通报表扬。', criticism: '市水务局事项超期未办结，予以通报批评。' });
    const docx = await renderDocument(deps, as('leader'), draft.id, 'docx');
    const text = textOf(zipText(docx.body, 'word/document.xml')!);
    for (const s of [
      '市委督查室',
      '2026年第1期',
      '督通〔2026〕1号',
      '督查督办工作通报（2026年第1期）',
      '各有关单位：',
      '第1名',
      '市生态环境局：到期1项',
      '不参与排名的单位：东城区',
      '四、表扬',
      '予以通报批评',
      '2026年3月20日',
    ]) {
      expect(text, s).toContain(s);
    }

    const issued = await issueBulletin(deps, as('sup'), draft.id);
    expect(issued.status).toBe('issued');
    await expect(editBulletin(deps, as('sup'), draft.id, { praise: '改动' })).rejects.toMatchObject({ code: 'document_issued' });
    await expect(issueBulletin(deps, as('sup'), draft.id)).rejects.toMatchObject({ code: 'document_issued' });
    // Even a write that skips the use case cannot change it: the store only updates drafts.
    await expect(
      t.store.transaction((tx) => tx.officialDocuments.updateDraft(tenantId, draft.id, edited.version + 1, { title: 'x', data: {}, status: 'draft', issuedAt: null })),
    ).rejects.toMatchObject({ code: 'version_conflict' });
    const onChain = (await t.store.read.events.listAfter(tenantId, 0, 1000)).filter((e) => e.type === 'BulletinIssued');
    expect(onChain).toHaveLength(1);
    expect(onChain[0]!.payload).toMatchObject({ documentId: draft.id, number: '督通〔2026〕1号' });
    expect((await t.store.read.officialDocuments.get(tenantId, draft.id))!.data).toMatchObject({ praise: '市生态环境局按期高质量完成任务，予以通报表扬。' });
    const next = await createBulletin(deps, as('sup'), { from: '2026-03-01', to: '2026-03-31' });
    expect(next.title).toBe('督查督办工作通报（2026年第2期）');
  });
});
