/*
 * Official documents in the browser: a supervisor drafts the 通报 of a period, writes the praise paragraph,
 * saves it, issues it (frozen from then on) and downloads it as Word, the ranking stating its rule; and issues
 * a 督办通知单 from an item's page, which the lead unit's handler then finds and downloads there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SIGNING_PASSPHRASE } from '../../src/app/demo/signing-keys.js';
import { browserAvailable, login, newPage, shot, startWebHarness, type WebHarness } from './web/harness.js';

const run = browserAvailable();
const PRAISE = '市生态环境局按期完成全部整改任务，予以通报表扬。';

describe.skipIf(!run)('通报 in Chromium (demo city)', () => {
  let h: WebHarness;
  beforeAll(async () => {
    h = await startWebHarness();
  }, 120_000);
  afterAll(async () => h?.close());

  it('drafts, edits, issues and downloads a bulletin; an issued one cannot be edited', async () => {
    const page = (await newPage(h)).page;
    await login(page, 'supervisor');
    await page.getByRole('menuitem', { name: '通报' }).click();
    await page.waitForURL(/\/bulletins$/);
    await page.getByTestId('bulletin-draft').click();
    await page.waitForURL(/\/bulletins\/[^/]+$/);
    await page.getByText('排名规则：按期办结率从高到低').waitFor();
    expect(await page.getByTestId('bulletin-status').innerText()).toBe('草稿');
    await page.getByTestId('bulletin-praise').fill(PRAISE);
    await page.getByTestId('bulletin-save').click();
    await page.getByText('已保存').first().waitFor();
    await page.reload();
    await page.getByTestId('bulletin-praise').waitFor();
    expect(await page.getByTestId('bulletin-praise').inputValue()).toBe(PRAISE);

    await page.getByTestId('bulletin-issue').click();
    // 印发 is signed: the demo supervisor's key opens with the demo passphrase (签章要求 required).
    await page.getByRole('dialog').locator('input[type=password]').fill(DEMO_SIGNING_PASSPHRASE);
    await page.getByTestId('bulletin-issue-ok').click();
    await page.getByTestId('bulletin-status').getByText('已印发').waitFor({ timeout: 30_000 });
    await page.getByText('通报已印发，内容不能再修改。').waitFor();
    expect(await page.getByTestId('bulletin-praise').isDisabled()).toBe(true);
    expect(await page.getByTestId('bulletin-issue').count()).toBe(0);
    await shot(page, 'bulletin-issued');

    const word = await page.request.get(new URL((await page.getByRole('link', { name: '下载 Word' }).getAttribute('href')) ?? '', h.url).href);
    expect(word.status()).toBe(200);
    expect((await word.body()).subarray(0, 2).toString()).toBe('PK');

    await page.getByText('← 返回通报列表').click();
    await page.locator('.ant-table-row', { hasText: '已印发' }).first().waitFor();
  }, 120_000);

  it('issues a 督办通知单 from an item page; the lead unit downloads it', async () => {
    const sup = (await newPage(h)).page;
    await login(sup, 'supervisor');
    const items = (await (await sup.request.get('/api/v1/items?state=in_progress&unit=dept-wjw&limit=1')).json()) as { items: { id: string; leadUnitId: string }[] };
    const item = items.items[0]!;
    await sup.goto(`/items/${encodeURIComponent(item.id)}`);
    await sup.getByText('尚无文书').or(sup.locator('.ant-list-item').first()).first().waitFor();
    const before = await sup.getByRole('link', { name: 'Word' }).count();
    await sup.getByTestId('issue-notice').click();
    await sup
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /出\s*具/ })
      .click();
    await sup
      .getByText(/已出具 督办〔\d{4}〕\d+号|已出具 .+号/)
      .first()
      .waitFor();
    await sup.getByRole('link', { name: 'Word' }).nth(before).waitFor();
    await shot(sup, 'item-documents');

    const handler = (await newPage(h)).page;
    const lead = item.leadUnitId.replace(/^dept-/, '');
    await login(handler, `${lead}.handler`);
    await handler.goto(`/items/${encodeURIComponent(item.id)}`);
    const link = handler.locator('.ant-card', { hasText: '文书' }).getByRole('link', { name: 'Word' }).first();
    await link.waitFor();
    expect(await handler.getByTestId('issue-notice').count()).toBe(0);
    const file = await handler.request.get(new URL((await link.getAttribute('href')) ?? '', h.url).href);
    expect(file.status()).toBe(200);
    expect((await file.body()).subarray(0, 2).toString()).toBe('PK');
  }, 120_000);
});
