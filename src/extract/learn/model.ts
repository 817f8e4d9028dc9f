import shipped from '../data/model.json' with { type: 'json' };
import type { SightedUnit } from '../sight.js';
import { TOPICS, type DirectiveKind, type Topic } from '../types.js';
import { topicContext } from './features.js';
import { predict, probabilities, type LinearHead } from './logreg.js';

/**
 * The learned part of the extractor: three linear heads over the features of learn/features.ts — is the unit a
 * directive, is a directive a task or an exhortation, which topic. Trained by `npm run train:extract` on the
 * corpus of test/fixtures/corpus and shipped as data/model.json.
 */
export interface ExtractModel {
  version: 1;
  directive: LinearHead;
  kind: LinearHead;
  topic: LinearHead;
  /** How the shipped weights were made (documents, examples), for the record. */
  trained?: Record<string, unknown>;
}

export const SHIPPED_MODEL = shipped as unknown as ExtractModel;

/** What the extractor decided about one unit. */
export interface Decision {
  directive: boolean;
  kind: DirectiveKind;
  /** null only without a model, when neither the unit nor its context names a domain. */
  topic: Topic | null;
  /** The topic came from the unit's own words (not from context). */
  ownTopic: boolean;
}

const TOPIC_SET = new Set<string>(TOPICS);
/** Below this the directive head overrules even a strong marker (要, 请, 决定) that the rules took as an instruction. */
const STRONG_FLOOR = 0.2;

/**
 * Decide every unit in document order. With a model its heads decide (the topic head sees the previous
 * directive's topic in the same paragraph and a fresh agenda line); without one the rules do, as before.
 */
export function decide(units: readonly SightedUnit[], model: ExtractModel | null): Decision[] {
  const out: Decision[] = [];
  let prev: { para: number; topic: Topic | null; rule: Topic | null; order: number } | null = null;
  let agenda: { topic: Topic; order: number } | null = null;
  for (const u of units) {
    const directive = model ? isDirectiveByModel(model, u) : u.sight.directive;
    if (!directive) {
      if (u.agenda) agenda = { topic: u.agenda, order: u.order };
      out.push({ directive: false, kind: u.sight.reading.kind, topic: null, ownTopic: false });
      continue;
    }
    const inPara: boolean = prev !== null && prev.para === u.unit.para;
    const fresh: Topic | null = agenda && (!prev || agenda.order > prev.order) ? agenda.topic : null;
    // The rules' own chain (own words, else the paragraph's previous directive, else a fresh agenda line) is both
    // the fallback and, for the topic head, the context it was trained on.
    const rule: Topic | null = u.sight.named ?? (inPara && prev ? prev.rule : null) ?? fresh;
    let kind = u.sight.reading.kind;
    let topic: Topic | null = rule;
    if (model) {
      kind = predict(model.kind, u.kindFeats()) === 'task' ? 'task' : 'exhortation';
      const t = predict(model.topic, [...u.topicFeats(), ...topicContext(inPara ? (prev?.rule ?? null) : null, fresh, u.sight.named)]);
      if (TOPIC_SET.has(t)) topic = t as Topic;
    }
    out.push({ directive: true, kind, topic, ownTopic: topic !== null && topic === u.sight.named });
    prev = { para: u.unit.para, topic, rule, order: u.order };
  }
  return out;
}

/**
 * The directive head decides; a unit the rules take as an instruction by a strong marker (要, 必须, 请, 决定) needs
 * only weak support, since the corpus is small and the strong markers are the most reliable rule there is.
 */
function isDirectiveByModel(model: ExtractModel, u: SightedUnit): boolean {
  const p = probabilities(model.directive, u.dirFeats).get('yes') ?? 0;
  return p >= 0.5 || (u.sight.directive && u.sight.strong && p >= STRONG_FLOOR);
}
