import mammoth from 'mammoth';
import { loadError } from './errors.js';
import { checkZip, type ZipLimits } from './zip-guard.js';

/**
 * The text of a .docx: one line per paragraph. The ZIP is checked first (sizes, bombs); mammoth only sees an
 * archive that passed.
 *
 * @throws DomainError `readout_corrupt`, `readout_bomb`, `readout_unsupported_format` (a ZIP without word/document.xml).
 */
export async function docxToText(bytes: Uint8Array, limits?: ZipLimits, maxParagraphs?: number): Promise<string> {
  // Paragraphs are counted in the inflated body before mammoth builds a tree of them: millions of tiny
  // paragraphs fit in a small archive and cost gigabytes once parsed.
  const names = checkZip(bytes, limits, (name, data) => {
    if (maxParagraphs === undefined || name !== 'word/document.xml') return;
    const n = countParagraphs(data);
    if (n > maxParagraphs) throw loadError('readout_too_large', `${n} paragraphs, limit ${maxParagraphs}`, { paragraphs: n, limit: maxParagraphs });
  });
  if (!names.includes('word/document.xml')) throw loadError('readout_unsupported_format', 'a ZIP archive that is not a .docx');
  let value: string;
  try {
    // mammoth reads a Buffer; a copy keeps the caller's bytes untouched.
    ({ value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) }));
  } catch (e) {
    throw loadError('readout_corrupt', e instanceof Error ? e.message.slice(0, 200) : 'docx');
  }
  // mammoth separates paragraphs by a blank line; a readout's structure is one paragraph per line.
  return value
    .replace(/\r\n?/g, '\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

/** Occurrences of a paragraph start (`<w:p>` or `<w:p …`) in WordprocessingML bytes. */
export function countParagraphs(xml: Uint8Array): number {
  let n = 0;
  for (let i = xml.indexOf(0x3c); i >= 0 && i + 4 < xml.length; i = xml.indexOf(0x3c, i + 1)) {
    // '<' 'w' ':' 'p' then '>' or ' ' or '/'
    if (xml[i + 1] === 0x77 && xml[i + 2] === 0x3a && xml[i + 3] === 0x70 && (xml[i + 4] === 0x3e || xml[i + 4] === 0x20 || xml[i + 4] === 0x2f)) n += 1;
  }
  return n;
}
