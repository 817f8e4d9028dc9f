/**
 * Public API of readout extraction (pure): bytes → text (`loadReadout`), text → directives (`extractReadout`).
 * The integrator turns `ReadoutExtraction.directives` into draft items; `start`/`end` are the provenance offsets.
 */
export { extractReadout, DEFAULT_MAX_CHARS, MAX_UNIT_CHARS, type ExtractOptions } from './extract.js';
export { loadReadout, sniffFormat, DEFAULT_MAX_BYTES, type LoadedReadout, type LoadOptions, type ReadoutFormat } from './load/load-readout.js';
export type { TextEncodingName } from './load/decode-text.js';
export { DEFAULT_CATALOGUE } from './catalogue.js';
export { TOPICS } from './types.js';
export { ledgerTitle, TITLE_MAX } from './title.js';
export { extractDocument, type LoadedDocument } from './document.js';
export type { LoadedTable } from './load/layout.js';
export { directivesFromTable, headerRoles, type TableDirective, type TableExtraction, type ColumnRole } from './table.js';
export { xlsxTables, type TableRows } from './load/table-xlsx.js';
export { docxTables } from './load/table-docx.js';
export type { Cadence, DeadlineResult, Department, DepartmentCatalogue, DirectiveKind, ExtractedDirective, ReadoutDocument, ReadoutExtraction, Script, Topic } from './types.js';
