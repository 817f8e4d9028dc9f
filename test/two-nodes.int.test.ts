/*
 * Two `luoshi serve` processes on two loopback ports over one PostgreSQL database, as behind a reverse proxy:
 * a session opened on one works on the other, a logout on one is refused on the other within a second
 * (LISTEN/NOTIFY), the day's jobs run once between them, and webhook deliveries raced for by both dispatchers
 * arrive once each. Skipped without LUOSHI_TEST_DATABASE_URL (required in CI).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/luoshi.js', import.meta.url));
const PG_URL = process.env.LUOSHI_TEST_DATABASE_URL;
const SKIP = !PG_URL && process.env.LUOSHI_REQUIRE_POSTGRES !== '1';
const PASSWORD = 'Luoshi-demo-2026';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createNetServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

interface Node {
  readonly url: string;
  readonly proc: ChildProcess;
  readonly log: string[];
}

describe.skipIf(SKIP)('two server nodes on one PostgreSQL', { timeout: 240_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-nodes-'));
  const name = `luoshi_nodes_${process.pid}_${Date.now().toString(36)}`;
  let url: string;
  const nodes: Node[] = [];
  const received: { id: string; body: string }[] = [];
  const receiver = createHttpServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ id: String(req.headers['x-luoshi-delivery']), body });
      res.writeHead(200).end('ok');
    });
  });
  let receiverUrl: string;

  const env = () => ({
    ...process.env,
    LUOSHI_DATABASE_URL: url,
    LUOSHI_DATA_DIR: join(dir, 'data'),
    LUOSHI_SCHEDULER_USER: 'supervisor',
    LUOSHI_SCHEDULER_TIME: '00:00',
    LUOSHI_WEBHOOK_ALLOW_PRIVATE: '1',
    LUOSHI_LOG_LEVEL: 'info',
  });

  async function start(): Promise<Node> {
    const port = await freePort();
    const proc = spawn(process.execPath, [BIN, 'serve', '--port', String(port)], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    const log: string[] = [];
    const node = { url: `http://127.0.0.1:${port}`, proc, log };
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`node on ${port} did not start: ${log.join('')}`)), 120_000);
      const hear = (c: Buffer) => {
        log.push(c.toString());
        if (c.toString().includes('is running')) {
          clearTimeout(timer);
          resolve();
        }
      };
      proc.stdout!.on('data', hear);
      proc.stderr!.on('data', (c: Buffer) => log.push(c.toString()));
      proc.on('exit', (code) => reject(new Error(`node exited ${code}: ${log.join('')}`)));
    });
    return node;
  }

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(PG_URL!);
    u.pathname = `/${name}`;
    url = u.toString();
    await new Promise<void>((resolve, reject) =>
      execFile(process.execPath, [BIN, 'demo', '--password', PASSWORD], { env: env() }, (err, _out, stderr) => (err ? reject(new Error(stderr)) : resolve())),
    );
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;
    nodes.push(await start(), await start());
  }, 240_000);

  afterAll(async () => {
    for (const n of nodes) {
      n.proc.kill('SIGTERM');
      await new Promise((r) => n.proc.once('exit', r));
    }
    receiver.close();
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  async function login(node: Node, username: string): Promise<Record<string, string>> {
    const res = await fetch(`${node.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: PASSWORD }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    return { cookie, 'x-csrf-token': csrfToken };
  }

  it('serves one session on both nodes and refuses it on the other within a second of a logout', async () => {
    const [a, b] = nodes as [Node, Node];
    const h = await login(a, 'supervisor');
    expect((await fetch(`${b.url}/api/v1/items?limit=1`, { headers: h })).status).toBe(200);
    expect((await fetch(`${a.url}/api/v1/items?limit=1`, { headers: h })).status).toBe(200);
    const out = await fetch(`${a.url}/api/v1/session`, { method: 'DELETE', headers: h });
    expect(out.status).toBe(200);
    const t0 = Date.now();
    let status = 200;
    while (Date.now() - t0 < 1000) {
      status = (await fetch(`${b.url}/api/v1/items?limit=1`, { headers: h })).status;
      if (status === 401) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(status).toBe(401);
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it("runs each of the day's jobs on one node only", async () => {
    const done = () => nodes.flatMap((n) => n.log.join('').split('\n')).filter((l) => l.includes('"msg":"daily job done"'));
    for (let i = 0; i < 300 && done().length < 2; i++) await new Promise((r) => setTimeout(r, 100));
    const jobs = done()
      .map((l) => (JSON.parse(l) as { job: string }).job)
      .sort();
    expect(jobs.length).toBeGreaterThan(0);
    expect(new Set(jobs).size).toBe(jobs.length);
    // The record agrees: one run per job and day, done at the first attempt.
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      const runs = (await db.query<{ job: string; day: string; attempts: number; status: string }>('select job, day::text as day, attempts, status from job_runs')).rows;
      expect(runs.map((r) => r.job).sort()).toEqual(jobs);
      for (const r of runs) expect(r).toMatchObject({ attempts: 1, status: 'done' });
    } finally {
      await db.end();
    }
  });

  it('delivers each webhook once while both nodes dispatch', async () => {
    const [a, b] = nodes as [Node, Node];
    const ha = await login(a, 'supervisor');
    const hb = await login(b, 'supervisor');
    const hook = await fetch(`${a.url}/api/v1/webhooks`, {
      method: 'POST',
      headers: { ...ha, 'content-type': 'application/json' },
      body: JSON.stringify({ url: receiverUrl, unitId: 'city' }),
    });
    expect(hook.status, await hook.clone().text()).toBe(201);
    const list = (await (await fetch(`${a.url}/api/v1/items?state=in_progress&limit=20`, { headers: ha })).json()) as { items: { id: string }[] };
    expect(list.items.length).toBeGreaterThan(4);
    let actions = 0;
    await Promise.all(
      list.items.map(async (item, i) => {
        const [node, h] = i % 2 === 0 ? [a, ha] : [b, hb];
        const res = await fetch(`${node.url}/api/v1/items/${item.id}/urge`, {
          method: 'POST',
          headers: { ...h, 'content-type': 'application/json' },
          body: JSON.stringify({ note: '请抓紧办理' }),
        });
        expect(res.status, await res.clone().text()).toBe(200);
        actions += 1;
      }),
    );
    for (let i = 0; i < 200 && new Set(received.map((r) => r.id)).size < actions; i++) await new Promise((r) => setTimeout(r, 100));
    const ids = received.map((r) => r.id);
    expect(new Set(ids).size).toBeGreaterThanOrEqual(actions);
    expect(ids.length).toBe(new Set(ids).size);
  });
});
