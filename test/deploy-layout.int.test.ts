/*
 * What the container image and the systemd recipe ship: the compiled server (dist/), the built web app
 * (web/dist/), the launcher and the runtime dependencies — no src/, no scripts/, no compiler. The image cannot be
 * built here (no registry of base images is reachable), so this test lays out the same files in a folder of its
 * own and runs the product from it: the launcher must not look for sources to rebuild, serve must not try to
 * build the web app, and a city must be able to start, serve its pages and answer its health checks.
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const dockerfile = readFileSync(join(REPO, 'Dockerfile'), 'utf8');
const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string; engines: { node: string } };

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

describe('the deployed layout (image and systemd recipe)', { timeout: 180_000 }, () => {
  const root = mkdtempSync(join(tmpdir(), 'luoshi-deploy-'));
  const app = join(root, 'app');
  const data = join(root, 'data');
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('names a base image of a Node line the package supports, and ships no sources', () => {
    const major = Number(/ARG NODE_IMAGE=node:(\d+)/.exec(dockerfile)?.[1]);
    const least = Number(/>=\s*(\d+)/.exec(pkg.engines.node)?.[1]);
    expect(major).toBeGreaterThanOrEqual(least);
    expect(dockerfile).toMatch(/npm run build \\/);
    expect(dockerfile).toMatch(/rm -rf src test bench scripts web\/src/);
  });

  it('starts, builds the demo city and serves the web app and its health checks from dist/ alone', async () => {
    execFileSync(process.execPath, [join(REPO, 'web', 'scripts', 'build.mjs'), '--if-stale'], { stdio: 'pipe', cwd: REPO });
    for (const part of ['bin', 'dist', 'web/dist', 'package.json']) cpSync(join(REPO, part), join(app, part), { recursive: true });
    symlinkSync(join(REPO, 'node_modules'), join(app, 'node_modules'), 'dir');
    const env = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('LUOSHI_'))), NODE_ENV: 'production' };
    const luoshi = (args: string[]) => execFileSync(process.execPath, [join(app, 'bin', 'luoshi.js'), ...args], { env, cwd: app, encoding: 'utf8' });

    expect(luoshi(['--version']).trim()).toBe(pkg.version);
    expect(JSON.parse(luoshi(['demo', '--data', data, '--json'])) as { users: unknown[] }).toHaveProperty('users');

    const port = await freePort();
    const server = spawn(process.execPath, [join(app, 'bin', 'luoshi.js'), 'serve', '--data', data], {
      env: { ...env, LUOSHI_PORT: String(port), LUOSHI_HOST: '127.0.0.1' },
      cwd: app,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    server.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
    try {
      const url = `http://127.0.0.1:${port}`;
      let healthy = false;
      for (let i = 0; i < 100 && !healthy; i++) {
        healthy = await fetch(`${url}/healthz`).then(
          (r) => r.ok,
          () => false,
        );
        if (!healthy) await new Promise((r) => setTimeout(r, 200));
      }
      expect(healthy, stderr).toBe(true);
      expect(((await (await fetch(`${url}/readyz`)).json()) as { status: string }).status).toBe('ready');
      const page = await fetch(`${url}/ledgers/directive`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root"');
      expect((await fetch(`${url}/public/default/`)).status).toBe(200);
    } finally {
      server.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    // Nothing tried to compile: no sources, no build tools, and no complaint about either.
    expect(stderr).not.toMatch(/dist\/ 已过期|web app could not be built|网页端构建失败/);
  });
});
