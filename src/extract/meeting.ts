import type { LocalDate } from '../domain/ids.js';
import { isLocalDate } from '../domain/time.js';
import { ymd } from './dates.js';
import { NUM_CHARS, parseNumber, parseYear } from './numerals.js';
import type { SentenceUnit } from './units.js';

const TERMINATOR = /[。！？；!?;]/;

/**
 * The paragraphs at the top that are headings, not body: lines without a sentence terminator, at most 80
 * characters, before the first line that has one (title, subtitle, "张超超主持并讲话"). Returns their count.
 */
export function headingParagraphs(units: SentenceUnit[]): number {
  let count = 0;
  const paras = new Map<number, string>();
  for (const u of units) paras.set(u.para, (paras.get(u.para) ?? '') + u.text);
  for (const [para, text] of [...paras].sort((a, b) => a[0] - b[0])) {
    if (para !== count || TERMINATOR.test(text) || text.length > 80) break;
    count += 1;
  }
  return count === paras.size ? Math.min(count, 1) : count;
}

/** The meeting title: the first heading line, when the text has one. */
export function findTitle(units: SentenceUnit[], headings: number): string | null {
  return headings > 0 ? (units.find((u) => u.para === 0)?.text ?? null) : null;
}

const FULL_DATE = new RegExp(`(\\d{4}|[〇零一二三四五六七八九]{4})年([${NUM_CHARS}]{1,3})月([${NUM_CHARS}]{1,3})日`);
const MONTH_DAY = new RegExp(`([${NUM_CHARS}]{1,3})月([${NUM_CHARS}]{1,3})日`);
const YEAR_ONLY = /(\d{4})年/;

/**
 * The meeting date when the text states it: a full date in the first body paragraphs, or a month and day there
 * together with a year stated in the headings or the same paragraph (2023年第10次常务会议 … 7月12日). A date whose
 * year is not stated stays null: the caller supplies it (CLI --date).
 */
export function findMeetingDate(units: SentenceUnit[], headings: number): LocalDate | null {
  const body = units.filter((u) => u.para >= headings && u.para < headings + 2);
  const headText = units
    .filter((u) => u.para < headings)
    .map((u) => u.text)
    .join(' ');
  for (const u of body) {
    const full = FULL_DATE.exec(u.text);
    if (full) return checked(parseYear(full[1] as string), full[2] as string, full[3] as string);
  }
  const first = body[0];
  if (!first) return null;
  const md = MONTH_DAY.exec(first.text.slice(0, 40));
  const year = YEAR_ONLY.exec(first.text) ?? YEAR_ONLY.exec(headText);
  if (!md || !year) return null;
  return checked(Number(year[1]), md[1] as string, md[2] as string);
}

function checked(y: number | null, m: string, d: string): LocalDate | null {
  const mo = parseNumber(m);
  const day = parseNumber(d);
  if (y === null || mo === null || day === null) return null;
  const date = ymd(y, mo, day);
  return isLocalDate(date) ? date : null;
}
