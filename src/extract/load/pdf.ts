import { getDocumentProxy } from 'unpdf';
import { loadError } from './errors.js';
import type { LoadedTable } from './layout.js';

export const MAX_PDF_PAGES = 300;
/** Stop reading a text layer beyond this many characters (a readout is a few thousand). */
export const MAX_PDF_CHARS = 2_000_000;

interface TextItemLike {
  str?: string;
  hasEOL?: boolean;
}

/**
 * The text layer of a PDF, with layout lines joined back into paragraphs: a line that fills the width runs on
 * into the next; a shorter one (or one ending a sentence short of the margin) ends its paragraph.
 *
 * @throws DomainError `readout_corrupt` (unreadable PDF), `readout_too_large` (more than 300 pages or 2M characters),
 *   `readout_empty` (no text layer: a scan).
 */
export async function pdfToText(bytes: Uint8Array, maxPages: number = MAX_PDF_PAGES): Promise<string> {
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    pdf = await getDocumentProxy(new Uint8Array(bytes), { isEvalSupported: false, stopAtErrors: true });
  } catch (e) {
    throw loadError('readout_corrupt', e instanceof Error ? e.message.slice(0, 200) : 'pdf');
  }
  try {
    if (pdf.numPages > maxPages) throw loadError('readout_too_large', `${pdf.numPages} pages, limit ${maxPages}`, { pages: pdf.numPages, limit: maxPages });
    const lines: string[] = [];
    for (let n = 1; n <= pdf.numPages; n += 1) {
      const page = await pdf.getPage(n);
      let line = '';
      for (const item of (await page.getTextContent()).items as TextItemLike[]) {
        line += item.str ?? '';
        if (item.hasEOL) {
          lines.push(line);
          line = '';
        }
      }
      if (line) lines.push(line);
      if (lines.reduce((n, l) => n + l.length, 0) > MAX_PDF_CHARS) throw loadError('readout_too_large', `more than ${MAX_PDF_CHARS} characters`);
    }
    const text = joinLines(lines.map((l) => l.trim()).filter((l) => l.length > 0));
    if (text.trim().length === 0) throw loadError('readout_empty', 'the PDF has no text layer');
    return text;
  } catch (e) {
    if (e instanceof Error && e.name === 'DomainError') throw e;
    throw loadError('readout_corrupt', e instanceof Error ? e.message.slice(0, 200) : 'pdf');
  } finally {
    await pdf.destroy();
  }
}

/** A PDF as text and tables (no tables read from its layout yet). */
export async function pdfDocument(bytes: Uint8Array, maxPages: number = MAX_PDF_PAGES): Promise<{ text: string; tables: LoadedTable[] }> {
  return { text: await pdfToText(bytes, maxPages), tables: [] };
}

/** Rebuild paragraphs from layout lines by their length relative to the longest line. */
export function joinLines(lines: string[]): string {
  const width = Math.max(0, ...lines.map((l) => l.length));
  const out: string[] = [];
  let cur = '';
  for (const l of lines) {
    cur += l;
    const full = l.length >= width * 0.9;
    if (!full) {
      out.push(cur);
      cur = '';
    }
  }
  if (cur) out.push(cur);
  return out.join('\n');
}
