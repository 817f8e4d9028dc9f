import type { LocalDate } from '../domain/ids.js';
import { GRAMMAR, type DeadlineContext } from './deadline-grammar.js';
import type { Rules } from './rules.js';
import type { Cadence, DeadlineResult } from './types.js';

/** Deadlines and the ongoing/cadence reading of one unit. */
export interface DeadlineReading {
  deadline: DeadlineResult | null;
  alt: DeadlineResult[];
  ongoing: boolean;
  cadence: Cadence | null;
}

interface Found {
  s: number;
  e: number;
  date: LocalDate | null;
  note?: string;
}

/**
 * GUIDELINES §8: every time expression of the unit by which something is to be done, first in text order as the
 * deadline, the others as alternatives; phrases are taken from `original` (same offsets as `simp`). Vague urgency
 * (尽快, 立即) and references to limits set elsewhere (按期) are not deadlines; cadences (每周调度) and 长期坚持 mark
 * the item as ongoing.
 */
export function readDeadlines(original: string, simp: string, ctx: DeadlineContext, r: Rules): DeadlineReading {
  const found: Found[] = [];
  for (const rule of GRAMMAR) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(simp); m !== null; m = rule.re.exec(simp)) {
      const skip = rule.skip?.(m) ?? 0;
      const res = rule.resolve(m, ctx);
      found.push({ s: m.index + skip, e: m.index + m[0].length, date: res.date, note: res.note });
      if (m[0].length === 0) rule.re.lastIndex += 1;
    }
  }
  const kept: Found[] = [];
  for (const f of found.sort((a, b) => b.e - b.s - (a.e - a.s) || a.s - b.s)) {
    if (!kept.some((k) => f.s < k.e && k.s < f.e)) kept.push(f);
  }
  kept.sort((a, b) => a.s - b.s);
  const results = kept.filter((f) => f.note !== 'not a calendar date' && f.note !== 'not a month' && f.note !== 'not a number').map((f) => toResult(original.slice(f.s, f.e), f));
  const cadence = r.cadences.find((c) => c.re.test(simp))?.cadence ?? null;
  const ongoing = cadence !== null || r.ongoingWords.some((w) => simp.includes(w));
  return { deadline: results[0] ?? null, alt: results.slice(1), ongoing, cadence };
}

function toResult(phrase: string, f: Found): DeadlineResult {
  if (f.date !== null) return { phrase, date: f.date };
  return f.note ? { phrase, date: null, note: f.note } : { phrase, date: null };
}
