import type { UnitView } from '../analysis.js';
import type { KindReading } from '../kind.js';
import type { Rules } from '../rules.js';
import type { Topic } from '../types.js';

/**
 * Features of a sentence unit for the learned heads (GUIDELINES §3 directive test, §4 kind, §6 topic). The rules'
 * own readings come in as features (R:…, K:…, N:…), beside words and character pairs of the unit, so that the
 * model learns when to trust a rule and when the wording says otherwise. Pure; strings only.
 */

const HAN = /[\u4e00-\u9fff]/;
const PUNCT = /^[\s,，:：;；。！？!?、“”‘’()（）《》〈〉「」『』\-—.…]+$/;

function lengthBucket(n: number): string {
  return n <= 10 ? 'xs' : n <= 25 ? 's' : n <= 50 ? 'm' : n <= 100 ? 'l' : 'xl';
}

/** Words (jieba tokens) and, when `pairs`, adjacent Han character pairs of the simplified text. */
export function textFeatures(view: UnitView, pairs: boolean): string[] {
  const out: string[] = [];
  for (const t of view.tokens) if (!PUNCT.test(t.w)) out.push(`w:${t.w}`);
  if (pairs) {
    const s = view.simp;
    for (let i = 0; i + 1 < s.length; i += 1) {
      const a = s[i] as string;
      const b = s[i + 1] as string;
      if (HAN.test(a) && HAN.test(b)) out.push(`b:${a}${b}`);
    }
  }
  return out;
}

/** What the rules saw in one unit, in the form the features need. */
export interface RuleSight {
  directive: boolean;
  strong: boolean;
  weak: boolean;
  logistics: boolean;
  description: boolean;
  numbered: boolean;
  mentions: number;
  reading: KindReading;
  named: Topic | null;
}

/** Where the unit stands in its document. */
export interface Position {
  firstInPara: boolean;
  firstBodyPara: boolean;
  /** The rules' directive verdict on the unit before it in the same paragraph (null when it opens the paragraph). */
  prevDirective: boolean | null;
  lastInPara: boolean;
}

export function directiveFeatures(view: UnitView, sight: RuleSight, pos: Position): string[] {
  const f = [
    `R:dir=${sight.directive}`,
    `R:kind=${sight.reading.kind}`,
    `R:len=${lengthBucket(view.simp.length)}`,
    `R:end=${view.simp.slice(-1).replace(/[^。；;！!？?]/, 'x')}`,
    `R:prev=${pos.prevDirective === null ? 'none' : pos.prevDirective}`,
  ];
  if (sight.strong) f.push('R:strong');
  if (sight.weak) f.push('R:weak');
  if (sight.logistics) f.push('R:logistics');
  if (sight.description) f.push('R:description');
  if (sight.numbered) f.push('R:numbered');
  if (sight.mentions > 0) f.push('R:mention');
  if (view.attributionEnd > 0) f.push('R:attribution');
  if (pos.firstInPara) f.push('R:first');
  if (pos.lastInPara) f.push('R:last');
  if (sight.named) f.push('R:named');
  const head = view.simp.slice(view.attributionEnd, view.attributionEnd + 2);
  if (head) f.push(`s:${head}`);
  return f.concat(textFeatures(view, false));
}

export function kindFeatures(view: UnitView, sight: RuleSight, r: Rules): string[] {
  const f = [`R:kind=${sight.reading.kind}`, `R:len=${lengthBucket(view.simp.length)}`];
  const instructed = sight.reading.clauses.filter((c) => c.instructed);
  if (instructed.some((c) => c.study)) f.push('K:study');
  if (instructed.some((c) => c.task)) f.push('K:taskclause');
  if (sight.reading.clauses.some((c) => !c.instructed && c.task)) f.push('K:taskbefore');
  for (const h of r.kind.findAll(view.tokens)) for (const role of h.payload) f.push(`K:${role}`);
  if (r.outcomeNouns.findAll(view.tokens).length > 0) f.push('K:outcome_noun');
  for (const c of instructed) for (const h of c.topicHits) f.push(h.payload.concrete ? 'K:concrete' : 'K:generic');
  if (sight.numbered) f.push('R:numbered');
  if (sight.mentions > 0) f.push('R:mention');
  return f.concat(textFeatures(view, true));
}

/** Topic features of the unit itself; `topicContext` adds those of the document around it. */
export function topicFeatures(view: UnitView, sight: RuleSight): string[] {
  const f = [`N:${sight.named ?? 'none'}`, `R:kind=${sight.reading.kind}`];
  const instructed = sight.reading.clauses.filter((c) => c.instructed);
  const first = instructed.find((c) => c.topicHits.length > 0);
  if (first) f.push(`H1:${(first.topicHits[0] as { payload: { topic: string } }).payload.topic}`);
  const concrete = instructed.flatMap((c) => c.topicHits).find((h) => h.payload.concrete && !h.payload.weak);
  if (concrete) f.push(`HC:${concrete.payload.topic}`);
  const inTask = instructed.find((c) => c.task && c.topicHits.length > 0);
  if (inTask) f.push(`HT:${(inTask.topicHits[0] as { payload: { topic: string } }).payload.topic}`);
  for (const c of sight.reading.clauses) for (const h of c.topicHits) f.push(`H:${h.payload.topic}`);
  if (instructed.some((c) => c.study)) f.push('K:study');
  return f.concat(textFeatures(view, false));
}

/** The previous directive's topic in the same paragraph and the agenda line's topic (会议研究了X) before it. */
export function topicContext(samePara: Topic | null, agenda: Topic | null, named: Topic | null): string[] {
  // RF: what the rules alone would choose (own words, else the paragraph, else the agenda line).
  return [`C:${samePara ?? 'none'}`, `A:${agenda ?? 'none'}`, `RF:${named ?? samePara ?? agenda ?? 'none'}`];
}
