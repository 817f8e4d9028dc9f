import type { Rules } from './rules.js';
import { segment, type Token } from './segment.js';
import type { SentenceUnit } from './units.js';

/** A clause of a unit (split at commas and colons), offsets relative to the unit. */
export interface Clause {
  s: number;
  e: number;
  text: string;
}

/** A sentence unit prepared for the rules: simplified text, words, clauses. Offsets are relative to the unit. */
export interface UnitView {
  unit: SentenceUnit;
  /** Simplified-script text of the unit (same length as unit.text). */
  simp: string;
  tokens: Token[];
  clauses: Clause[];
  /** Index of the first clause that carries the instruction (the clause of the first strong marker, else 0). */
  instructedFrom: number;
  /** End of a leading attribution such as 会议强调, (0 when none). */
  attributionEnd: number;
  /** Spans of document titles 《…》: the words of a title (…的决定) are not the meeting's own markers. */
  titles: [number, number][];
}

const CLAUSE_BREAK = /[,，:：]/;

/** Analyse one unit: segment it and find its clauses and where the instruction starts. */
export function viewUnit(unit: SentenceUnit, simp: string, r: Rules): UnitView {
  const tokens = segment(simp);
  const clauses: Clause[] = [];
  let s = 0;
  for (let i = 0; i <= simp.length; i += 1) {
    if (i === simp.length || CLAUSE_BREAK.test(simp[i] as string)) {
      if (i > s) clauses.push({ s, e: i, text: simp.slice(s, i) });
      s = i + 1;
    }
  }
  const titles: [number, number][] = [];
  for (const m of simp.matchAll(/《[^》]*》/g)) titles.push([m.index, m.index + m[0].length]);
  const inTitle = (pos: number): boolean => titles.some(([a, b]) => pos >= a && pos < b);
  const att = r.attribution.exec(simp);
  const attributionEnd = att ? att[0].length : 0;
  let instructedFrom = 0;
  const strong = tokens.find((t) => t.s >= attributionEnd && r.strongTokens.has(t.w) && !inTitle(t.s));
  if (strong) {
    instructedFrom = Math.max(
      0,
      clauses.findIndex((c) => strong.s >= c.s && strong.s < c.e),
    );
  } else if (attributionEnd > 0) {
    instructedFrom = Math.max(
      0,
      clauses.findIndex((c) => c.s >= attributionEnd),
    );
  }
  return { unit, simp, tokens, clauses, instructedFrom, attributionEnd, titles };
}

/** True when `pos` lies inside a 《…》 title of the unit. */
export function inTitle(view: UnitView, pos: number): boolean {
  return view.titles.some(([a, b]) => pos >= a && pos < b);
}
