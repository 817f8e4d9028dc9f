import type { UnitView } from './analysis.js';
import type { DepartmentIndex } from './catalogue.js';
import type { Rules } from './rules.js';
import type { DirectiveKind, Topic } from './types.js';

/** A named department in a unit (offsets relative to the unit, level prefix such as 区/市、县两级 included). */
export interface Mention {
  s: number;
  e: number;
  name: string;
}

/** Lead and co-units of one directive. */
export interface LeadReading {
  lead: string[];
  explicit: boolean;
  leadText: string[];
  co: string[];
}

const LEVEL_BEFORE = /(?:[市区县州旗乡镇盟](?:[、和][市区县州旗乡镇盟])*(?:两级|三级|各级)?)$/;
const JOIN = /^[、和及与,，]$/;
const AFTER_ACTOR =
  /^(?:等)?(?:相关|有关|各)?(?:单位|部门|部门单位|责任单位|成员单位)?(?:要|须|必须|务必|应|应当|负责|牵头|会同|抓紧|切实|继续|进一步|持续|立即|加快|迅速|联合|共同|配合|协同|协助|认真|全力|尽快|积极|主动|做好|加强|按照|按|结合|发挥|密切|做到|严格|统筹|扎实|督促|对|及时|组织|研究|制定|抓好|落实|开展|完成|在)/;
const CO_AFTER = /^(?:等)?(?:相关|有关)?(?:单位|部门)?(?:要)?(?:密切|积极|全力|主动)?(?:配合|协助|协同)/;
// The actor opens a clause: after punctuation, a numbering marker (一是, (二), 3.), 由/请/责成 or an attribution verb.
const BEFORE_ACTOR =
  /(?:^|[,，;；:：]|由|请|责成|明确由|要求|指出|强调|[一二三四五六七八九十]+[是要、]|第[一二三四五六七八九十]+[,，、]?|[(（][一二三四五六七八九十]+[)）]|\d+[.、．])$/;
const JOINT_BEFORE = /(?:会同|联合)$/;
const CO_BEFORE = /(?:配合|协助|协同)$/;
const STEM_LIST_END = /^(?:[、和及与][\u4e00-\u9fff]{2,6})*(?:等)?(?:相关|有关)?(?:部门|单位|系统|机关)/;

/** Every department named in the unit, in text order. */
export function findMentions(view: UnitView, index: DepartmentIndex, command: (s: number) => string | null): Mention[] {
  const out: Mention[] = [];
  for (const h of index.forms.findLongest(view.tokens)) out.push(withLevel(view.simp, h.s, h.e, h.payload));
  for (const h of index.stems.findLongest(view.tokens)) {
    if (out.some((m) => h.s < m.e && m.s < h.e)) continue;
    if (!BEFORE_ACTOR.test(view.simp.slice(0, h.s)) && !/[、和及与]$/.test(view.simp.slice(0, h.s))) continue;
    if (STEM_LIST_END.test(view.simp.slice(h.e))) out.push({ s: h.s, e: h.e, name: h.payload });
  }
  for (let k = view.simp.indexOf('指挥部'); k >= 0; k = view.simp.indexOf('指挥部', k + 3)) {
    if (out.some((m) => k < m.e && m.s < k + 3)) continue;
    const name = command(k);
    if (name) out.push(withLevel(view.simp, k, k + 3, name));
  }
  return out.sort((a, b) => a.s - b.s);
}

function withLevel(simp: string, s: number, e: number, name: string): Mention {
  const m = LEVEL_BEFORE.exec(simp.slice(Math.max(0, s - 8), s));
  return { s: m ? s - m[0].length : s, e, name };
}

/**
 * GUIDELINES §7. Explicit: the unit names departments as the actors (卫健委要…, 由市发改委牵头, 爱卫办要会同政府督查室…);
 * lead = those named, in text order; 配合/协助/协同 partners are co-units. Otherwise a task gets up to three leads
 * suggested by remit (terms of the unit weighed by clause position, plus the topic's usual leads); an
 * exhortation gets none.
 */
export function readLeads(
  view: UnitView,
  mentions: Mention[],
  kind: DirectiveKind,
  topic: Topic,
  index: DepartmentIndex,
  r: Rules,
  /** The topic came from context, not from the sentence: its usual leads count for less than the sentence's words. */
  inherited = false,
): LeadReading {
  const lead: string[] = [];
  const co: string[] = [];
  const leadText: string[] = [];
  for (const group of groups(view.simp, mentions)) {
    const first = group[0] as Mention;
    const last = group[group.length - 1] as Mention;
    const before = view.simp.slice(0, first.s);
    const after = view.simp.slice(last.e);
    let role: 'lead' | 'co' | null = null;
    if (CO_BEFORE.test(before) || (BEFORE_ACTOR.test(before) && CO_AFTER.test(after))) role = 'co';
    else if (JOINT_BEFORE.test(before) && lead.length > 0) role = 'lead';
    else if (BEFORE_ACTOR.test(before) && AFTER_ACTOR.test(after)) role = 'lead';
    if (!role) continue;
    for (const m of group) {
      const target = role === 'lead' ? lead : co;
      if (!target.includes(m.name)) target.push(m.name);
      if (role === 'lead') leadText.push(view.unit.text.slice(m.s, m.e));
    }
  }
  if (lead.length > 0) return { lead, explicit: true, leadText, co: co.filter((c) => !lead.includes(c)) };
  if (kind === 'exhortation') return { lead: [], explicit: false, leadText: [], co };
  return { lead: suggest(view, topic, index, r, inherited ? 0.5 : 1), explicit: false, leadText: [], co };
}

/** Mentions joined by 、/和/及/与 form one group of actors. */
function groups(simp: string, mentions: Mention[]): Mention[][] {
  const out: Mention[][] = [];
  for (const m of mentions) {
    const cur = out[out.length - 1];
    const prev = cur?.[cur.length - 1];
    if (cur && prev && JOIN.test(simp.slice(prev.e, m.s))) cur.push(m);
    else out.push([m]);
  }
  return out;
}

const TOPIC_PRIOR = [2, 1.2, 0.8];

function suggest(view: UnitView, topic: Topic, index: DepartmentIndex, r: Rules, priorWeight: number): string[] {
  const score = new Map<string, number>();
  const add = (name: string, w: number): void => {
    if (index.names.has(name)) score.set(name, (score.get(name) ?? 0) + w);
  };
  (r.topicLeads.get(topic) ?? []).forEach((name, k) => add(name, (TOPIC_PRIOR[k] ?? 0.5) * priorWeight));
  const seen = new Set<string>();
  for (const h of index.remit.findLongest(view.tokens)) {
    if (seen.has(h.term)) continue;
    seen.add(h.term);
    const ci = view.clauses.findIndex((c) => h.s >= c.s && h.s < c.e);
    const w = (ci >= view.instructedFrom ? 1 : 0.5) / (1 + 0.15 * Math.max(0, ci - view.instructedFrom));
    for (const [name, weight] of h.payload) add(name, weight * w);
  }
  const ranked = [...score].sort((a, b) => b[1] - a[1]);
  const top = ranked[0]?.[1] ?? 0;
  return ranked
    .filter(([, s]) => s >= Math.max(0.3, top * 0.4))
    .slice(0, 3)
    .map(([n]) => n);
}
