import type { ClauseReading, KindReading } from './kind.js';
import type { TermHit } from './lexicon.js';
import type { TopicTerm } from './rules.js';
import type { Topic } from './types.js';

const LOCATIVE = /^在.{1,24}?(上|中|下|里|第一线|一线|期间|之际|方面|过程中|领域)/;

/**
 * GUIDELINES §6: the domain of the first instructed clause that names one (a task's own clauses first; study
 * clauses give 学习传达 to exhortations and to tasks that name no domain). Returns null when the unit names no
 * domain, so that the caller lets it inherit from its context.
 */
export function chooseTopic(reading: KindReading): Topic | null {
  const named = (c: ClauseReading): boolean => !c.study && c.topicHits.length > 0;
  const instructed = reading.clauses.filter((c) => c.instructed);
  const anyStudy = instructed.some((c) => c.study);
  if (reading.kind === 'exhortation') {
    const lead = instructed.find((c) => c.study || named(c));
    if (lead) return lead.study ? '学习传达' : pick(lead);
  }
  // A task whose only task clause disseminates a study (宣传宣讲, 阐释解读) stays with 学习传达 (B3).
  if (anyStudy && !instructed.some((c) => c.task && named(c)) && instructed.some((c) => c.task)) return '学习传达';
  // A task's topic is the domain of its work: the first clause that both names a domain and makes it a task.
  const first = (reading.kind === 'task' ? instructed.find((c) => c.task && named(c)) : undefined) ?? instructed.find(named);
  if (first) return pick(first);
  // 我们要结合实际抓好贯彻落实: an exhortation to implement, whatever the reported speech before it was about.
  if (reading.kind === 'exhortation' && instructed.some((c) => c.studyVerb && c.topicHits.length === 0)) return '学习传达';
  const context = reading.clauses.find(named);
  if (context) return pick(context);
  return anyStudy ? '学习传达' : null;
}

/** Within a clause: concrete terms before weak and generic ones, terms outside a leading locative (在…第一线) first, then text order. */
function pick(c: ClauseReading): Topic {
  const loc = LOCATIVE.exec(c.clause.text);
  const locEnd = loc ? c.clause.s + loc[0].length : -1;
  const score = (h: TermHit<TopicTerm>): number => (h.payload.concrete ? (h.payload.weak ? 1 : 0) : 2) + (h.e <= locEnd ? 1.5 : 0);
  const best = [...c.topicHits].sort((a, b) => score(a) - score(b) || a.s - b.s)[0] as TermHit<TopicTerm>;
  return best.payload.topic;
}
