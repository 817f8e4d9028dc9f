import mammoth from 'mammoth';
import { countParagraphs } from './docx.js';
import { loadError } from './errors.js';
import { layoutBlocks, type Block, type LoadedTable } from './layout.js';
import type { TableRows } from './table-xlsx.js';
import { checkZip, type ZipLimits } from './zip-guard.js';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };

function decode(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, e: string) => ENTITIES[e] ?? '')
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)));
}

function cellText(html: string): string {
  return decode(html.replace(/<\/p>\s*<p[^>]*>/g, '\n').replace(/<br\s*\/?>/g, '\n')).trim();
}

/** Paragraph lines of HTML without tables: one per paragraph, heading, list item or line break. */
function htmlLines(html: string): string[] {
  return decode(html.replace(/<br\s*\/?>/g, '\n').replace(/<\/(p|h[1-6]|li)>/g, '\n')).split('\n');
}

/**
 * mammoth's HTML as paragraphs and top-level tables, in document order. Foot- and endnotes (their references
 * and the list mammoth appends) are left out, as the plain text of a .docx leaves them out.
 */
export function htmlBlocks(html: string): Block[] {
  const body = html
    .replace(/<sup><a href="#(?:footnote|endnote|comment)-[^"]*"[^>]*>[\s\S]*?<\/a><\/sup>/g, '')
    .replace(/<li id="(?:footnote|endnote|comment)-[^"]*">[\s\S]*?<\/li>/g, '');
  const blocks: Block[] = [];
  const re = /<(\/?)table[^>]*>/g;
  let depth = 0;
  let from = 0;
  let open = 0;
  for (const m of body.matchAll(re)) {
    if (m[1] === '') {
      if (depth === 0) {
        blocks.push(...htmlLines(body.slice(from, m.index)));
        open = m.index;
      }
      depth += 1;
    } else if (depth > 0) {
      depth -= 1;
      if (depth === 0) {
        from = m.index + m[0].length;
        blocks.push(...htmlTables(body.slice(open, from)));
      }
    }
  }
  blocks.push(...htmlLines(body.slice(depth > 0 ? open : from)));
  return blocks;
}

function span(attrs: string, name: string): number {
  const m = new RegExp(`${name}="(\\d+)"`).exec(attrs);
  return Math.max(1, Math.min(100, m ? Number(m[1]) : 1));
}

/** The tables of mammoth's HTML as grids: a cell spanning rows or columns is repeated into each slot it covers. */
export function htmlTables(html: string): TableRows[] {
  const tables: TableRows[] = [];
  for (const t of html.matchAll(/<table[^>]*>([\s\S]*?)<\/table>/g)) {
    const grid: string[][] = [];
    let r = 0;
    for (const tr of (t[1] as string).matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)) {
      grid[r] ??= [];
      let c = 0;
      for (const td of (tr[1] as string).matchAll(/<(td|th)([^>]*)>([\s\S]*?)<\/\1>/g)) {
        while (grid[r]![c] !== undefined) c += 1;
        const text = cellText(td[3] as string);
        const rows = span(td[2] as string, 'rowspan');
        const cols = span(td[2] as string, 'colspan');
        for (let dr = 0; dr < rows; dr += 1) {
          grid[r + dr] ??= [];
          for (let dc = 0; dc < cols; dc += 1) grid[r + dr]![c + dc] = text;
        }
        c += cols;
      }
      r += 1;
    }
    const width = Math.max(0, ...grid.map((row) => row.length));
    tables.push(grid.map((row) => Array.from({ length: width }, (_, k) => row[k] ?? '')));
  }
  return tables;
}

/**
 * A .docx as text and tables: one line per paragraph and per table row (layout.ts), the tables as grids of
 * cells with merged cells repeated. The ZIP is checked first (sizes, bombs, the paragraph budget counted in the
 * inflated body before mammoth builds a tree of them: millions of tiny paragraphs fit in a small archive).
 *
 * @throws DomainError `readout_corrupt`, `readout_bomb`, `readout_too_large`, `readout_unsupported_format`.
 */
export async function docxDocument(bytes: Uint8Array, limits?: ZipLimits, maxParagraphs?: number): Promise<{ text: string; tables: LoadedTable[] }> {
  const names = checkZip(bytes, limits, (name, data) => {
    if (maxParagraphs === undefined || name !== 'word/document.xml') return;
    const n = countParagraphs(data);
    if (n > maxParagraphs) throw loadError('readout_too_large', `${n} paragraphs, limit ${maxParagraphs}`, { paragraphs: n, limit: maxParagraphs });
  });
  if (!names.includes('word/document.xml')) throw loadError('readout_unsupported_format', 'a ZIP archive that is not a .docx');
  let value: string;
  try {
    // mammoth reads a Buffer; a copy keeps the caller's bytes untouched.
    ({ value } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) }));
  } catch (e) {
    throw loadError('readout_corrupt', e instanceof Error ? e.message.slice(0, 200) : 'docx');
  }
  return layoutBlocks(htmlBlocks(value.replace(/\r\n?/g, '\n')));
}

/**
 * The tables of a .docx (整改方案, 任务分解表), merged cells repeated. The ZIP is checked first, as for its text.
 *
 * @throws DomainError `readout_corrupt`, `readout_bomb`, `readout_unsupported_format`.
 */
export async function docxTables(bytes: Uint8Array, limits?: ZipLimits): Promise<TableRows[]> {
  const names = checkZip(bytes, limits);
  if (!names.includes('word/document.xml')) throw loadError('readout_unsupported_format', 'a ZIP archive that is not a .docx');
  let value: string;
  try {
    ({ value } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) }));
  } catch (e) {
    throw loadError('readout_corrupt', e instanceof Error ? e.message.slice(0, 200) : 'docx');
  }
  return htmlTables(value);
}
