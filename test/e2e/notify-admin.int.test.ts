/*
 * Notification administration in Chromium: the system admin adds a 企业微信 group robot for 市卫生健康委员会
 * pointing at a local fake of the vendor (which checks the robot key and the markdown body as WeCom does), an
 * item is assigned to that unit at the command line while the server runs, the server's own notifier delivers
 * it to the fake, and the delivery log shows it as sent to the unit by that robot.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeWecomRobot, type Fake } from '../../src/jobs/notify/testing/fakes.js';
import { browserAvailable, loginAdminFirstTime, newPage, REPO, shot, startWebHarness, type WebHarness } from './web/harness.js';

const run = browserAvailable();
const KEY = 'e2e-robot-key-7f3a';

function luoshi(args: string[]): Promise<string> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('LUOSHI_')));
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [join(REPO, 'bin', 'luoshi.js'), ...args], { env }, (err, stdout, stderr) => (err ? reject(new Error(stderr || String(err))) : resolve(stdout)));
  });
}

describe.skipIf(!run)('notification administration in Chromium (demo city)', () => {
  let h: WebHarness;
  let fake: Fake;
  /** The system admin's page: an admin enrols a second factor once, at the first login. */
  let admin: Page;
  beforeAll(async () => {
    fake = await fakeWecomRobot(KEY);
    // The fake listens on 127.0.0.1, which the webhook SSRF policy refuses unless private targets are allowed.
    h = await startWebHarness({ LUOSHI_WEBHOOK_ALLOW_PRIVATE: '1' });
  }, 120_000);
  afterAll(async () => {
    await h?.close();
    await fake?.close();
  });

  it('adds a WeCom robot for a unit, and an assignment to that unit shows in the log as sent', async () => {
    const { page } = await newPage(h);
    admin = page;
    await loginAdminFirstTime(page, 'sysadmin');
    await page.goto('/admin');
    await page.getByRole('tab', { name: '通知' }).click();
    await page.getByTestId('add-channel').click();
    const dialog = page.getByRole('dialog');
    // An incomplete robot is stopped on the page with the catalogue's words.
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.getByText('群机器人属于某个单位，请选择单位').waitFor();
    await dialog.getByLabel('单位').click();
    await page.keyboard.type('卫生健康');
    await page.locator('.ant-select-item-option', { hasText: '市卫生健康委员会' }).click();
    await dialog.getByLabel('机器人 Webhook 地址').fill(`${fake.url}/cgi-bin/webhook/send?key=${KEY}`);
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('渠道已添加').waitFor();
    const channel = page.locator('.ant-table-row', { hasText: '企业微信群机器人' });
    await channel.waitFor();
    const shown = await channel.innerText();
    expect(shown).toContain('市卫生健康委员会');
    expect(shown).toContain(`${fake.url}/cgi-bin/webhook/send`);
    // The robot's key is a secret: never sent back to the page.
    expect(await page.content()).not.toContain(KEY);

    const data = ['--data', h.dataDir];
    const item = JSON.parse(
      await luoshi(['item', 'create', '--ledger', 'directive', '--title', '落实汛期值守（机器人测试）', '--field', 'category=key_task', '--as', 'supervisor', '--json', ...data]),
    ) as { id: string; number: string };
    await luoshi(['item', 'assign', item.id, '--lead', 'dept-wjw', '--deadline', '2099-12-31', '--as', 'supervisor', ...data]);
    // The server's notifier runs every second: fan-out, then the robot's delivery to the fake.
    await expect.poll(() => fake.accepted.length, { timeout: 20_000 }).toBe(1);
    expect(JSON.parse(fake.accepted[0]!.body)).toMatchObject({ msgtype: 'markdown', markdown: { content: expect.stringContaining(item.number) } });

    await page.getByTestId('log-status').getByText('已发送').click();
    const row = page.getByTestId('delivery-log').locator('.ant-table-row', { hasText: '企业微信群机器人' });
    await row.waitFor();
    const text = await row.innerText();
    expect(text).toContain('市卫生健康委员会');
    expect(text).toContain('已发送');
    expect(text).not.toContain('wecom');
    await shot(page, 'notify-admin');
    // Filtered to failures, the sent delivery is not listed.
    await page.getByTestId('log-status').getByText('发送失败').click();
    await page.getByTestId('delivery-log').getByText('暂无发送记录').waitFor();
  }, 120_000);

  it('switches a rule off for one ledger type and makes another urgent for all, and keeps them after a reload', async () => {
    const page = admin;
    await page.goto('/admin');
    await page.getByRole('tab', { name: '通知' }).click();
    const rules = page.getByTestId('notify-rules');
    await rules.getByRole('switch', { name: '领导批示 启用' }).click();
    await rules.getByLabel('适用范围').first().click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '安全隐患' }).click();
    await rules.getByLabel('催办 紧急程度').first().click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '紧急' }).click();
    await rules.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('通知规则已保存').waitFor();
    await page.reload();
    await page.getByRole('tab', { name: '通知' }).click();
    // Every type: 批示 off; 催办 still normal. 安全隐患: 催办 urgent.
    expect(await page.getByTestId('notify-rules').getByRole('switch', { name: '领导批示 启用' }).getAttribute('aria-checked')).toBe('false');
    await page.getByTestId('notify-rules').getByLabel('适用范围').first().click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '安全隐患' }).click();
    await page.getByTestId('notify-rules').locator('.ant-table-row', { hasText: '催办' }).first().getByText('紧急').waitFor();
    await shot(page, 'notify-rules');
  }, 120_000);
});
