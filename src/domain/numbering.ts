import { DomainError } from './errors.js';

/** The parts of a human-readable item number such as 督办〔2026〕0012号. */
export interface ItemNumberParts {
  /** The ledger type's number prefix (督办, 整改, 隐患 …). */
  readonly prefix: string;
  readonly year: number;
  /** 1-based sequence within the ledger and year. */
  readonly sequence: number;
}

/** Digits the sequence is padded to; longer sequences simply print in full. */
export const SEQUENCE_WIDTH = 4;

const NUMBER = /^(.+)〔(\d{4})〕(\d+)号$/u;

function invalid(en: string, zh: string): DomainError {
  return new DomainError('validation_failed', en, zh);
}

/**
 * Formats an item number the way official documents write a 文号: prefix, year in 六角括号, zero-padded
 * sequence, 号. `formatItemNumber({prefix: '督办', year: 2026, sequence: 12})` → `督办〔2026〕0012号`.
 * @throws DomainError `validation_failed` for an empty or padded prefix, a prefix containing 〔 or 〕 (it could
 *   not be read back), a year outside 1000–9999 or a sequence that is not a positive integer.
 */
export function formatItemNumber(parts: ItemNumberParts): string {
  const { prefix, year, sequence } = parts;
  if (!prefix.trim() || /[〔〕]/u.test(prefix) || prefix !== prefix.trim()) {
    throw invalid(`Invalid number prefix "${prefix}".`, `编号前缀「${prefix}」无效。`);
  }
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw invalid(`Invalid year ${year}.`, `年份 ${year} 无效。`);
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw invalid(`Invalid sequence ${sequence}.`, `序号 ${sequence} 无效。`);
  return `${prefix}〔${year}〕${String(sequence).padStart(SEQUENCE_WIDTH, '0')}号`;
}

/** Reads a number written by `formatItemNumber` back into its parts; null when it is not one. */
export function parseItemNumber(text: string): ItemNumberParts | null {
  const m = NUMBER.exec(text.trim());
  if (!m) return null;
  const sequence = Number(m[3]);
  if (!Number.isSafeInteger(sequence) || sequence < 1) return null;
  return { prefix: m[1]!, year: Number(m[2]), sequence };
}
