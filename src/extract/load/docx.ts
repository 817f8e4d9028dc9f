import mammoth from 'mammoth';
import { loadError } from './errors.js';
import { checkZip, type ZipLimits } from './zip-guard.js';

/**
 * The text of a .docx: one line per paragraph. The ZIP is checked first (sizes, bombs); mammoth only sees an
 * archive that passed.
 *
 * @throws DomainError `readout_corrupt`, `readout_bomb`, `readout_unsupported_format` (a ZIP without word/document.xml).
 */
export async function docxToText(bytes: Uint8Array, limits?: ZipLimits): Promise<string> {
  const names = checkZip(bytes, limits);
  if (!names.includes('word/document.xml')) throw loadError('readout_unsupported_format', 'a ZIP archive that is not a .docx');
  let value: string;
  try {
    // mammoth reads a Buffer; a copy keeps the caller's bytes untouched.
    ({ value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) }));
  } catch (e) {
    throw loadError('readout_corrupt', e instanceof Error ? e.message.slice(0, 200) : 'docx');
  }
  // mammoth separates paragraphs by a blank line; a readout's structure is one paragraph per line.
  return value.replace(/\r\n?/g, '\n').replace(/\n{2,}/g, '\n').trim();
}
