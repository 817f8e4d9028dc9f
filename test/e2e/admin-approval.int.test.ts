/*
 * 三权分立 in the browser: the system admin asks for a handler's password to be reset, the request waits under
 * 待审批 until the security admin approves it there, and the handler then logs in with the one-time password
 * and must set a new one before anything else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, loginAdminFirstTime, newPage, PASSWORD, shot, startWebHarness, type WebHarness } from './web/harness.js';

const run = browserAvailable();
const ONE_TIME = 'Einmal-Passwort-2026!';
const NEW_PASSWORD = 'Neues-Passwort-fuer-2027!';

describe.skipIf(!run)('two-person account changes in Chromium (demo city)', () => {
  let h: WebHarness;
  beforeAll(async () => {
    h = await startWebHarness();
  }, 120_000);
  afterAll(async () => h?.close());

  it('a reset asked by the system admin takes effect only once the security admin approves it', async () => {
    const sys = (await newPage(h)).page;
    await loginAdminFirstTime(sys, 'sysadmin');
    await sys.goto('/admin');
    await sys.getByPlaceholder('按用户名、姓名或单位查找').fill('wjw');
    await sys.getByTestId('reset-password-wjw.handler').click();
    const dialog = sys.getByRole('dialog');
    await dialog.getByLabel('一次性密码').fill(ONE_TIME);
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    // The requester sees it waiting and cannot decide it.
    await sys.getByRole('tab', { name: /待审批/ }).click();
    await sys.getByText('等待另一名管理员审批').waitFor();
    expect(await sys.locator('[data-testid^="approve-"]').count()).toBe(0);

    // Before approval the one-time password does not open the account.
    await refused('wjw.handler', ONE_TIME);

    const sec = (await newPage(h)).page;
    await loginAdminFirstTime(sec, 'secadmin');
    await sec.goto('/admin');
    await sec.getByRole('tab', { name: /待审批\s*1/ }).click();
    const row = sec.locator('.ant-table-row', { hasText: '重置密码' });
    await row.waitFor();
    expect(await row.innerText()).toContain('系统管理员');
    await shot(sec, 'admin-approvals');
    await row.locator('[data-testid^="approve-"]').click();
    await sec.getByText('没有待审批的账号变更').waitFor({ timeout: 30_000 });

    const handler = (await newPage(h)).page;
    await handler.goto('/login');
    await handler.getByLabel('用户名').fill('wjw.handler');
    await handler.getByLabel('密码').fill(ONE_TIME);
    await handler.locator('form button[type=submit]').click();
    await handler.getByText('设置新密码').first().waitFor();
    await handler.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
    await handler.getByLabel('再次输入新密码').fill(NEW_PASSWORD);
    await handler.getByRole('button', { name: '保存并登录' }).click();
    await handler.waitForURL((u) => !u.pathname.startsWith('/login'));

    // The demo password is gone, and so is the one-time one.
    await refused('wjw.handler', PASSWORD);
    await refused('wjw.handler', ONE_TIME);
  }, 120_000);

  async function refused(username: string, password: string): Promise<void> {
    const page = (await newPage(h)).page;
    await page.goto('/login');
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(password);
    await page.locator('form button[type=submit]').click();
    await page.locator('.ant-alert-error').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.context().close();
  }
});
