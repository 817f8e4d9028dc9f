import type { Token } from './segment.js';

/** A lexicon term found in a text. */
export interface TermHit<P> {
  term: string;
  s: number;
  e: number;
  payload: P;
}

/**
 * A dictionary of terms matched over segmented text. A term matches when it equals a run of whole tokens, or
 * lies inside one long token (jieba sometimes keeps a compound such as 疫情防控工作 whole). Matching at token
 * boundaries keeps short terms from matching across word edges (要 in 要求, 安全 in 公安全).
 */
export class Lexicon<P> {
  private readonly map = new Map<string, P>();
  /** Every proper prefix of a term: a run of tokens that is none of these cannot grow into a term. */
  private readonly prefixes = new Set<string>();
  private maxLen = 0;

  constructor(entries: Iterable<readonly [string, P]>) {
    for (const [term, payload] of entries) {
      if (term.length === 0 || this.map.has(term)) continue;
      this.map.set(term, payload);
      this.maxLen = Math.max(this.maxLen, term.length);
      for (let k = 1; k < term.length; k += 1) this.prefixes.add(term.slice(0, k));
    }
  }

  terms(): IterableIterator<string> {
    return this.map.keys();
  }

  has(term: string): boolean {
    return this.map.has(term);
  }

  /** Every hit, in order of start offset (overlaps included). */
  findAll(tokens: readonly Token[]): TermHit<P>[] {
    const hits: TermHit<P>[] = [];
    for (let i = 0; i < tokens.length; i += 1) {
      const first = tokens[i] as Token;
      let run = '';
      for (let j = i; j < tokens.length; j += 1) {
        const t = tokens[j] as Token;
        run += t.w;
        if (run.length > this.maxLen) break;
        const p = this.map.get(run);
        if (p !== undefined) hits.push({ term: run, s: first.s, e: t.e, payload: p });
        if (!this.prefixes.has(run)) break;
      }
      if (first.w.length >= 3) this.inside(first, hits);
    }
    return hits.sort((a, b) => a.s - b.s || b.e - a.e);
  }

  /** Hits after dropping those overlapped by a longer (then earlier) hit. */
  findLongest(tokens: readonly Token[]): TermHit<P>[] {
    const all = this.findAll(tokens).sort((a, b) => b.e - b.s - (a.e - a.s) || a.s - b.s);
    const kept: TermHit<P>[] = [];
    for (const h of all) if (!kept.some((k) => h.s < k.e && k.s < h.e)) kept.push(h);
    return kept.sort((a, b) => a.s - b.s);
  }

  private inside(tok: Token, hits: TermHit<P>[]): void {
    const w = tok.w;
    for (let a = 0; a < w.length - 1; a += 1) {
      for (let b = a + 2; b <= w.length && b - a <= this.maxLen; b += 1) {
        if (a === 0 && b === w.length) continue;
        const sub = w.slice(a, b);
        const p = this.map.get(sub);
        if (p !== undefined) hits.push({ term: sub, s: tok.s + a, e: tok.s + b, payload: p });
      }
    }
  }
}
