/*
 * 监测预警 without a command line, in Chromium: on first start the demo's series shows its band and alarms; the
 * city supervisor adds an indicator, uploads a small CSV of counts, reads the row report (the valid rows and the
 * refused one with its reason), imports the valid rows, and the new series charts.
 */
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, login, newPage, shot, startWebHarness, type WebHarness } from './web/harness.js';

const run = browserAvailable();
if (!run) console.warn('web signals e2e skipped: /usr/bin/chromium is absent (apt-get install chromium fonts-noto-cjk; CI sets LUOSHI_REQUIRE_BROWSER=1)');

/** A city date `days` before today in Shanghai. */
const daysAgo = (days: number) => new Date(Date.now() + 8 * 3_600_000 - days * 86_400_000).toISOString().slice(0, 10);

async function apiGet<T>(context: BrowserContext, path: string): Promise<T> {
  const res = await context.request.get(`/api/v1${path}`);
  expect(res.ok(), `${path}: ${await res.text()}`).toBe(true);
  return (await res.json()) as T;
}

describe.skipIf(!run)('监测预警 in Chromium', () => {
  let h: WebHarness;
  beforeAll(async () => {
    h = await startWebHarness();
  }, 180_000);
  afterAll(async () => h?.close());

  it('shows the demo series with its alarms, adds an indicator, previews a CSV with its row report and imports it', async () => {
    const { context, page } = await newPage(h, 1440, 900);
    await login(page, 'supervisor');
    await page.goto('/signals');
    // First start: the demo's indicators, a chart and alarms that opened items.
    await page.getByText('指标管理').waitFor();
    await page
      .getByRole('cell', { name: /12345 热线燃气投诉量/ })
      .first()
      .waitFor();
    await page
      .locator('.ant-tag', { hasText: /^告警$/ })
      .first()
      .waitFor();
    await page.locator('table a[href^="/items/"]').first().waitFor();
    await shot(page, 'signals-demo');

    await page.getByRole('button', { name: '新增指标' }).click();
    const form = page.getByRole('dialog');
    await form.getByLabel('指标代码').fill('heat_stroke');
    await form.getByLabel('指标名称').fill('中暑就诊人次');
    await form.getByLabel('显著性水平 α').fill('0.01');
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已保存指标“中暑就诊人次”').waitFor();
    await page
      .getByRole('cell', { name: /中暑就诊人次/ })
      .first()
      .waitFor();

    await page.getByRole('button', { name: '上传计数' }).click();
    const upload = page.getByRole('dialog');
    const rows = [...Array.from({ length: 14 }, (_, i) => `东城区,heat_stroke,${daysAgo(14 - i)},${5 + (i % 3)}`), `北城区,heat_stroke,${daysAgo(1)},4`];
    await upload.locator('input[type=file]').setInputFiles({ name: '中暑.csv', mimeType: 'text/csv', buffer: Buffer.from(['地区,指标,日期,计数', ...rows].join('\n'), 'utf8') });
    await upload.getByRole('button', { name: /试导入/ }).click();
    await upload.getByText(/试导入结果（尚未写入）： 有效 14 行（新增 14，更新 0，未变 0），错误 1 行/).waitFor();
    await upload
      .getByText(/北城区/)
      .first()
      .waitFor();
    expect(await upload.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(true);
    await shot(page, 'signals-upload-preview');
    await upload.getByRole('checkbox', { name: /只导入有效行/ }).check();
    await upload.getByRole('button', { name: '确认导入' }).click();
    await upload.getByText(/已导入： 有效 14 行/).waitFor();
    await shot(page, 'signals-upload-done');

    const chart = await apiGet<{ points: { count: number | null }[] }>(context, '/signals/series?region=%E4%B8%9C%E5%9F%8E%E5%8C%BA&indicator=heat_stroke');
    expect(chart.points.filter((p) => p.count !== null)).toHaveLength(14);
    await context.close();
  }, 180_000);
});
