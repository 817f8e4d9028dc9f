import directiveData from './data/directive-rules.json' with { type: 'json' };
import kindData from './data/kind-rules.json' with { type: 'json' };
import topicData from './data/topics.json' with { type: 'json' };
import deadlineData from './data/deadline-rules.json' with { type: 'json' };
import { Lexicon } from './lexicon.js';
import { addDomainWords } from './segment.js';
import type { Cadence, Topic } from './types.js';

/** What a kind-lexicon term is. */
export type KindRole = 'work' | 'outcome_verb' | 'instrument' | 'problem' | 'negation' | 'study_verb' | 'study_object';

export interface TopicTerm {
  topic: Topic;
  /** Concrete work object (counts for §4 a); generic terms only name the topic. */
  concrete: boolean;
  /** Often a mere modifier (企业, 项目): names the topic only when no other term of the clause does. */
  weak: boolean;
}

/** The compiled rule set: every list of data/*.json turned into sets, lexicons and regular expressions once. */
export interface Rules {
  strongTokens: Set<string>;
  strongPatterns: RegExp[];
  weakTokens: Set<string>;
  /** The weak markers as a lexicon, so that compounds such as 积极支持 are found too. */
  weak: Lexicon<true>;
  attribution: RegExp;
  logistics: RegExp[];
  description: RegExp[];
  higherLevel: string[];
  noise: RegExp[];
  kind: Lexicon<KindRole[]>;
  outcomeNouns: Lexicon<true>;
  genericObjects: Set<string>;
  studyBlockers: string[];
  topics: Lexicon<TopicTerm>;
  topicLeads: Map<Topic, string[]>;
  notDeadlines: string[];
  ongoingWords: string[];
  cadences: { re: RegExp; cadence: Cadence }[];
  festivals: Record<string, { solar?: string; lunar?: string; term?: string; month?: number }>;
}

let compiled: Rules | undefined;

/** The rule set of data/ (compiled on first use). */
export function rules(): Rules {
  compiled ??= compile();
  return compiled;
}

function compile(): Rules {
  const kindEntries = new Map<string, KindRole[]>();
  const addKind = (words: string[], role: KindRole): void => {
    for (const w of words) kindEntries.set(w, [...(kindEntries.get(w) ?? []), role]);
  };
  addKind(kindData.work_verbs, 'work');
  addKind(kindData.outcome_verbs, 'outcome_verb');
  addKind(kindData.instruments, 'instrument');
  addKind(kindData.problem_verbs, 'problem');
  addKind(kindData.negation_before_instrument, 'negation');
  addKind(kindData.study_verbs, 'study_verb');
  addKind(kindData.study_objects, 'study_object');
  const topicEntries: [string, TopicTerm][] = [];
  const weak = new Set(topicData.weak_terms);
  for (const t of topicData.topics) {
    for (const term of t.terms) topicEntries.push([term, { topic: t.name as Topic, concrete: true, weak: weak.has(term) }]);
    for (const term of t.generic_terms) topicEntries.push([term, { topic: t.name as Topic, concrete: false, weak: false }]);
  }
  addDomainWords([...kindEntries.keys(), ...topicEntries.map(([w]) => w), ...kindData.outcome_nouns]);
  return {
    strongTokens: new Set(directiveData.strong_tokens),
    strongPatterns: directiveData.strong_patterns.map((p) => new RegExp(p)),
    weakTokens: new Set(directiveData.weak_tokens),
    weak: new Lexicon(directiveData.weak_tokens.map((w) => [w, true] as const)),
    attribution: new RegExp(directiveData.attribution_pattern),
    logistics: directiveData.logistics_patterns.map((p) => new RegExp(p)),
    description: directiveData.description_patterns.map((p) => new RegExp(p)),
    higherLevel: directiveData.higher_level_subjects,
    noise: directiveData.noise_patterns.map((p) => new RegExp(p)),
    kind: new Lexicon(kindEntries),
    outcomeNouns: new Lexicon(kindData.outcome_nouns.map((w) => [w, true] as const)),
    genericObjects: new Set(kindData.generic_objects),
    studyBlockers: kindData.study_blockers,
    topics: new Lexicon(topicEntries),
    topicLeads: new Map(topicData.topics.map((t) => [t.name as Topic, t.leads])),
    notDeadlines: deadlineData.not_deadlines,
    ongoingWords: deadlineData.ongoing_words,
    cadences: deadlineData.cadences.map((c) => ({ re: new RegExp(c.pattern), cadence: c.cadence as Cadence })),
    festivals: deadlineData.festivals,
  };
}
