/*
 * The notification bell in Chromium: an item assigned to 市卫生健康委员会 (at the command line, while the server
 * runs) shows in its handler's bell as one unread notification with the item's number; following it opens the
 * item and marks it read.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, login, newPage, REPO, shot, startWebHarness, type WebHarness } from './web/harness.js';

const run = browserAvailable();

function luoshi(args: string[]): Promise<string> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('LUOSHI_')));
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [join(REPO, 'bin', 'luoshi.js'), ...args], { env }, (err, stdout, stderr) => (err ? reject(new Error(stderr || String(err))) : resolve(stdout)));
  });
}

describe.skipIf(!run)('notification bell in Chromium (demo city)', () => {
  let h: WebHarness;
  beforeAll(async () => {
    h = await startWebHarness();
  }, 120_000);
  afterAll(async () => h?.close());

  it("shows an assignment in the lead unit's handler's bell and opens the item from it", async () => {
    const { page } = await newPage(h);
    await login(page, 'wjw.handler');
    const unread = async () => ((await (await page.request.get('/api/v1/notifications')).json()) as { unread: number }).unread;
    await page.getByTestId('notification-bell').waitFor();
    // The server sends the day's digest on its first round when it starts after 08:30 on a working day.
    const before = await unread();
    expect(await page.getByTestId('notification-bell').getAttribute('aria-label')).toBe(`通知，${before} 条未读`);

    const data = ['--data', h.dataDir];
    const item = JSON.parse(
      await luoshi(['item', 'create', '--ledger', 'directive', '--title', '落实汛期值守（通知测试）', '--field', 'category=key_task', '--as', 'supervisor', '--json', ...data]),
    ) as { id: string; number: string };
    await luoshi(['item', 'assign', item.id, '--lead', 'dept-wjw', '--deadline', '2099-12-31', '--as', 'supervisor', ...data]);
    // The notifier runs every second in the server; the bell looks every 30 s, so the page is reloaded once it is in.
    await expect.poll(unread, { timeout: 15_000 }).toBe(before + 1);
    await page.reload();
    await page.getByRole('button', { name: `通知，${before + 1} 条未读` }).waitFor();
    await page.getByTestId('notification-bell').click();
    const entry = page.getByTestId('notification-list').getByText(item.number, { exact: false }).first();
    await entry.waitFor();
    await shot(page, 'notification-bell');
    await entry.click();
    await page.waitForURL((u) => u.pathname === `/items/${encodeURIComponent(item.id)}`);
    await page.getByRole('button', { name: `通知，${before} 条未读` }).waitFor();
  });
});
