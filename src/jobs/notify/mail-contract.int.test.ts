/*
 * The contract of e-mail notifications, as an operator meets it: a demo city, `luoshi user set … --email … --as
 * sysadmin`, a server started with LUOSHI_SMTP_URL and LUOSHI_MAIL_FROM, and an item assigned at the command
 * line; within 10 seconds its lead unit's handler gets a mail whose subject carries the item's number. The SMTP
 * server is a real one on 127.0.0.1.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../api/server.js';
import { loadConfig } from '../../config/config.js';
import { startLocalSmtp, type LocalSmtp } from './testing/smtp.js';

const BIN = fileURLToPath(new URL('../../../bin/luoshi.js', import.meta.url));

function luoshi(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, LUOSHI_DATABASE_URL: '' } }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('e-mail on assignment (contract)', { timeout: 180_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-mail-'));
  const data = ['--data', dir];
  let smtp: LocalSmtp;
  let server: RunningServer | undefined;

  beforeAll(async () => {
    smtp = await startLocalSmtp();
    const demo = await luoshi(['demo', ...data, '--json']);
    expect(demo.code, demo.stderr).toBe(0);
  }, 180_000);
  afterAll(async () => {
    await server?.close();
    await smtp?.close();
  });

  it('refuses a malformed address and someone who is not the system admin, and changes nothing', async () => {
    const bad = await luoshi(['user', 'set', 'wjw.handler', '--email', 'not-an-address', '--as', 'sysadmin', ...data]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('电子邮箱');
    const notAdmin = await luoshi(['user', 'set', 'wjw.handler', '--email', 'x@example.gov.cn', '--as', 'supervisor', ...data]);
    expect(notAdmin.code).toBe(4);
  });

  it("mails the lead unit's handler a subject with the item's number within 10 seconds of the assignment", async () => {
    const set = await luoshi(['user', 'set', 'wjw.handler', '--email', 'wjw.handler@example.gov.cn', '--as', 'sysadmin', ...data]);
    expect(set.code, set.stderr).toBe(0);
    const other = await luoshi(['user', 'set', 'yjj.handler', '--email', 'yjj.handler@example.gov.cn', '--as', 'sysadmin', ...data]);
    expect(other.code, other.stderr).toBe(0);
    const config = loadConfig({ LUOSHI_DATA_DIR: dir, LUOSHI_PORT: '0', LUOSHI_LOG_LEVEL: 'silent', LUOSHI_SMTP_URL: smtp.url, LUOSHI_MAIL_FROM: 'luoshi@example.gov.cn' });
    server = await startServer(config, { schedule: false, dispatchWebhooks: false });

    const created = await luoshi([
      'item',
      'create',
      '--ledger',
      'directive',
      '--title',
      '落实汛期值守 邮件测试',
      '--field',
      'category=key_task',
      '--as',
      'supervisor',
      '--json',
      ...data,
    ]);
    expect(created.code, created.stderr).toBe(0);
    const item = JSON.parse(created.stdout) as { id: string; number: string };
    const assigned = await luoshi(['item', 'assign', item.id, '--lead', 'dept-wjw', '--deadline', '2099-12-31', '--as', 'supervisor', ...data]);
    expect(assigned.code, assigned.stderr).toBe(0);
    const at = Date.now();

    const mail = await smtp.waitFor((m) => m.subject.includes(item.number), 10_000);
    expect(Date.now() - at).toBeLessThan(10_000);
    expect(mail.to).toEqual(['wjw.handler@example.gov.cn']);
    expect(mail.from).toBe('luoshi@example.gov.cn');
    expect(mail.subject).toContain('新交办');
    expect(mail.text).toContain('落实汛期值守 邮件测试');
    expect(mail.html).toContain(item.number);
    // Only the lead unit's handlers: another unit's handler, with an address too, hears nothing of it (after 08:30 on
    // a working day both get the day's digest, which is another mail).
    expect(smtp.mails.filter((m) => m.to.includes('yjj.handler@example.gov.cn') && m.subject.includes(item.number))).toEqual([]);

    const log = await luoshi(['notify', 'log', '--json', ...data]);
    expect(log.code, log.stderr).toBe(0);
    const rows = JSON.parse(log.stdout) as { channelKind: string; status: string; recipientId: string }[];
    expect(rows).toContainEqual(expect.objectContaining({ channelKind: 'email', status: 'sent', recipientId: 'u-wjw-handler' }));
    expect(log.stdout).not.toContain('wjw.handler@example.gov.cn');
  });
});
