import type { Clause, UnitView } from './analysis.js';
import type { TermHit } from './lexicon.js';
import type { KindRole, Rules, TopicTerm } from './rules.js';
import type { DirectiveKind } from './types.js';

/** What the kind rules saw in one clause. */
export interface ClauseReading {
  clause: Clause;
  index: number;
  instructed: boolean;
  study: boolean;
  /** Has a study/implement verb (贯彻落实) even without a spirit/speech object. */
  studyVerb: boolean;
  task: boolean;
  topicHits: TermHit<TopicTerm>[];
}

/** The kind of a directive and the per-clause readings the topic rules reuse. */
export interface KindReading {
  kind: DirectiveKind;
  clauses: ClauseReading[];
}

/**
 * GUIDELINES §4: a directive is a task when one of its instructed clauses has (a) a work verb with a concrete
 * object, (b) an instructed instrument or activity (台账, 督导检查, 问责 …) or (c) a problem-handling verb;
 * otherwise an exhortation. Study clauses (学习领会…精神) count only through dissemination instruments (B3).
 */
export function readKind(view: UnitView, r: Rules, masks: readonly { s: number; e: number }[] = []): KindReading {
  // Terms never span a comma, so the unit is matched once and the hits are shared out among its clauses.
  const hits: UnitHits = {
    kind: r.kind.findAll(view.tokens),
    // A department's name (财政局) is an actor, not the domain of the work.
    topics: r.topics.findLongest(view.tokens).filter((h) => !masks.some((m) => overlaps(m, h))),
    outcomes: r.outcomeNouns.findAll(view.tokens),
  };
  const clauses = view.clauses.map((clause, index) => readClause(view, clause, index, r, within(hits, clause)));
  const kind: DirectiveKind = clauses.some((c) => c.instructed && c.task) ? 'task' : 'exhortation';
  return { kind, clauses };
}

interface UnitHits {
  kind: TermHit<KindRole[]>[];
  topics: TermHit<TopicTerm>[];
  outcomes: TermHit<true>[];
}

function within(h: UnitHits, c: Clause): UnitHits {
  const inside = <T extends { s: number; e: number }>(xs: T[]): T[] => xs.filter((x) => x.s >= c.s && x.e <= c.e);
  return { kind: inside(h.kind), topics: inside(h.topics), outcomes: inside(h.outcomes) };
}

function readClause(view: UnitView, clause: Clause, index: number, r: Rules, hits: UnitHits): ClauseReading {
  const kindHits = hits.kind;
  const topicHits = hits.topics;
  const roles = (role: KindRole): TermHit<KindRole[]>[] => kindHits.filter((h) => h.payload.includes(role));
  const study = roles('study_verb').length > 0 && roles('study_object').length > 0 && !r.studyBlockers.some((b) => clause.text.includes(b));
  const instructed = index >= view.instructedFrom;
  const negations = roles('negation');
  const instrument = roles('instrument').some((h) => !negations.some((n) => n.s < h.s && !overlaps(n, h)));
  const problem = roles('problem').length > 0 && negations.length === 0;
  let task = instrument || (!study && problem);
  if (!task && !study) task = workOnObject(kindHits, topicHits, hits.outcomes);
  return { clause, index, instructed, study, studyVerb: roles('study_verb').length > 0, task, topicHits };
}

/** §4 (a): a work verb and a concrete domain term that is not an outcome (巩固…成果, 提升…水平, 确保…安全). */
function workOnObject(kindHits: TermHit<KindRole[]>[], topicHits: TermHit<TopicTerm>[], outcomes: TermHit<true>[]): boolean {
  const verbs = kindHits.filter((h) => h.payload.includes('work') || h.payload.includes('outcome_verb'));
  const firstVerb = verbs[0];
  if (!firstVerb || (firstVerb.payload.includes('outcome_verb') && !firstVerb.payload.includes('work'))) return false;
  return topicHits.some((t) => t.payload.concrete && !outcomes.some((o) => o.e >= t.e) && verbs.some((v) => v.payload.includes('work') && !overlaps(v, t)));
}

function overlaps(a: { s: number; e: number }, b: { s: number; e: number }): boolean {
  return a.s < b.e && b.s < a.e;
}
