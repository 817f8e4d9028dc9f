/*
 * An inspection round in Chromium, on the demo city: 和平街道's inspector opens a round due on the inspection page,
 * passes every line but the gas pipe, which fails with a note and a photo; the hazard it opens is linked from the
 * answer, and it waits on the district supervisor's desk in the 待立项 box; 考核 shows the street's coverage.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, login, newPage, shot, startWebHarness, type WebHarness } from './web/harness.js';

const run = browserAvailable();
const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

describe.skipIf(!run)('an inspection round in Chromium (demo city)', () => {
  let h: WebHarness;
  beforeAll(async () => {
    h = await startWebHarness();
  }, 180_000);
  afterAll(async () => h?.close());

  it("an inspector records a round with one failed line; the hazard appears on the supervisor's desk", async () => {
    const inspector = (await newPage(h)).page;
    await login(inspector, 'd1-s1.handler');
    await inspector.getByRole('menuitem', { name: '安全检查' }).click();
    await inspector.waitForURL(/\/inspection$/);
    const record = inspector.getByRole('button', { name: /^填报 / }).first();
    await record.waitFor();
    const place = ((await record.getAttribute('aria-label')) ?? '').replace(/^填报 /, '');
    await record.click();
    await inspector.getByText(`填报检查结果：${place}`).waitFor();

    // A submission with a line unanswered is stopped before it reaches the server.
    await inspector.getByRole('button', { name: '提交检查结果' }).click();
    await inspector.getByText('请为每个检查项选择结果').waitFor();

    for (const key of ['fire_exit', 'wiring', 'exit_light']) await inspector.getByTestId(`line-${key}`).getByText('合格', { exact: true }).click();
    const gas = inspector.getByTestId('line-gas_pipe');
    await gas.getByText('不合格', { exact: true }).click();
    await gas.getByRole('textbox').fill('调压箱阀门锈蚀，有轻微燃气味');
    await gas.locator('input[type=file]').setInputFiles({ name: '阀门.png', mimeType: 'image/png', buffer: PHOTO });
    await gas.getByText('已上传 1 张照片').waitFor();
    await shot(inspector, 'inspection-form');
    await inspector.getByRole('button', { name: '提交检查结果' }).click();

    const answer = inspector.getByRole('status');
    await answer.getByText('发现 1 处隐患').waitFor();
    const link = answer.getByRole('link');
    expect(await link.count()).toBe(1);
    const hazardTitle = `${place}：燃气管道及阀门有无泄漏、锈蚀`;
    expect(await link.innerText()).toContain(hazardTitle);
    await shot(inspector, 'inspection-recorded');

    // The round left the list of rounds due and is listed as recorded, with its hazard.
    await link.click();
    await inspector.waitForURL(/\/items\//);
    await inspector.getByText('调压箱阀门锈蚀，有轻微燃气味').first().waitFor();

    const sup = (await newPage(h)).page;
    await login(sup, 'd1.supervisor');
    const box = sup.getByTestId('desk-intake');
    await box.getByRole('link', { name: hazardTitle }).first().waitFor();
    await shot(sup, 'inspection-hazard-on-desk');

    // 考核 shows the street's inspection coverage beside the items' figures.
    await sup.goto('/stats');
    const coverage = sup.getByTestId('inspection-coverage');
    await coverage.getByRole('cell', { name: '和平街道', exact: true }).waitFor();
  }, 120_000);
});
