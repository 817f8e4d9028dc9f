import mammoth from 'mammoth';
import { loadError } from './errors.js';
import type { TableRows } from './table-xlsx.js';
import { checkZip, type ZipLimits } from './zip-guard.js';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };

function cellText(html: string): string {
  return html
    .replace(/<\/p>\s*<p[^>]*>/g, '\n')
    .replace(/<br\s*\/?>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, e: string) => ENTITIES[e] ?? '')
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .trim();
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
