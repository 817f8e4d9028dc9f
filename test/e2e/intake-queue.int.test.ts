/*
 * The 待立项 queue in Chromium, on the demo city: a community's 网格员 reports a hazard (上报) from the ledger; it waits on the
 * district supervisor's desk, who opens it and registers and assigns it in one step (立项并交办), after which it
 * leaves the queue and the street has it to accept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, login, newPage, shot, startWebHarness, type WebHarness } from './web/harness.js';

const run = browserAvailable();
const TITLE = '和平路3号楼道堆放杂物（网格员上报）';
/** A date N days from today in the city's zone. */
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);

describe.skipIf(!run)('the 待立项 queue in Chromium (demo city)', () => {
  let h: WebHarness;
  beforeAll(async () => {
    h = await startWebHarness();
  }, 180_000);
  afterAll(async () => h?.close());

  it("a handler reports a hazard from the ledger; it waits on the district supervisor's desk, who registers and assigns it in one step", async () => {
    const grid = (await newPage(h)).page;
    await login(grid, 'd1-s1-c1.handler');
    // The handler reports from the hazard ledger (上报), with the fields the type requires.
    await grid.goto('/ledgers/hazard');
    await grid.getByTestId('report-item').click();
    const form = grid.getByRole('dialog');
    await form.getByLabel('事项', { exact: true }).fill(TITLE);
    await form.getByLabel('排查日期').click();
    await form.getByLabel('排查日期').fill(inDays(0));
    await form.getByLabel('排查日期').press('Enter');
    await form.getByLabel('单位 / 部位 / 场所').fill('和平路3号');
    await form.getByLabel('隐患类别').click();
    await grid.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '消防' }).first().click();
    await form.getByLabel('隐患等级').click();
    await grid.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '一般' }).first().click();
    await form.locator('.ant-modal-footer .ant-btn-primary').click();
    await grid.waitForURL(/\/items\//);
    await grid.getByTestId('awaiting-intake').waitFor();
    await shot(grid, 'intake-reported');

    const sup = (await newPage(h)).page;
    await login(sup, 'd1.supervisor');
    const box = sup.getByTestId('desk-intake');
    await box.getByText('待立项').first().waitFor();
    await box.getByRole('link', { name: TITLE }).click();
    await sup.waitForURL(/\/items\//);
    await sup.getByTestId('awaiting-intake').waitFor();
    await shot(sup, 'intake-item');

    const button = sup.locator('[data-action="assign"]');
    expect(await button.innerText()).toContain('立项并交办');
    await button.click();
    const dialog = sup.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByLabel('牵头单位').click();
    await sup.keyboard.type('和平街道');
    await sup.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '和平街道' }).first().click();
    await dialog.getByLabel('办结时限').click();
    await dialog.getByLabel('办结时限').fill(inDays(20));
    await dialog.getByLabel('办结时限').press('Enter');
    await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
    const ok = sup.getByText('操作成功：立项并交办').first();
    const refused = dialog.locator('.ant-alert-error, .ant-form-item-explain-error').first();
    await ok.or(refused).waitFor();
    if (!(await ok.isVisible())) throw new Error(`refused: ${await dialog.innerText()}`);
    await sup.locator('.ant-tag', { hasText: '待签收' }).first().waitFor();
    expect(await sup.getByTestId('awaiting-intake').count()).toBe(0);

    // Off the queue: the desk's box no longer lists it.
    await sup.goto('/');
    await sup.getByTestId('desk-intake').waitFor();
    await sup
      .getByTestId('desk-intake')
      .getByText(/暂无|没有/)
      .first()
      .waitFor();
    expect(await sup.getByTestId('desk-intake').getByRole('link', { name: TITLE }).count()).toBe(0);
  }, 90_000);
});
