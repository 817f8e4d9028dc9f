import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestStore, type TestStore } from '../../store/testing/dialects.js';
import { seedCity, testClock, testDeps } from '../testing/city.js';
import { createItem, performAction } from '../index.js';
import { sweepEscalations } from '../escalation/index.js';
import { zipText } from '../exchange/zip.js';
import { issueItemDocument, itemDocuments, renderDocument } from './item-documents.js';
import { findSoffice } from './pdf.js';

const SOFFICE = findSoffice();
if (!SOFFICE) console.warn('LibreOffice (soffice) is not installed: the PDF checks are skipped. Install libreoffice-writer-nogui to run them.');

/** The visible text of a .docx body, runs joined. */
const textOf = (xml: string) => [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');

describe.each(DIALECTS)('official documents of an item on $name', ({ name, skip }) => {
  let t: TestStore;
  beforeAll(async () => {
    if (!skip) t = await openTestStore(name);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  async function assigned() {
    const clock = testClock('2026-03-02T02:00:00.000Z');
    const deps = testDeps(t.store, clock);
    const { tenantId, as } = await seedCity(deps);
    const { item } = await createItem(deps, as('sup'), {
      ledgerType: 'directive',
      title: '推进黑臭水体整治',
      content: '完成城区黑臭水体排查和整治。',
      fields: { category: 'key_task' },
    });
    await performAction(deps, as('sup'), item.id, { type: 'AssignItem', data: { leadUnitId: 'env', coUnitIds: ['water'], deadline: '2026-03-20' } });
    return { deps, clock, tenantId, as, item };
  }

  it.skipIf(skip)('issues a numbered 督办通知单 in the GB/T 9704 layout, on the timeline, readable by the lead unit only', async () => {
    const { deps, tenantId, as, item } = await assigned();
    const first = await issueItemDocument(deps, as('sup'), item.id, 'notice');
    const second = await issueItemDocument(deps, as('sup'), item.id, 'notice');
    const urge = await issueItemDocument(deps, as('sup'), item.id, 'urge');
    expect([first.number, second.number, urge.number]).toEqual(['督办〔2026〕1号', '督办〔2026〕2号', '催办〔2026〕1号']);
    await expect(issueItemDocument(deps, as('env'), item.id, 'letter')).rejects.toMatchObject({ code: 'forbidden' });

    const file = await renderDocument(deps, as('env'), first.id, 'docx');
    expect(file.fileName).toBe('督办〔2026〕1号关于推进黑臭水体整治的督办通知单.docx');
    const xml = zipText(file.body, 'word/document.xml')!;
    const text = textOf(xml);
    expect(text).toContain('市委督查室');
    expect(text).toContain('督办〔2026〕1号');
    expect(text).toContain('关于推进黑臭水体整治的督办通知单');
    expect(text).toContain('市生态环境局：');
    expect(text).toContain('2026年3月2日');
    expect(text).toContain('抄送：市水务局。');
    expect(text).toContain('2026年3月20日前办结');
    // The 发文机关标志 is red, in 小标宋; the red rule under the number; A4 with the standard margins.
    expect(xml).toMatch(/<w:rFonts[^>]*w:eastAsia="方正小标宋简体"[^>]*\/>(?:(?!<\/w:rPr>).)*<w:color w:val="FF0000"\/>(?:(?!<\/w:r>).)*<w:t[^>]*>市委督查室<\/w:t>/s);
    expect(xml).toMatch(/<w:bottom w:val="single" w:color="FF0000"/);
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(xml).toMatch(/<w:pgSz w:w="11907" w:h="16840"/);
    expect(xml).toMatch(/<w:pgMar w:top="2098"[^>]*w:bottom="1985"[^>]*w:left="1588"/);

    const timeline = (await t.store.read.events.listByItem(tenantId, item.id)).filter((e) => e.type === 'DocumentIssued');
    expect(timeline.map((e) => (e.payload as { number: string }).number)).toEqual(['督办〔2026〕1号', '督办〔2026〕2号', '催办〔2026〕1号']);
    expect((await itemDocuments(deps, as('water'), item.id)).map((d) => d.number)).toHaveLength(3);
    await expect(renderDocument(deps, as('street'), first.id, 'docx')).rejects.toMatchObject({ code: 'document_not_found' });
  });

  it.skipIf(skip || !SOFFICE)('renders the PDF by LibreOffice with the same text', { timeout: 180_000 }, async () => {
    const { deps, as, item } = await assigned();
    const doc = await issueItemDocument(deps, as('sup'), item.id, 'letter');
    const pdf = await renderDocument(deps, as('env'), doc.id, 'pdf');
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf.body)), { mergePages: true });
    const flat = text.replace(/\s+/g, '');
    expect(flat).toContain('督函〔2026〕1号');
    expect(flat).toContain('关于推进黑臭水体整治的督办函');
    expect(flat).toContain('市生态环境局：');
    expect(flat).toContain('2026年3月2日');
  });

  it.skipIf(skip)('the escalation ladder issues the 催办通知 and 督办函 itself, numbered and linked', async () => {
    const { deps, clock, tenantId, as, item } = await assigned();
    clock.advanceDays(20); // past the deadline of 2026-03-20: 催办 is due
    const first = await sweepEscalations(deps, as('sup'));
    expect(first.steps.map((s) => s.kind)).toEqual(['urge']);
    clock.advanceDays(10); // five working days on: 督办函
    await sweepEscalations(deps, as('sup'));
    const docs = await itemDocuments(deps, as('env'), item.id);
    expect(docs.map((d) => [d.kind, d.number])).toEqual([
      ['urge', '催办〔2026〕1号'],
      ['letter', '督函〔2026〕1号'],
    ]);
    const linked = (await t.store.read.events.listByItem(tenantId, item.id))
      .filter((e) => e.type === 'DocumentIssued')
      .map((e) => (e.payload as { documentId: string }).documentId);
    expect(linked).toEqual(docs.map((d) => d.id));
  });
});
