/*
 * The command line end to end, as a person at a shell uses it: `node bin/luoshi.js …` in child processes
 * against a fresh SQLite database in a temp folder.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/luoshi.js', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function luoshi(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, LUOSHI_DATABASE_URL: '' }, maxBuffer: 32 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

// Every step starts a process (about 1 s alone, several on a loaded machine), so a test of a few steps gets more
// than the default 30 s.
describe('luoshi CLI', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-cli-'));
  const db = ['--data', dir];
  let users: { username: string; roles: string[]; unit_id: string; unit_name: string }[] = [];

  beforeAll(async () => {
    const r = await luoshi(['demo', ...db, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    users = (JSON.parse(r.stdout) as { users: typeof users }).users;
  }, 120_000);

  it('builds a demo city with users of every role, each with a unit', () => {
    expect(new Set(users.flatMap((u) => u.roles))).toEqual(new Set(['supervisor', 'leader', 'handler', 'auditor', 'system_admin', 'security_admin']));
    expect(users.find((u) => u.username === 'wjw.handler')).toMatchObject({ unit_id: 'dept-wjw', unit_name: '市卫生健康委员会' });
  });

  it('lists what a user may see, filtered by light, as JSON', async () => {
    const r = await luoshi(['items', 'list', ...db, '--as', 'wjw.handler', '--light', 'red', '--json']);
    expect(r.code).toBe(0);
    const items = (JSON.parse(r.stdout) as { items: { light: string; lead_unit: { id: string } | null; co_units: { id: string }[] }[] }).items;
    expect(items.length).toBeGreaterThan(0);
    for (const i of items) {
      expect(i.light).toBe('red');
      expect(i.lead_unit?.id === 'dept-wjw' || i.co_units.some((c) => c.id === 'dept-wjw')).toBe(true);
    }
  });

  it('counts per state and light exactly what the user’s list holds, and refuses an unknown facet', async () => {
    const list = await luoshi(['items', 'list', ...db, '--as', 'wjw.handler', '--limit', '1000', '--json']);
    const rows = JSON.parse(list.stdout) as { items: { status: string; light: string }[]; next_cursor: string | null };
    expect(rows.next_cursor).toBeNull();
    const r = await luoshi(['items', 'count', ...db, '--as', 'wjw.handler', '--by', 'state,light', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const f = JSON.parse(r.stdout) as { total: number; state: Record<string, number>; light: Record<string, number> };
    expect(f.total).toBe(rows.items.length);
    for (const [s, n] of Object.entries(f.state)) expect(n, s).toBe(rows.items.filter((i) => i.status === s).length);
    for (const [l, n] of Object.entries(f.light)) expect(n, l).toBe(rows.items.filter((i) => i.light === l).length);
    const bad = await luoshi(['items', 'count', ...db, '--by', 'colour']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('计数维度');
  });

  it('combines a light filter with 2-character free text, within what the user may see', async () => {
    type Row = { id: string; number: string; title: string; content: string; light: string; current_deadline: string | null };
    const all = await luoshi(['items', 'list', ...db, '--as', 'wjw.handler', '--light', 'red', '--limit', '1000', '--json']);
    const red = (JSON.parse(all.stdout) as { items: Row[]; next_cursor: string | null }).items;
    expect(red.length).toBeGreaterThan(1);
    const having = (term: string) => red.filter((i) => [i.title, i.content, i.number].some((t) => t.toLowerCase().includes(term.toLowerCase()))).map((i) => i.id);
    // A 2-character term of a title that some red items have and others not, so the text filter has work to do.
    const terms = red.flatMap((i) => [...i.title].slice(0, -1).map((c, k) => c + [...i.title][k + 1]!));
    const term = terms.find((t) => /^\p{Script=Han}{2}$/u.test(t) && having(t).length < red.length)!;
    expect(term).toBeDefined();
    const expected = having(term);
    // Free text, light and sort together; then a foreign unit's handler with the same words.
    const r = await luoshi(['items', 'list', ...db, '--as', 'wjw.handler', '--light', 'red', '--text', term, '--sort', 'deadline_asc', '--limit', '1000', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const found = (JSON.parse(r.stdout) as { items: Row[] }).items;
    expect(found.map((i) => i.id).sort()).toEqual([...expected].sort());
    expect(found.every((i) => i.light === 'red')).toBe(true);
    const deadlines = found.map((i) => i.current_deadline ?? '9999-12-31');
    expect(deadlines).toEqual([...deadlines].sort());
    const unit = users.find((u) => u.username === 'd1-yjj.handler')!.unit_id;
    const foreign = await luoshi(['items', 'list', ...db, '--as', 'd1-yjj.handler', '--light', 'red', '--text', term, '--limit', '1000', '--json']);
    type Scoped = Row & { owner_unit: { id: string }; lead_unit: { id: string } | null; co_units: { id: string }[] };
    for (const i of (JSON.parse(foreign.stdout) as { items: Scoped[] }).items) {
      expect(i.owner_unit.id === unit || i.lead_unit?.id === unit || i.co_units.some((c) => c.id === unit)).toBe(true);
    }
    const bad = await luoshi(['items', 'list', ...db, '--sort', 'sideways']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('排序方式');
  });

  it('drives the loop from a shell and refuses an illegal step with a bilingual reason and exit 4', async () => {
    const list = await luoshi(['items', 'list', ...db, '--as', 'wjw.handler', '--state', 'assigned', '--ledger', 'directive', '--json']);
    const id = (JSON.parse(list.stdout) as { items: { id: string }[] }).items[0]!.id;
    const accepted = await luoshi(['item', 'accept', id, ...db, '--as', 'wjw.handler', '--json']);
    expect(accepted.code).toBe(0);
    expect(JSON.parse(accepted.stdout)).toMatchObject({ status: 'in_progress' });
    const again = await luoshi(['item', 'accept', id, ...db, '--as', 'wjw.handler']);
    expect(again.code).toBe(4);
    expect(again.stderr).toContain('invalid_transition');
    expect(again.stderr).toContain('不能签收');
    const foreign = await luoshi(['item', 'show', id, ...db, '--as', 'd1-yjj.handler']);
    expect(foreign.code).toBe(3);
    expect(foreign.stderr).toContain('item_not_found');
    const report = await luoshi(['item', 'report', id, ...db, '--as', 'wjw.handler', '--text', '已部署', '--percent', '40']);
    expect(report.code).toBe(0);
    expect(report.stdout).toContain('ProgressReported');
  });

  it('prints statistics per unit with the items behind each figure', async () => {
    const r = await luoshi(['stats', ...db, '--json']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as { total: { on_time_rate: { value: number; denominatorIds: string[] } }; groups: { label: string }[] };
    expect(s.total.on_time_rate.denominatorIds.length).toBeGreaterThan(0);
    expect(s.groups.map((g) => g.label)).toContain('市卫生健康委员会');
  });

  it("prints the open items' lights per unit, in the table and in --json, as many as the list gives per light", async () => {
    const r = await luoshi(['stats', ...db, '--as', 'wjw.handler', '--json']);
    expect(r.code, r.stderr).toBe(0);
    type Counts = Record<'red' | 'yellow' | 'green', number>;
    const lights = (JSON.parse(r.stdout) as { lights: { total: Counts; groups: { key: string; label: string; counts: Counts }[] } }).lights;
    const listed = async (args: string[]) => {
      let n = 0;
      let after: string | null = null;
      do {
        const page = await luoshi(['items', 'list', ...db, '--as', 'wjw.handler', '--limit', '1000', '--json', ...args, ...(after ? ['--after', after] : [])]);
        const body = JSON.parse(page.stdout) as { items: unknown[]; next_cursor: string | null };
        n += body.items.length;
        after = body.next_cursor;
      } while (after);
      return n;
    };
    expect(lights.total.red).toBeGreaterThan(0);
    for (const l of ['red', 'yellow', 'green'] as const) expect(lights.total[l], l).toBe(await listed(['--light', l]));
    const wjw = lights.groups.find((g) => g.label === '市卫生健康委员会')!;
    expect(wjw.counts.red).toBe(await listed(['--light', 'red', '--unit', wjw.key]));
    const table = await luoshi(['stats', ...db, '--as', 'wjw.handler']);
    expect(table.stdout).toContain('红灯 red');
    const totalRow = table.stdout
      .split('\n')
      .filter((line) => line.includes('合计 total'))
      .at(-1)!;
    const sum = lights.total.red + lights.total.yellow + lights.total.green;
    expect(
      totalRow
        .split('│')
        .map((c) => c.trim())
        .filter(Boolean),
    ).toEqual(['合计 total', String(lights.total.red), String(lights.total.yellow), String(lights.total.green), String(sum)]);
  });

  it('verifies the chain, then names the first event after a payload byte is flipped', async () => {
    const ok = await luoshi(['verify', ...db]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/chain verified: \d+ events/);
    const sqlite = new Database(join(dir, 'luoshi.db'));
    const triggers = sqlite.prepare("select name, sql from sqlite_master where type = 'trigger' and tbl_name = 'events'").all() as { name: string; sql: string }[];
    for (const t of triggers) sqlite.exec(`drop trigger "${t.name}"`);
    const row = sqlite.prepare("select seq, payload from events where type = 'ItemAssigned' order by seq limit 1").get() as { seq: number; payload: string };
    sqlite.prepare('update events set payload = ? where seq = ?').run(row.payload.replace('"deadline":"2', '"deadline":"3'), row.seq);
    for (const t of triggers) sqlite.exec(t.sql);
    sqlite.close();
    const bad = await luoshi(['verify', ...db]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`#${row.seq}`);
  });

  it("refuses a database that is not Luoshi's, and a folder without one, with a clear message", async () => {
    const other = join(dir, 'other.db');
    const sqlite = new Database(other);
    sqlite.exec('create table invoices (id integer primary key, amount real)');
    sqlite.close();
    const r = await luoshi(['items', 'list', '--db', other, '--data', dir]);
    expect(r.code).toBe(6);
    expect(r.stderr).toContain('not_luoshi_database');
    const text = join(dir, 'notes.db');
    writeFileSync(text, 'this is not a database at all, just some text\n'.repeat(100));
    const t = await luoshi(['items', 'list', '--db', text, '--data', dir]);
    expect(t.code).not.toBe(0);
    expect(t.stderr).toMatch(/not_luoshi_database|database_unavailable/);
    const none = await luoshi(['items', 'list', '--data', join(dir, 'empty')]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('luoshi init');
  });
});
