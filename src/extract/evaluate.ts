import type { DeadlineResult, ExtractedDirective } from './types.js';

/** A gold directive in the corpus format (GUIDELINES §9). */
export interface GoldDirective {
  i: number;
  text: string;
  start: number;
  kind: 'task' | 'exhortation';
  level: 1 | 2;
  parent: number | null;
  topic: string;
  lead: string[];
  explicit: boolean;
  deadline: { phrase: string; date: string | null } | null;
  deadline_alt?: { phrase: string; date: string | null }[];
}

/** Counts behind the figures, so that documents add up into a total. */
export interface EvalCounts {
  gold: number;
  pred: number;
  matched: number;
  goldTask: number;
  predTask: number;
  taskTp: number;
  goldExh: number;
  exhFound: number;
  kindOk: number;
  placeOk: number;
  topicOk: number;
  leadGold: number;
  hit1: number;
  hit3: number;
  explicitOk: number;
  deadlineOk: number;
  goldDeadlines: number;
  goldDeadlinesOk: number;
}

export interface EvalFigures {
  directive_p: number;
  directive_r: number;
  directive_f1: number;
  task_p: number;
  task_r: number;
  task_f1: number;
  exhortation_recall: number;
  kind_acc: number;
  level_parent_acc: number;
  topic_acc: number;
  lead_hit1: number;
  lead_hit3: number;
  explicit_lead_acc: number;
  deadline_exact: number;
  deadline_exact_on_gold_deadlines: number;
}

const TRAIL = /[。；;！!？?]+$/;
const norm = (s: string): string => s.replace(/\s+/g, '').replace(TRAIL, '');

/**
 * Match predicted to gold directives (GUIDELINES §10): same unit after normalising whitespace and a trailing
 * terminator, else character overlap of at least half the gold unit. Returns gold index → predicted index.
 */
export function matchDirectives(gold: GoldDirective[], pred: ExtractedDirective[]): Map<number, number> {
  const out = new Map<number, number>();
  const used = new Set<number>();
  gold.forEach((g, gi) => {
    let pi = pred.findIndex((p, k) => !used.has(k) && norm(p.text) === norm(g.text));
    if (pi < 0) {
      const gEnd = g.start + g.text.length;
      pi = pred.findIndex((p, k) => !used.has(k) && Math.min(gEnd, p.end) - Math.max(g.start, p.start) >= 0.5 * g.text.length);
    }
    if (pi >= 0) {
      out.set(gi, pi);
      used.add(pi);
    }
  });
  return out;
}

/** Count agreements between one document's gold and predicted directives. */
export function countDocument(gold: GoldDirective[], pred: ExtractedDirective[]): EvalCounts {
  const m = matchDirectives(gold, pred);
  const predToGold = new Map([...m].map(([g, p]) => [p, g]));
  const c = emptyCounts();
  c.gold = gold.length;
  c.pred = pred.length;
  c.matched = m.size;
  c.goldTask = gold.filter((g) => g.kind === 'task').length;
  c.predTask = pred.filter((p) => p.kind === 'task').length;
  c.goldExh = gold.length - c.goldTask;
  for (const [gi, pi] of m) {
    const g = gold[gi] as GoldDirective;
    const p = pred[pi] as ExtractedDirective;
    if (g.kind === 'task' && p.kind === 'task') c.taskTp += 1;
    if (g.kind === 'exhortation') c.exhFound += 1;
    if (g.kind === p.kind) c.kindOk += 1;
    const parent = p.parent === null ? null : (predToGold.get(p.parent) ?? -1);
    if (g.level === p.level && g.parent === parent) c.placeOk += 1;
    if (g.topic === p.topic) c.topicOk += 1;
    if (g.lead.length > 0) {
      c.leadGold += 1;
      if (p.lead.slice(0, 1).some((l) => g.lead.includes(l))) c.hit1 += 1;
      if (p.lead.slice(0, 3).some((l) => g.lead.includes(l))) c.hit3 += 1;
    }
    if (g.explicit === p.lead_explicit && (!g.explicit || sameSet(g.lead, p.lead))) c.explicitOk += 1;
    const ok = deadlineMatches(g, p.deadline);
    if (ok) c.deadlineOk += 1;
    if (g.deadline) {
      c.goldDeadlines += 1;
      if (ok) c.goldDeadlinesOk += 1;
    }
  }
  return c;
}

function deadlineMatches(g: GoldDirective, p: DeadlineResult | null): boolean {
  if (!g.deadline) return p === null;
  if (!p) return false;
  return [g.deadline, ...(g.deadline_alt ?? [])].some((d) => d.phrase === p.phrase && d.date === p.date);
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

export function emptyCounts(): EvalCounts {
  return {
    gold: 0,
    pred: 0,
    matched: 0,
    goldTask: 0,
    predTask: 0,
    taskTp: 0,
    goldExh: 0,
    exhFound: 0,
    kindOk: 0,
    placeOk: 0,
    topicOk: 0,
    leadGold: 0,
    hit1: 0,
    hit3: 0,
    explicitOk: 0,
    deadlineOk: 0,
    goldDeadlines: 0,
    goldDeadlinesOk: 0,
  };
}

export function addCounts(a: EvalCounts, b: EvalCounts): EvalCounts {
  const out = emptyCounts();
  for (const k of Object.keys(out) as (keyof EvalCounts)[]) out[k] = a[k] + b[k];
  return out;
}

const ratio = (n: number, d: number): number => (d === 0 ? 1 : n / d);
const f1 = (p: number, r: number): number => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

/** The figures of the issue from counts (a ratio with an empty denominator counts as 1). */
export function figures(c: EvalCounts): EvalFigures {
  const dp = ratio(c.matched, c.pred);
  const dr = ratio(c.matched, c.gold);
  const tp = ratio(c.taskTp, c.predTask);
  const tr = ratio(c.taskTp, c.goldTask);
  return {
    directive_p: dp,
    directive_r: dr,
    directive_f1: f1(dp, dr),
    task_p: tp,
    task_r: tr,
    task_f1: f1(tp, tr),
    exhortation_recall: ratio(c.exhFound, c.goldExh),
    kind_acc: ratio(c.kindOk, c.matched),
    level_parent_acc: ratio(c.placeOk, c.matched),
    topic_acc: ratio(c.topicOk, c.matched),
    lead_hit1: ratio(c.hit1, c.leadGold),
    lead_hit3: ratio(c.hit3, c.leadGold),
    explicit_lead_acc: ratio(c.explicitOk, c.matched),
    deadline_exact: ratio(c.deadlineOk, c.matched),
    deadline_exact_on_gold_deadlines: ratio(c.goldDeadlinesOk, c.goldDeadlines),
  };
}
