import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkGoldFolder, head60, heldOutReason, normaliseUrl, readCatalogueNames, type Exclusions } from '../scripts/corpus/gold.js';

const base = fileURLToPath(new URL('./fixtures/corpus/', import.meta.url));
const dir = `${base}readouts/`;
const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');
const exclusions = JSON.parse(readFileSync(`${base}heldout-exclude.json`, 'utf8')) as Exclusions;

describe('the checked-in readout corpus', () => {
  it('passes the gold check: texts at their offsets, labels from the lists and the catalogue', () => {
    const r = checkGoldFolder(dir, readCatalogueNames(`${base}departments.json`));
    expect(r.errors).toEqual([]);
    expect(r.docs).toBeGreaterThanOrEqual(12);
  });

  it('holds none of the readouts kept back for independent scoring', () => {
    const metas = readdirSync(dir).filter((f) => f.endsWith('.meta.json'));
    const hits = metas.flatMap((f) => {
      const meta = JSON.parse(readFileSync(dir + f, 'utf8')) as { source: string };
      const why = heldOutReason(meta.source, readFileSync(dir + f.replace('.meta.json', '.txt'), 'utf8'), exclusions);
      return why ? [`${f}: ${why}`] : [];
    });
    expect(hits).toEqual([]);
  });

  it('normalises URLs and heads the way the exclusion list was made', () => {
    expect(normaliseUrl('HTTPS://www.Example.gov.cn/a/b.html?x=1#top')).toBe('example.gov.cn/a/b.html');
    expect(normaliseUrl('http://example.gov.cn/a/')).toBe('example.gov.cn/a');
    expect(head60(' 会议\n要求 ' + '甲'.repeat(100))).toBe('会议要求' + '甲'.repeat(56));
    const text = '县政府常务会议\n会议要求,一是要抓好安全生产。' + '乙'.repeat(80);
    const ex: Exclusions = { url_sha256: [sha256('a.gov.cn/x.html')], head60_sha256: [sha256(head60(text))] };
    // Listed by URL: refused under any spelling of the same address; listed by head: refused whatever the URL.
    expect(heldOutReason('HTTPS://www.A.gov.cn/x.html?from=share', '其他', ex)).toMatch(/URL/);
    expect(heldOutReason('http://b.gov.cn/y', ` ${text}\n`, ex)).toMatch(/60/);
    expect(heldOutReason('http://b.gov.cn/y', text.slice(1), ex)).toBeNull();
  });
});
