import type { TableRows } from './table-xlsx.js';

/** A table of a loaded document, with where each of its rows and cells stands in the document's text. */
export interface LoadedTable {
  readonly rows: TableRows;
  /** Per row: the row's line in the text ([start, end), empty for an empty row) and each cell's start there. */
  readonly spans: readonly RowSpan[];
}

export interface RowSpan {
  readonly start: number;
  readonly end: number;
  /** Per column: where its text starts in the row's line (a cell repeated from its left neighbour shares its start). */
  readonly cells: readonly number[];
}

/** A paragraph line of text, or a table. */
export type Block = string | TableRows;

/** Cells of a row line are set apart by this; a cell's own line breaks become a space. */
export const CELL_SEPARATOR = ' | ';

/** The text a cell shows in its row's line (same length rules as `layoutBlocks` uses). */
export function cellLine(cell: string): string {
  return cell.trim().replace(/\s*\n\s*/g, ' ');
}

/**
 * The text of a document made of paragraphs and tables: one line per paragraph and one per table row (its cells
 * joined by ` | `, a merged cell shown once), so that a directive read from a row points at that row's line.
 */
export function layoutBlocks(blocks: readonly Block[]): { text: string; tables: LoadedTable[] } {
  let text = '';
  const tables: LoadedTable[] = [];
  const line = (s: string): void => {
    text += text ? `\n${s}` : s;
  };
  for (const b of blocks) {
    if (typeof b === 'string') {
      if (b.trim()) line(b);
      continue;
    }
    const spans: RowSpan[] = [];
    for (const row of b) {
      const shown = row.map(cellLine);
      let s = '';
      const cells: number[] = [];
      shown.forEach((c, k) => {
        if (k > 0 && c === shown[k - 1] && c !== '') {
          cells.push(cells[k - 1] as number);
          return;
        }
        if (c === '') {
          cells.push(-1);
          return;
        }
        if (s) s += CELL_SEPARATOR;
        cells.push(s.length);
        s += c;
      });
      if (!s) {
        spans.push({ start: text.length, end: text.length, cells: [] });
        continue;
      }
      const start = text ? text.length + 1 : 0;
      line(s);
      spans.push({ start, end: start + s.length, cells: cells.map((c) => (c < 0 ? -1 : start + c)) });
    }
    tables.push({ rows: b, spans });
  }
  return { text, tables };
}
