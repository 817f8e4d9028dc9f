/*
 * Official documents at the command line: `luoshi doc render` and `luoshi bulletin create|issue|render` in
 * child processes against a demo city in a temp folder; the chain still verifies with a bulletin on it.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SIGNING_PASSPHRASE } from '../src/app/demo/signing-keys.js';
import { zipText } from '../src/app/exchange/zip.js';

const BIN = fileURLToPath(new URL('../bin/luoshi.js', import.meta.url));
const HAS_SOFFICE = (() => {
  try {
    execFileSync('soffice', ['--version'], { stdio: 'ignore', timeout: 30_000 });
    return true;
  } catch {
    console.warn('LibreOffice (soffice) is not installed: the PDF step is skipped.');
    return false;
  }
})();

function luoshi(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, LUOSHI_DATABASE_URL: '' }, maxBuffer: 32 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const bodyText = (docx: Buffer) => [...zipText(docx, 'word/document.xml')!.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');

describe('luoshi doc / bulletin', { timeout: 240_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-docs-'));
  const db = ['--data', dir];

  beforeAll(async () => {
    expect((await luoshi(['demo', ...db])).code).toBe(0);
  }, 180_000);

  it('renders a 督办函 for an item and a 通报 that, once issued, cannot be edited; the chain verifies', async () => {
    const listed = await luoshi(['items', 'list', ...db, '--as', 'supervisor', '--state', 'in_progress', '--limit', '1', '--json']);
    const item = (JSON.parse(listed.stdout) as { items: { id: string; title: string }[] }).items[0]!;
    const out = join(dir, 'letter.docx');
    const r = await luoshi(['doc', 'render', item.id, ...db, '--kind', 'letter', '--format', HAS_SOFFICE ? 'pdf' : 'docx', '--out', out, '--as', 'supervisor', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { number: string; title: string };
    expect(doc.number).toMatch(/^督函〔\d{4}〕1号$/);
    expect(
      readFileSync(out)
        .subarray(0, HAS_SOFFICE ? 5 : 2)
        .toString(),
    ).toBe(HAS_SOFFICE ? '%PDF-' : 'PK');

    const created = await luoshi(['bulletin', 'create', ...db, '--from', '2026-01-01', '--to', '2026-12-31', '--as', 'supervisor', '--json']);
    expect(created.code, created.stderr).toBe(0);
    const b = JSON.parse(created.stdout) as { id: string; number: string; status: string };
    expect(b.status).toBe('draft');
    // 印发 is signed (the demo requires it): the supervisor's demo key opens with the demo passphrase.
    const passphrase = join(dir, 'signing-passphrase.txt');
    writeFileSync(passphrase, `${DEMO_SIGNING_PASSPHRASE}\n`, { mode: 0o600 });
    const issued = await luoshi(['bulletin', 'issue', b.id, ...db, '--as', 'supervisor', '--passphrase-file', passphrase]);
    expect(issued.code, issued.stderr).toBe(0);
    const edit = await luoshi(['bulletin', 'edit', b.id, ...db, '--as', 'supervisor', '--praise', '改动']);
    expect(edit.code).toBe(4);
    expect(edit.stderr).toContain('document_issued');
    const file = join(dir, 'bulletin.docx');
    expect((await luoshi(['bulletin', 'render', b.id, ...db, '--as', 'leader', '--out', file])).code).toBe(0);
    expect(bodyText(readFileSync(file))).toContain(b.number);
    const verify = await luoshi(['verify', ...db]);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(/signatures: \d+ valid/);
  });
});
