import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractDocument } from './document.js';
import { loadReadout } from './load/load-readout.js';

/**
 * The task-table test set (test/fixtures/tables: files, gold in tables.json, how they were made in its README),
 * read as an upload is read: bytes → loadReadout → extractDocument. Scores every gold row: found (row recall),
 * lead units exact, co-units exact, deadline date exact; prints the figures and asserts the targets of issue 19
 * (row recall ≥ 0.98, lead and deadline per row ≥ 0.95).
 */
interface Fixture {
  file: string;
  meetingDate: string | null;
  gold: { lead: string[]; co: string[]; deadline: string | null }[];
  prose?: { lead: string[]; deadline: string | null }[];
}

const DIR = new URL('../../test/fixtures/tables/', import.meta.url);
const FIXTURES = JSON.parse(readFileSync(new URL('tables.json', DIR), 'utf8')) as Fixture[];
const same = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, k) => x === b[k]);

describe('task tables of the test set', () => {
  it('reads every row with its lead and deadline: row recall ≥ 0.98, lead and deadline per row ≥ 0.95', async () => {
    const n = { rows: 0, found: 0, lead: 0, co: 0, deadline: 0, spurious: 0 };
    const misses: string[] = [];
    for (const f of FIXTURES) {
      const loaded = await loadReadout(readFileSync(new URL(f.file, DIR)));
      const x = extractDocument(loaded, { meetingDate: f.meetingDate });
      const rows = x.directives.filter((d) => d.table_row);
      n.rows += f.gold.length;
      n.found += Math.min(rows.length, f.gold.length);
      n.spurious += Math.max(0, rows.length - f.gold.length);
      f.gold.forEach((g, k) => {
        const d = rows[k];
        if (!d) return void misses.push(`${f.file} row ${k + 1}: not found`);
        // Provenance: the directive's text is its cell, as it stands in the row's line of the document text.
        expect(loaded.text.slice(d.start, d.end), f.file).toBe(d.text);
        if (same(d.lead, g.lead)) n.lead += 1;
        else misses.push(`${f.file} row ${k + 1}: lead ${d.lead.join('、')} ≠ ${g.lead.join('、')}`);
        if (same(d.co, g.co)) n.co += 1;
        else misses.push(`${f.file} row ${k + 1}: co ${d.co.join('、')} ≠ ${g.co.join('、')}`);
        if ((d.deadline?.date ?? null) === g.deadline) n.deadline += 1;
        else misses.push(`${f.file} row ${k + 1}: deadline ${d.deadline?.date ?? '—'} ≠ ${g.deadline ?? '—'}`);
      });
      for (const p of f.prose ?? []) {
        const hit = x.directives.find((d) => !d.table_row && same(d.lead, p.lead) && (d.deadline?.date ?? null) === p.deadline);
        if (!hit) misses.push(`${f.file}: prose directive ${p.lead.join('、')} ${p.deadline ?? ''} not found`);
        expect(hit, `${f.file}: the prose beside the table`).toBeDefined();
      }
    }
    const r = (k: number): string => (k / n.rows).toFixed(3);
    console.log(
      `task tables: ${FIXTURES.length} tables, ${n.rows} rows; row recall ${r(n.found)}, lead ${r(n.lead)}, co-units ${r(n.co)}, deadline ${r(n.deadline)}, spurious rows ${n.spurious}` +
        (misses.length ? `\n  ${misses.join('\n  ')}` : ''),
    );
    expect(FIXTURES.length).toBeGreaterThanOrEqual(10);
    expect(n.found / n.rows).toBeGreaterThanOrEqual(0.98);
    expect(n.lead / n.rows).toBeGreaterThanOrEqual(0.95);
    expect(n.deadline / n.rows).toBeGreaterThanOrEqual(0.95);
    expect(n.spurious).toBe(0);
  });
});
