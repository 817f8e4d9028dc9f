/*
 * What a newcomer tries first, end to end in child processes (`node bin/luoshi.js …`): `luoshi init` then
 * `luoshi demo` on the same database, and `luoshi serve` on a port another process holds.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/luoshi.js', import.meta.url));

function luoshi(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, LUOSHI_DATABASE_URL: '', ...env }, maxBuffer: 32 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('a newcomer’s first commands', { timeout: 180_000 }, () => {
  it('builds the demo city in the database init created, and refuses a second demo there', async () => {
    const db = ['--data', mkdtempSync(join(tmpdir(), 'luoshi-first-'))];
    const init = await luoshi(['init', ...db, '--json']);
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    // A new tenant signs its 审签, 销号 and 通报: 签章要求 required.
    expect((JSON.parse(init.stdout) as { tenant: { id: string; signingPolicy: string } }).tenant).toMatchObject({ id: 'default', signingPolicy: 'required' });

    const demo = await luoshi(['demo', ...db, '--json']);
    expect(demo.stderr).toBe('');
    expect(demo.code).toBe(0);
    const summary = JSON.parse(demo.stdout) as { tenant: { id: string; name: string }; users: { username: string }[] };
    expect(summary.tenant).toEqual({ id: 'default', name: 'Luoshi' });
    expect(summary.users.map((u) => u.username)).toContain('supervisor');

    const list = await luoshi(['items', 'list', ...db, '--as', 'supervisor', '--json']);
    expect(list.code).toBe(0);
    expect((JSON.parse(list.stdout) as { items: unknown[] }).items.length).toBeGreaterThan(0);

    const again = await luoshi(['demo', ...db]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('已有单位、用户或事项');
    expect(again.stderr).toContain('already holds units, users or items');
  });

  describe('on a busy port', () => {
    let holder: Server;
    afterAll(() => new Promise<void>((resolve) => holder.close(() => resolve())));

    it('luoshi serve says which flag and which variable pick another port, and exits non-zero', async () => {
      holder = createServer();
      await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
      const port = (holder.address() as { port: number }).port;
      const db = ['--data', mkdtempSync(join(tmpdir(), 'luoshi-port-'))];
      expect((await luoshi(['init', ...db])).code).toBe(0);
      // The web app is not what this test is about: a checkout whose web/dist is stale would build it first.
      const r = await luoshi(['serve', ...db, '--port', String(port)], { LUOSHI_WEB_BUILD: 'off' });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`端口 ${port} 已被占用`);
      expect(r.stderr).toContain('--port');
      expect(r.stderr).toContain('LUOSHI_PORT');
      expect(r.stderr).toContain(`Port ${port} on 127.0.0.1 is already in use`);
    });
  });
});
