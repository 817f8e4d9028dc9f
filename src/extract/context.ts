import type { LocalDate } from '../domain/ids.js';
import type { DepartmentIndex } from './catalogue.js';
import { parts, ymd } from './dates.js';
import { NUM_CHARS, parseNumber } from './numerals.js';

/**
 * A bare 指挥部 (区指挥部要发挥统筹作用) means the command named in full earlier in the document
 * (区疫情防控指挥部); it resolves to the body that houses that command's office. Returns a lookup by document
 * offset: the nearest qualified command before it, else the first one in the document, else null.
 */
export function commandResolver(simp: string, index: DepartmentIndex): (offset: number) => string | null {
  const found: { at: number; name: string }[] = [];
  const re = /([\u4e00-\u9fff]{2,12})指挥部/g;
  for (let m = re.exec(simp); m !== null; m = re.exec(simp)) {
    const prefix = m[1] as string;
    for (let k = 0; k < prefix.length - 1; k += 1) {
      const tokens = [{ w: `${prefix.slice(k)}指挥部`, s: 0, e: prefix.length - k + 3 }];
      const hit = index.forms.findAll(tokens).find((h) => h.s === 0 && h.e === tokens[0]!.e);
      if (hit) {
        found.push({ at: m.index, name: hit.payload });
        break;
      }
    }
  }
  return (offset) => (found[lastBefore(found, offset)] ?? found[0])?.name ?? null;
}

/**
 * Start dates of campaigns (自3月11日起, 从4月1日开始): for a unit [start, end), the latest one stated before its end.
 * A 为期N phrase counts from there (GUIDELINES §8).
 */
export function campaignStarts(simp: string, meeting: LocalDate | null): (start: number, end: number) => LocalDate | null {
  const found: { at: number; date: LocalDate }[] = [];
  const re = new RegExp(`(?:自|从|于)([${NUM_CHARS}]{1,3})月([${NUM_CHARS}]{1,3})日(?:起|开始)`, 'g');
  for (let m = re.exec(simp); m !== null; m = re.exec(simp)) {
    const mo = parseNumber(m[1] as string);
    const d = parseNumber(m[2] as string);
    if (!meeting || mo === null || d === null || mo > 12 || d > 31) continue;
    const [y, mm] = parts(meeting);
    found.push({ at: m.index, date: ymd(mo < mm ? y + 1 : y, mo, d) });
  }
  return (_start, end) => found[lastBefore(found, end)]?.date ?? null;
}

/** Index of the last entry with `at` < offset in a list sorted by `at` (binary search), or -1. */
function lastBefore(list: { at: number }[], offset: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as { at: number }).at < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
