/*
 * Evidence as a handler meets it in Chromium: the upload states its size limit and refuses a larger file in the
 * browser; a file chosen in a dialog that is then cancelled is withdrawn, so the item keeps no evidence of it
 * (the timeline records the upload and the withdrawal by name); a file submitted with a report stays, is named
 * in the timeline and previews inline as a PDF, with no Content-Security-Policy complaint.
 */
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, login, newPage, shot, startWebHarness, type WebHarness } from './web/harness.js';

const run = browserAvailable();
if (!run) console.warn('web evidence e2e skipped: /usr/bin/chromium is absent (apt-get install chromium fonts-noto-cjk; CI sets LUOSHI_REQUIRE_BROWSER=1)');

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

interface Detail {
  item: { id: string };
  actions: string[];
  timeline: { type: string; data: Record<string, unknown> }[];
}

async function apiGet<T>(context: BrowserContext, path: string): Promise<T> {
  const res = await context.request.get(`/api/v1${path}`);
  expect(res.ok(), `${path}: ${await res.text()}`).toBe(true);
  return (await res.json()) as T;
}

/** An item at work on which this handler may report progress. */
async function reportable(context: BrowserContext): Promise<string> {
  const page = await apiGet<{ items: { id: string }[] }>(context, '/items?state=in_progress&limit=50');
  for (const row of page.items) {
    const d = await apiGet<Detail>(context, `/items/${encodeURIComponent(row.id)}`);
    if (d.actions.includes('report')) return row.id;
  }
  throw new Error('the demo has no item at work this handler reports on');
}

const fileNames = async (context: BrowserContext, id: string) =>
  (await apiGet<{ fileName: string }[]>(context, `/items/${encodeURIComponent(id)}/evidence`)).map((e) => e.fileName);

describe.skipIf(!run)('evidence in Chromium', () => {
  let h: WebHarness;
  beforeAll(async () => {
    h = await startWebHarness();
  }, 120_000);
  afterAll(async () => h?.close());

  it('a cancelled dialog leaves no evidence; a submitted file stays, is named in the timeline and previews inline', async () => {
    const { context, page } = await newPage(h, 1440, 900);
    const cspComplaints: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspComplaints.push(m.text());
    });
    await login(page, 'wjw.handler');
    const id = await reportable(context);
    const before = await fileNames(context, id);
    await page.goto(`/items/${encodeURIComponent(id)}`);

    // The limit is stated before a file is chosen, and a larger file never leaves the browser.
    await page.locator('[data-action="report"]').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('单个文件不超过 20 MB').waitFor();
    let uploads = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && /\/api\/v1\/items\/[^/]+\/evidence$/.test(new URL(r.url()).pathname)) uploads += 1;
    });
    await dialog.locator('input[type=file]').setInputFiles({ name: '超大扫描件.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(21 * 1024 * 1024, 0x20) });
    await dialog.getByText('“超大扫描件.pdf”大小为 21 MB，超过 20 MB 的上限，未上传。').waitFor();
    expect(uploads).toBe(0);

    // Chosen, uploaded, then 取消: withdrawn, so the item keeps nothing of it.
    await dialog.locator('input[type=file]').setInputFiles({ name: '取消时撤回.txt', mimeType: 'text/plain', buffer: Buffer.from('选错的材料', 'utf8') });
    await dialog.getByRole('checkbox', { name: '取消时撤回.txt' }).waitFor();
    expect(uploads).toBe(1);
    await shot(page, 'evidence-staged');
    await dialog
      .locator('.ant-modal-footer .ant-btn')
      .filter({ hasText: /取\s*消/ })
      .click();
    await dialog.waitFor({ state: 'hidden' });
    await expect
      .poll(async () => (await apiGet<Detail>(context, `/items/${encodeURIComponent(id)}`)).timeline.filter((e) => e.type === 'EvidenceWithdrawn').map((e) => e.data.fileName))
      .toEqual(['取消时撤回.txt']);
    expect(await fileNames(context, id)).toEqual(before);
    await page.reload();
    await page.locator('.ant-timeline').getByText('撤回佐证材料').first().waitFor();
    expect(await page.locator('[data-testid="evidence-row"]', { hasText: '取消时撤回.txt' }).count()).toBe(0);

    // Submitted with a report: the file stays, the timeline names it, and it previews as a PDF.
    await page.locator('[data-action="report"]').click();
    await dialog.waitFor();
    await dialog.getByLabel('进展情况').fill('整改方案已印发，正在逐项落实。');
    await dialog.getByLabel('完成进度（%）').fill('50');
    await dialog.locator('input[type=file]').setInputFiles({ name: '整改方案.pdf', mimeType: 'application/pdf', buffer: PDF });
    await dialog.getByRole('checkbox', { name: '整改方案.pdf' }).waitFor();
    await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.getByText('操作成功：进展反馈').first().waitFor();
    await dialog.waitFor({ state: 'hidden' });
    expect(await fileNames(context, id)).toEqual([...before, '整改方案.pdf']);
    await page.locator('.ant-timeline').getByText('材料：整改方案.pdf').first().waitFor();

    await page.getByRole('button', { name: '预览 整改方案.pdf' }).click();
    const frame = page.getByTestId('evidence-preview-pdf');
    await frame.waitFor();
    expect(await frame.getAttribute('src')).toMatch(/^blob:/);
    await shot(page, 'evidence-pdf-preview');
    expect(cspComplaints).toEqual([]);
    await context.close();
  }, 180_000);
});
