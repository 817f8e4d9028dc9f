import { extractReadout, type ExtractOptions } from './extract.js';
import { cellLine, type LoadedTable } from './load/layout.js';
import { directivesFromTable, type TableDirective } from './table.js';
import type { ExtractedDirective, ReadoutExtraction } from './types.js';

/** A loaded document: its text and the tables whose rows stand in it one line each (load/layout.ts). */
export interface LoadedDocument {
  readonly text: string;
  readonly tables?: readonly LoadedTable[];
}

/**
 * Extract the directives of a document that may hold task tables (整改方案, 任务分解表) besides prose: each row of
 * a task table is one directive with the lead, co-units and deadline its cells name; the prose around the tables
 * is read as a readout (the rows of a task table are blanked for it, so no cell is read twice). A table
 * directive's `text` is its task cell as it stands in the row's line (`start`/`end` point there) and
 * `table_row` names the row; directives come in document order.
 *
 * @throws DomainError as `extractReadout`.
 */
export function extractDocument(doc: LoadedDocument, options: ExtractOptions = {}): ReadoutExtraction {
  const tables = doc.tables ?? [];
  const read = (meetingDate: string | null | undefined) =>
    tables.map((t) => directivesFromTable(t.rows, { meetingDate: meetingDate ?? null, ...(options.catalogue ? { catalogue: options.catalogue } : {}) }));
  let found = read(options.meetingDate);
  const blank: [number, number][] = [];
  found.forEach((x, k) => {
    if (x.directives.length === 0) return;
    for (const s of (tables[k] as LoadedTable).spans.slice(x.headerRow)) blank.push([s.start, s.end]);
  });
  const prose = extractReadout(blankOut(doc.text, blank), options);
  if (blank.length === 0) return prose;
  // The meeting date the prose states resolves relative time limits of the rows (9月底前) too.
  if (!options.meetingDate && prose.document.meeting_date) found = read(prose.document.meeting_date);
  const para = paragraphOf(doc.text);
  const rows = found.flatMap((x, k) => x.directives.map((d) => fromRow(d, k, tables[k] as LoadedTable, doc.text, para)));
  const all = [...prose.directives.map((d) => ({ d, old: d.i })), ...rows.map((d) => ({ d, old: -1 }))].sort((a, b) => a.d.start - b.d.start);
  const renumber = new Map<number, number>();
  all.forEach((x, k) => {
    if (x.old >= 0) renumber.set(x.old, k);
  });
  const directives = all.map((x, k) => ({ ...x.d, i: k, parent: x.d.parent === null ? null : (renumber.get(x.d.parent) ?? null) }));
  const counts = found.filter((x) => x.directives.length > 0).map((x) => x.directives.length);
  return {
    ...prose,
    directives,
    notes: [...prose.notes, `task table${counts.length > 1 ? 's' : ''}: ${counts.join(' + ')} row(s) read as directives, each with the units and time limit its cells name`],
  };
}

/** The text with the given spans replaced by spaces: offsets stay, the blanked lines read as empty. */
function blankOut(text: string, spans: readonly [number, number][]): string {
  if (spans.length === 0) return text;
  let out = '';
  let at = 0;
  for (const [s, e] of [...spans].sort((a, b) => a[0] - b[0])) {
    if (e <= s) continue;
    out += text.slice(at, s) + ' '.repeat(e - s);
    at = e;
  }
  return out + text.slice(at);
}

/** The 0-based index of the non-empty line an offset is on. */
function paragraphOf(text: string): (offset: number) => number {
  const starts: number[] = [];
  let at = 0;
  for (const line of text.split('\n')) {
    if (line.trim()) starts.push(at);
    at += line.length + 1;
  }
  return (offset) => {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid + 1;
      else hi = mid;
    }
    return Math.max(0, lo - 1);
  };
}

/** A table directive as a readout directive, its text and offsets those of its task cell in the row's line. */
function fromRow(d: TableDirective, table: number, t: LoadedTable, text: string, paraAt: (offset: number) => number): ExtractedDirective {
  const span = t.spans[d.row];
  const row = t.rows[d.row] ?? [];
  const first = d.textCols[0];
  const last = d.textCols[d.textCols.length - 1];
  const cellStart = first === undefined ? -1 : (span?.cells[first] ?? -1);
  const cellEnd = last === undefined ? -1 : (span?.cells[last] ?? -1);
  const [start, end] = cellStart >= 0 && cellEnd >= 0 && last !== undefined ? [cellStart, cellEnd + cellLine(row[last] ?? '').length] : [span?.start ?? 0, span?.end ?? 0];
  return {
    i: d.i,
    text: text.slice(start, end),
    title: d.title,
    start,
    end,
    para: paraAt(start),
    kind: 'task',
    level: 1,
    parent: null,
    topic: d.topic,
    lead: d.lead,
    lead_explicit: true,
    lead_text: d.lead_text,
    co: d.co,
    co_text: d.co_text,
    deadline: d.deadline,
    deadline_alt: [],
    ongoing: d.ongoing,
    cadence: null,
    table_row: { table, row: d.row },
  };
}
