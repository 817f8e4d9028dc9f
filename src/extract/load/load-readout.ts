import { decodeText, type TextEncodingName } from './decode-text.js';
import { loadError } from './errors.js';
import type { LoadedTable } from './layout.js';
import { pdfDocument } from './pdf.js';
import { docxDocument } from './table-docx.js';
import { xlsxDocument } from './table-xlsx.js';
import type { ZipLimits } from './zip-guard.js';

export type ReadoutFormat = 'text' | 'docx' | 'xlsx' | 'pdf';

export interface LoadOptions {
  /** Encoding the sender declared for a text file (tried first, kept when it fits). */
  encoding?: TextEncodingName;
  /** Refuse files larger than this (bytes, default 20 MB). */
  maxBytes?: number;
  zipLimits?: ZipLimits;
  /** Budget of a .docx: refuse more paragraphs than this (none by default). */
  maxParagraphs?: number;
  /** Budget of a .pdf: refuse more pages than this (default 300). */
  maxPages?: number;
}

/** The text of a readout file, ready for `extractReadout`. */
export interface LoadedReadout {
  text: string;
  format: ReadoutFormat;
  /** The text encoding, for plain text. */
  encoding: TextEncodingName | null;
  notes: string[];
  /** The tables of a .docx, .xlsx or .pdf, each row a line of `text` (task tables become directives row by row). */
  tables: LoadedTable[];
}

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

/** What the bytes are, by their signature. */
export function sniffFormat(bytes: Uint8Array): 'text' | 'pdf' | 'zip' | 'doc' | 'image' {
  const starts = (sig: number[]): boolean => sig.every((b, k) => bytes[k] === b);
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  if (starts([0x50, 0x4b, 0x03, 0x04]) || starts([0x50, 0x4b, 0x05, 0x06])) return 'zip';
  if (starts([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'doc';
  if (starts([0x89, 0x50, 0x4e, 0x47]) || starts([0xff, 0xd8, 0xff]) || starts([0x47, 0x49, 0x46, 0x38])) return 'image';
  return 'text';
}

/** Whether a ZIP archive names an Excel workbook part (names stand uncompressed in the archive's headers). */
function namesWorkbook(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes('xl/workbook.xml', 0, 'latin1');
}

/**
 * Turn the bytes of a readout file into text and tables: plain text (UTF-8, GB18030/GBK, UTF-16, detected),
 * .docx (via mammoth, after a ZIP bomb check), .xlsx (ExcelJS, after the same check) or .pdf (its text layer,
 * lines that align into columns under a task-table header read as a table). Pure: bytes in, text out.
 *
 * @throws DomainError `readout_empty`, `readout_too_large`, `readout_binary`, `readout_encoding`,
 *   `readout_unsupported_format` (.doc, images, other archives), `readout_corrupt`, `readout_bomb`.
 */
export async function loadReadout(bytes: Uint8Array, options: LoadOptions = {}): Promise<LoadedReadout> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length === 0) throw loadError('readout_empty');
  if (bytes.length > maxBytes) {
    throw loadError('readout_too_large', `${bytes.length} bytes, limit ${maxBytes}`, { bytes: bytes.length, limit: maxBytes });
  }
  const kind = sniffFormat(bytes);
  switch (kind) {
    case 'pdf':
      return { ...(await pdfDocument(bytes, options.maxPages)), format: 'pdf', encoding: null, notes: [] };
    case 'zip':
      if (namesWorkbook(bytes)) return { ...(await xlsxDocument(bytes, options.zipLimits)), format: 'xlsx', encoding: null, notes: [] };
      return { ...(await docxDocument(bytes, options.zipLimits, options.maxParagraphs)), format: 'docx', encoding: null, notes: [] };
    case 'doc':
      throw loadError('readout_unsupported_format', 'legacy .doc: save it as .docx');
    case 'image':
      throw loadError('readout_unsupported_format', 'an image: a scan has no text to read');
    case 'text': {
      const d = decodeText(bytes, options.encoding);
      return { text: d.text, format: 'text', encoding: d.encoding, notes: d.notes, tables: [] };
    }
  }
}
