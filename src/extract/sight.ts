import { inTitle, viewUnit, type UnitView } from './analysis.js';
import type { DepartmentIndex } from './catalogue.js';
import { hasStrongMarker, isDirective } from './directive.js';
import { readKind } from './kind.js';
import { findMentions, type Mention } from './lead.js';
import { directiveFeatures, kindFeatures, topicFeatures, type RuleSight } from './learn/features.js';
import type { Rules } from './rules.js';
import { chooseTopic } from './topic.js';
import type { Topic } from './types.js';
import { isNumbered, type SentenceUnit } from './units.js';

/** One body unit with everything the rules read in it and the features the learned heads take. */
export interface SightedUnit {
  unit: SentenceUnit;
  view: UnitView;
  /** Position among the body units. */
  order: number;
  mentions: Mention[];
  sight: RuleSight;
  /** The topic of an agenda line (会议研究了第二轮城市改造提升方案), which speaks for the directives after it. */
  agenda: Topic | null;
  dirFeats: string[];
  /** Kind and topic features are made only for the units that turn out to be directives. */
  kindFeats: () => string[];
  topicFeats: () => string[];
}

function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

const AGENDA = /(研究|听取|审议|讨论)(了|通过了)?/;

/**
 * Read every body unit the way the rules do (directive test, kind, topic, named departments) and turn the
 * readings into features. `simp` is the simplified-script text of the whole document (same offsets).
 */
export function sightUnits(
  units: readonly SentenceUnit[],
  simp: string,
  r: Rules,
  index: DepartmentIndex,
  command: (docOffset: number) => string | null,
  firstBodyPara: number,
): SightedUnit[] {
  const views = units.map((unit) => viewUnit(unit, simp.slice(unit.start, unit.end), r));
  const verdicts = views.map((v) => isDirective(v, r));
  return units.map((unit, order) => {
    const view = views[order] as UnitView;
    const mentions = findMentions(view, index, (k) => command(unit.start + k));
    const reading = readKind(view, r, mentions);
    const sight: RuleSight = {
      directive: verdicts[order] as boolean,
      strong: hasStrongMarker(view, r),
      weak: r.weak.findAll(view.tokens).some((h) => !inTitle(view, h.s)),
      logistics: r.logistics.some((re) => re.test(view.simp)),
      description: r.description.some((re) => re.test(view.simp)),
      numbered: isNumbered(unit.text),
      mentions: mentions.length,
      reading,
      named: chooseTopic(reading),
    };
    const prev = units[order - 1];
    const next = units[order + 1];
    const pos = {
      firstInPara: !prev || prev.para !== unit.para,
      lastInPara: !next || next.para !== unit.para,
      firstBodyPara: unit.para === firstBodyPara,
      prevDirective: prev && prev.para === unit.para ? (verdicts[order - 1] as boolean) : null,
    };
    return {
      unit,
      view,
      order,
      mentions,
      sight,
      agenda: agendaTopic(view, r),
      dirFeats: directiveFeatures(view, sight, pos),
      kindFeats: once(() => kindFeatures(view, sight, r)),
      topicFeats: once(() => topicFeatures(view, sight)),
    };
  });
}

function agendaTopic(view: UnitView, r: Rules): Topic | null {
  if (!AGENDA.test(view.simp)) return null;
  const hit = r.topics.findLongest(view.tokens).find((h) => h.payload.concrete);
  return hit ? hit.payload.topic : null;
}
