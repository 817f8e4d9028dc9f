import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { extractReadout } from '../extract.js';
import { loadReadout } from './load-readout.js';

const fixture = (name: string): Uint8Array => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const seedText = readFileSync(new URL('../../../test/fixtures/corpus/readouts/seed-urumqi-2020-09-12.txt', import.meta.url), 'utf8');
const shortText = readFileSync(new URL('./fixtures/short-readout.txt', import.meta.url), 'utf8');

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'no error';
  } catch (e) {
    expect((e as { messageZh?: string }).messageZh).toBeTruthy();
    return (e as { code: string }).code;
  }
}

describe(loadReadout.name, () => {
  it.each([
    ['seed.gb18030.txt', 'text', 'gb18030', seedText],
    ['seed.utf16.txt', 'text', 'utf-16le', seedText],
    ['seed.utf16be-nobom.txt', 'text', 'utf-16be', seedText],
    ['short-readout.txt', 'text', 'utf-8', shortText],
  ])('decodes %s as %s in %s', async (name, format, encoding, expected) => {
    const r = await loadReadout(fixture(name));
    expect(r).toMatchObject({ format, encoding });
    expect(r.text).toBe(expected);
  });

  it.each(['short-readout.docx', 'short-readout.pdf'])('reads %s with one line per paragraph', async (name) => {
    const r = await loadReadout(fixture(name));
    expect(r.text).toBe(shortText.trim());
  });

  it('reads a GB18030 traditional-script readout and extracts it in its own script', async () => {
    const r = await loadReadout(fixture('wencheng.gb18030.txt'));
    const x = extractReadout(r.text, { meetingDate: '2020-03-24' });
    expect(x.document.script).toBe('traditional');
    expect(x.directives.map((d) => d.lead_explicit)).toEqual([false, true, false, true]);
    for (const d of x.directives) expect(r.text.slice(d.start, d.end)).toBe(d.text);
    expect(x.directives[1]?.text).toContain('縣應急管理局');
  });

  it('reads the bytes right and notes it when the declared encoding is wrong', async () => {
    const wrong = await loadReadout(fixture('seed.gb18030.txt'), { encoding: 'utf-8' });
    expect(wrong.text).toBe(seedText);
    expect(wrong.notes.join()).toContain('gb18030');
    const utf8AsGbk = await loadReadout(new TextEncoder().encode(seedText), { encoding: 'gb18030' });
    expect(utf8AsGbk).toMatchObject({ text: seedText, encoding: 'utf-8' });
  });

  it('refuses empty and blank input', async () => {
    expect(await code(loadReadout(new Uint8Array()))).toBe('readout_empty');
    expect(await code(loadReadout(new TextEncoder().encode(' \n\u3000\n')))).toBe('readout_empty');
  });

  it('refuses binary data and images', async () => {
    const noise = new Uint8Array(4096).map((_, k) => (k * 7919 + 13) % 256);
    expect(['readout_binary', 'readout_encoding']).toContain(await code(loadReadout(noise)));
    expect(await code(loadReadout(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3])))).toBe('readout_unsupported_format');
    expect(await code(loadReadout(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0])))).toBe('readout_unsupported_format');
  });

  it('refuses a 50 MB file before decoding it', async () => {
    const big = new Uint8Array(50 * 1024 * 1024).fill(0x41);
    const t0 = performance.now();
    expect(await code(loadReadout(big))).toBe('readout_too_large');
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('refuses a damaged .docx and a damaged .pdf', async () => {
    const docx = fixture('short-readout.docx');
    expect(await code(loadReadout(docx.subarray(0, docx.length - 200)))).toBe('readout_corrupt');
    const pdf = fixture('short-readout.pdf');
    expect(await code(loadReadout(pdf.subarray(0, 400)))).toBe('readout_corrupt');
    expect(await code(loadReadout(new TextEncoder().encode('%PDF-1.7\nnot really a pdf')))).toBe('readout_corrupt');
  });

  it('refuses a ZIP whose declared sizes exceed the limit, before inflating anything', async () => {
    const zip = makeZip([{ name: 'word/document.xml', data: deflateRawSync(new Uint8Array(1000)), declared: 2_000_000_000 }]);
    expect(await code(loadReadout(zip))).toBe('readout_bomb');
  });

  it('refuses a ZIP whose entry inflates beyond the size its header claims', async () => {
    const zip = makeZip([{ name: 'word/document.xml', data: deflateRawSync(new Uint8Array(8 * 1024 * 1024)), declared: 1000 }]);
    expect(await code(loadReadout(zip))).toBe('readout_bomb');
  });

  it('refuses an .xlsx whose sheet inflates beyond the size its header claims, and a damaged one, as it refuses a .docx', async () => {
    const zip = makeZip([{ name: 'xl/workbook.xml', data: deflateRawSync(new Uint8Array(8 * 1024 * 1024)), declared: 1000 }]);
    expect(await code(loadReadout(zip))).toBe('readout_bomb');
    const xlsx = readFileSync(new URL('../../../test/fixtures/tables/14-water.xlsx', import.meta.url));
    expect(await code(loadReadout(xlsx.subarray(0, xlsx.length - 300)))).toBe('readout_corrupt');
  });

  it('reads an .xlsx as one line per row and its sheet as a table', async () => {
    const r = await loadReadout(readFileSync(new URL('../../../test/fixtures/tables/14-water.xlsx', import.meta.url)));
    expect(r.format).toBe('xlsx');
    expect(r.tables).toHaveLength(1);
    expect(r.text.split('\n')[1]).toBe('1 | 完成中心城区雨污分流改造一期工程 | 市水务局 | 市住建局、市城管局 | 赵某 | 2024-06-30');
  });

  it('refuses a ZIP that is not a .docx', async () => {
    const body = new TextEncoder().encode('hello');
    const zip = makeZip([{ name: 'readme.txt', data: deflateRawSync(body), declared: body.length }]);
    expect(await code(loadReadout(zip))).toBe('readout_unsupported_format');
  });
});

/** A minimal ZIP (deflate entries, CRC left 0: the guard runs before anything checks it). */
function makeZip(entries: { name: string; data: Uint8Array; declared: number }[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = new TextEncoder().encode(e.name);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(8, 8, true);
    local.setUint32(18, e.data.length, true);
    local.setUint32(22, e.declared, true);
    local.setUint16(26, name.length, true);
    parts.push(new Uint8Array(local.buffer), name, e.data);
    const cd = new DataView(new ArrayBuffer(46));
    cd.setUint32(0, 0x02014b50, true);
    cd.setUint16(10, 8, true);
    cd.setUint32(20, e.data.length, true);
    cd.setUint32(24, e.declared, true);
    cd.setUint16(28, name.length, true);
    cd.setUint32(42, offset, true);
    central.push(new Uint8Array(cd.buffer), name);
    offset += 30 + name.length + e.data.length;
  }
  const cdSize = central.reduce((n, p) => n + p.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, entries.length, true);
  end.setUint16(10, entries.length, true);
  end.setUint32(12, cdSize, true);
  end.setUint32(16, offset, true);
  const all = [...parts, ...central, new Uint8Array(end.buffer)];
  const out = new Uint8Array(all.reduce((n, p) => n + p.length, 0));
  let p = 0;
  for (const a of all) {
    out.set(a, p);
    p += a.length;
  }
  return out;
}
