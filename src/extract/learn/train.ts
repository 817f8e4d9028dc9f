import { DEFAULT_CATALOGUE, departmentIndex } from '../catalogue.js';
import { commandResolver } from '../context.js';
import { MAX_UNIT_CHARS } from '../extract.js';
import { headingParagraphs } from '../meeting.js';
import { rules } from '../rules.js';
import { toSimplifiedSameLength } from '../script.js';
import { sightUnits } from '../sight.js';
import { TOPICS, type Topic } from '../types.js';
import { splitUnits } from '../units.js';
import { topicContext } from './features.js';
import { train, type Example, type TrainOptions } from './logreg.js';
import type { ExtractModel } from './model.js';

/** A corpus document as training needs it: the text and its gold directives (GUIDELINES §9). */
export interface TrainingDocument {
  text: string;
  directives: { start: number; kind: 'task' | 'exhortation'; topic: string }[];
}

export interface HeadExamples {
  directive: Example[];
  kind: Example[];
  topic: Example[];
}

/**
 * The examples one document gives each head: every body unit for the directive head (gold directive or not),
 * every gold directive for kind and topic. The topic head sees the context the rules would give (the previous
 * directive's rule topic in the paragraph, a fresh agenda line), computed the same way at run time.
 */
export function documentExamples(doc: TrainingDocument): HeadExamples {
  const r = rules();
  const index = departmentIndex(DEFAULT_CATALOGUE);
  const simp = toSimplifiedSameLength(doc.text);
  const units = splitUnits(doc.text);
  const headings = headingParagraphs(units);
  const kept = units.filter((u) => u.para >= headings && u.text.length <= MAX_UNIT_CHARS);
  const sighted = sightUnits(kept, simp, r, index, commandResolver(simp, index), headings);
  const gold = new Map(doc.directives.map((d) => [d.start, d]));
  const out: HeadExamples = { directive: [], kind: [], topic: [] };
  let prev: { para: number; rule: Topic | null; order: number } | null = null;
  let agenda: { topic: Topic; order: number } | null = null;
  for (const u of sighted) {
    const g = gold.get(u.unit.start);
    out.directive.push({ feats: u.dirFeats, label: g ? 'yes' : 'no' });
    if (!g) {
      if (u.agenda) agenda = { topic: u.agenda, order: u.order };
      continue;
    }
    const samePara: Topic | null = prev && prev.para === u.unit.para ? prev.rule : null;
    const fresh: Topic | null = agenda && (!prev || agenda.order > prev.order) ? agenda.topic : null;
    const rule: Topic | null = u.sight.named ?? samePara ?? fresh;
    out.kind.push({ feats: u.kindFeats(), label: g.kind });
    out.topic.push({ feats: [...u.topicFeats(), ...topicContext(samePara, fresh, u.sight.named)], label: g.topic });
    prev = { para: u.unit.para, rule, order: u.order };
  }
  return out;
}

/** Rule readings are few and always kept; words and character pairs need to recur to earn a weight. */
const isRuleFeature = (f: string): boolean => !f.startsWith('w:') && !f.startsWith('b:');

/** Train the three heads on `docs` (deterministic: same documents in the same order, same weights). */
export function trainModel(docs: readonly TrainingDocument[], options: Partial<TrainOptions> = {}): ExtractModel {
  const all: HeadExamples = { directive: [], kind: [], topic: [] };
  for (const d of docs) {
    const ex = documentExamples(d);
    all.directive.push(...ex.directive);
    all.kind.push(...ex.kind);
    all.topic.push(...ex.topic);
  }
  // Penalties chosen by leave-one-meeting-type-out cross-validation on the development corpus: the topic head,
  // with sixteen labels and few examples each, needs its rule features (N:, H…:, RF:) to count for more.
  const opts = { always: isRuleFeature, ...options };
  return {
    version: 1,
    directive: train(all.directive, ['no', 'yes'], { l2: 0.01, ...opts }),
    kind: train(all.kind, ['exhortation', 'task'], { l2: 0.01, ...opts }),
    topic: train(all.topic, [...TOPICS], { l2: 0.0005, ...opts }),
    trained: { documents: docs.length, units: all.directive.length, directives: all.kind.length },
  };
}
