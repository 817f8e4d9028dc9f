/*
 * Supervision across levels at the command line, on the demo city: the city's 督查室 sees and supervises every
 * item of the city, districts included; a district's supervisor its district only.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/luoshi.js', import.meta.url));

function luoshi(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, LUOSHI_DATABASE_URL: '' }, maxBuffer: 32 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

type Row = { id: string; owner_unit: { id: string }; lead_unit: { id: string } | null };

describe('supervision along the area tree at the command line', { timeout: 240_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-supervision-'));
  const db = ['--data', dir];
  beforeAll(async () => {
    const r = await luoshi(['demo', ...db, '--json']);
    expect(r.code, r.stderr).toBe(0);
  }, 240_000);

  const list = async (as: string | null): Promise<Row[]> => {
    const r = await luoshi(['items', 'list', ...db, ...(as ? ['--as', as] : []), '--limit', '1000', '--json']);
    expect(r.code, r.stderr).toBe(0);
    return (JSON.parse(r.stdout) as { items: Row[] }).items;
  };

  it('lists every item of the city for the city supervisor, by default in one page, and only its district for a district supervisor', async () => {
    const all = await list(null);
    const plain = await luoshi(['items', 'list', ...db, '--as', 'supervisor', '--json']);
    const page = JSON.parse(plain.stdout) as { items: Row[]; next_cursor: string | null };
    expect(page.items.length).toBe(all.length);
    expect(page.next_cursor).toBeNull();
    expect(all.some((r) => r.owner_unit.id.startsWith('d1'))).toBe(true);

    const d1 = await list('d1.supervisor');
    expect(d1.length).toBeGreaterThan(0);
    expect(d1.length).toBeLessThan(all.length);
    for (const r of d1) expect(r.owner_unit.id.startsWith('d1') || (r.lead_unit?.id ?? '').startsWith('d1'), r.id).toBe(true);
    expect(await list('d2.supervisor')).toEqual(expect.not.arrayContaining([expect.objectContaining({ id: d1[0]!.id })]));

    // The city supervisor supervises a district's item: it may urge it; a sibling district may not even see it.
    const target = d1.find((r) => r.lead_unit !== null)!;
    const shown = await luoshi(['item', 'show', target.id, ...db, '--as', 'supervisor', '--json']);
    expect(shown.code, shown.stderr).toBe(0);
    expect((await luoshi(['item', 'show', target.id, ...db, '--as', 'd2.supervisor'])).code).not.toBe(0);
  });
});
