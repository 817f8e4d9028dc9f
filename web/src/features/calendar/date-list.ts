/*
 * The dates of a holiday notice as a clerk types them from the State Council's text: one day or one range per
 * entry, entries separated by new lines, commas, 、 or ；. A range is written with ~, 至, 到 or a dash between two
 * days ("2027-02-16 至 2027-02-22", "2月16日—22日"). Days are YYYY-MM-DD, YYYY/M/D, YYYY年M月D日, or M月D日 (and a
 * bare D日 after a range dash), the year then being the notice's own.
 */

export interface DateList {
  /** Every day named, YYYY-MM-DD, sorted, each once. */
  readonly dates: readonly string[];
  /** The entries that are not a day or a range, as typed. */
  readonly unreadable: readonly string[];
}

const SEPARATORS = /[\n\r,，、;；]+/;
// A dash between two days; a hyphen inside 2027-02-16 is not one, since it has digits on both sides.
const RANGE = /\s*(?:~|～|至|到|—+|–|(?<!\d)-|-(?!\d))\s*/;
const FULL = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;
const MONTH_DAY = /^(\d{1,2})\s*月\s*(\d{1,2})\s*日?$/;
const DAY_ONLY = /^(\d{1,2})\s*日$/;
const LONGEST_RANGE = 31;

/** Reads the entries of `text`; `year` is the notice's year, for days written without one. */
export function parseDateList(text: string, year: number): DateList {
  const dates = new Set<string>();
  const unreadable: string[] = [];
  for (const raw of text.split(SEPARATORS)) {
    const entry = raw.trim();
    if (!entry) continue;
    const parts = splitRange(entry);
    const first = parts ? readDay(parts[0], year, null) : readDay(entry, year, null);
    const last = parts && first ? readDay(parts[1], year, first) : first;
    const days = first && last ? daysBetween(first, last) : null;
    if (!days) unreadable.push(entry);
    else for (const d of days) dates.add(d);
  }
  return { dates: [...dates].sort(), unreadable };
}

function splitRange(entry: string): [string, string] | null {
  const m = RANGE.exec(entry);
  if (!m || m.index === 0) return null;
  const left = entry.slice(0, m.index);
  const right = entry.slice(m.index + m[0].length);
  return right ? [left, right] : null;
}

interface Day {
  readonly y: number;
  readonly m: number;
  readonly d: number;
}

/** One day; after a range dash a day may leave out its year and month (taken from the range's first day). */
function readDay(s: string, year: number, from: Day | null): Day | null {
  const t = s.trim();
  let day: Day | null = null;
  const full = FULL.exec(t);
  const md = MONTH_DAY.exec(t);
  const only = DAY_ONLY.exec(t) ?? (from && /^\d{1,2}$/.exec(t));
  if (full) day = { y: Number(full[1]), m: Number(full[2]), d: Number(full[3]) };
  else if (md) day = { y: from?.y ?? year, m: Number(md[1]), d: Number(md[2]) };
  else if (only && from) day = { y: from.y, m: from.m, d: Number(only[1]) };
  if (!day) return null;
  const probe = new Date(Date.UTC(day.y, day.m - 1, day.d));
  return probe.getUTCFullYear() === day.y && probe.getUTCMonth() === day.m - 1 && probe.getUTCDate() === day.d ? day : null;
}

/** The days from `a` to `b` inclusive, or null when `b` comes first or the range is longer than any break. */
function daysBetween(a: Day, b: Day): string[] | null {
  const start = Date.UTC(a.y, a.m - 1, a.d);
  const end = Date.UTC(b.y, b.m - 1, b.d);
  const n = Math.round((end - start) / 86_400_000);
  if (n < 0 || n >= LONGEST_RANGE) return null;
  return Array.from({ length: n + 1 }, (_, i) => new Date(start + i * 86_400_000).toISOString().slice(0, 10));
}
