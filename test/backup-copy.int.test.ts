/*
 * Backup, restore and the SQLite → PostgreSQL copy at the shell: `node bin/luoshi.js …` in child processes on
 * the demo city. PostgreSQL steps create databases of their own on LUOSHI_TEST_DATABASE_URL's server and drop
 * them after.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/luoshi.js', import.meta.url));
const PG_URL = process.env.LUOSHI_TEST_DATABASE_URL;
const NEED_PG = !PG_URL && process.env.LUOSHI_REQUIRE_POSTGRES !== '1';
const PASS = '示范市的备份口令 2026';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function luoshi(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...process.env, LUOSHI_DATABASE_URL: '', LUOSHI_BACKUP_PASSPHRASE: PASS, ...env }, maxBuffer: 32 * 1024 * 1024 },
      (err, stdout, stderr) => {
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

async function verify(args: string[]): Promise<{ ok: boolean; count: number; headSeq: number; headHash: string }> {
  const r = await luoshi(['verify', ...args, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { ok: boolean; count: number; headSeq: number; headHash: string };
}

/** A new, empty PostgreSQL database on the test server; its URL. */
const created: string[] = [];
async function newDatabase(): Promise<string> {
  const name = `luoshi_cli_${process.pid}_${Date.now().toString(36)}_${created.length}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  created.push(name);
  const url = new URL(PG_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

describe('luoshi backup, restore and copy', { timeout: 180_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-bk-'));
  const data = join(dir, 'data');
  let head: { count: number; headSeq: number; headHash: string };
  let archive: string;

  beforeAll(async () => {
    const r = await luoshi(['demo', '--data', data, '--json']);
    expect(r.code, r.stderr).toBe(0);
    head = await verify(['--data', data]);
    archive = join(dir, 'city.luoshi-backup');
    const b = await luoshi(['backup', '--data', data, '--out', archive]);
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).toContain(head.headHash);
  }, 180_000);

  afterAll(async () => {
    if (created.length === 0) return;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    for (const name of created) await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  it('restores into a new SQLite file whose chain verifies to the same head', async () => {
    const into = join(dir, 'restored');
    const r = await luoshi(['restore', archive, '--data', into]);
    expect(r.code, r.stderr).toBe(0);
    expect(await verify(['--data', into])).toMatchObject({ ok: true, count: head.count, headHash: head.headHash });
  });

  it('refuses a wrong passphrase (exit 2) and a passphrase given nowhere', async () => {
    const file = join(dir, 'wrong.txt');
    writeFileSync(file, 'not the passphrase at all\n');
    const r = await luoshi(['restore', archive, '--data', join(dir, 'wrong'), '--passphrase-file', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('backup_passphrase_wrong');
    expect(r.stderr).toContain('备份口令不正确');
    const none = await luoshi(['backup', '--data', data, '--out', join(dir, 'x')], { LUOSHI_BACKUP_PASSPHRASE: '' });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('backup_passphrase_missing');
  });

  it.skipIf(NEED_PG)('copies the SQLite city into an empty PostgreSQL database: same event count and head; refuses a non-empty target', async () => {
    const url = await newDatabase();
    const r = await luoshi(['copy', '--from-db', join(data, 'luoshi.db'), '--to-database-url', url, '--data', data]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('events:');
    expect(await verify(['--database-url', url, '--data', data])).toMatchObject({ ok: true, count: head.count, headSeq: head.headSeq, headHash: head.headHash });
    const items = await luoshi(['items', 'list', '--database-url', url, '--data', data, '--as', 'supervisor', '--json']);
    expect(items.code, items.stderr).toBe(0);
    const again = await luoshi(['copy', '--from-db', join(data, 'luoshi.db'), '--to-database-url', url, '--data', data]);
    expect(again.code).toBe(5);
    expect(again.stderr).toContain('already_exists');
  });

  it.skipIf(NEED_PG)('restores the SQLite backup into an empty PostgreSQL database', async () => {
    const url = await newDatabase();
    const into = join(dir, 'restored-pg');
    const r = await luoshi(['restore', archive, '--database-url', url, '--data', into]);
    expect(r.code, r.stderr).toBe(0);
    expect(await verify(['--database-url', url, '--data', into])).toMatchObject({ ok: true, count: head.count, headHash: head.headHash });
  });
});
