// npm run eval:extract [-- DIR] [--verbose] [--cv=type,province,level|none]
// Scores the readout extractor on a corpus folder (default test/fixtures/corpus/readouts; GUIDELINES §9 format).
// Prints, per document and in total, the figures of the shipped model, then the rules alone, then the figures
// that measure generalisation: leave-one-meeting-type-out and leave-one-province-out (the learned heads are
// trained on every other group and score the group left out; the counts of all folds add up to one figure),
// and lead hit@3 per administrative level. The meeting date comes from <id>.meta.json, as a supervisor gives it.
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addCounts, countDocument, emptyCounts, figures, type EvalCounts, type GoldDirective } from '../src/extract/evaluate.js';
import { extractReadout } from '../src/extract/extract.js';
import type { ExtractModel } from '../src/extract/learn/model.js';
import { trainModel } from '../src/extract/learn/train.js';
import type { ReadoutExtraction } from '../src/extract/types.js';
import { readCorpus, type CorpusDocument } from './extract/corpus.js';

export interface DocumentScore {
  id: string;
  counts: EvalCounts;
  result: ReadoutExtraction;
  gold: GoldDirective[];
}

/** Run the extractor over `docs` with `model` (undefined: the shipped one; null: rules only). */
export function scoreDocuments(docs: readonly CorpusDocument[], model?: ExtractModel | null): { docs: DocumentScore[]; total: EvalCounts } {
  const out: DocumentScore[] = [];
  let total = emptyCounts();
  for (const d of docs) {
    const result = extractReadout(d.text, { meetingDate: d.meetingDate, ...(model === undefined ? {} : { model }) });
    const counts = countDocument(d.directives, result.directives);
    out.push({ id: d.id, counts, result, gold: d.directives });
    total = addCounts(total, counts);
  }
  return { docs: out, total };
}

/** Run the extractor over every gold document of `dir` with the shipped model. */
export function evaluateFolder(dir: string): { docs: DocumentScore[]; total: EvalCounts } {
  return scoreDocuments(readCorpus(dir));
}

/** Leave each group out in turn: train on the others, score the group. Returns per-group and summed counts. */
export function crossValidate(docs: readonly CorpusDocument[], groupOf: (d: CorpusDocument) => string): { groups: [string, EvalCounts][]; total: EvalCounts } {
  const names = [...new Set(docs.map(groupOf))].sort();
  const groups: [string, EvalCounts][] = [];
  let total = emptyCounts();
  for (const g of names) {
    const model = trainModel(docs.filter((d) => groupOf(d) !== g).map((d) => ({ text: d.text, directives: d.directives })));
    const { total: c } = scoreDocuments(
      docs.filter((d) => groupOf(d) === g),
      model,
    );
    groups.push([g, c]);
    total = addCounts(total, c);
  }
  return { groups, total };
}

const COLUMNS: [string, keyof ReturnType<typeof figures>][] = [
  ['dirF1', 'directive_f1'],
  ['taskP', 'task_p'],
  ['taskR', 'task_r'],
  ['taskF1', 'task_f1'],
  ['exhR', 'exhortation_recall'],
  ['kind', 'kind_acc'],
  ['lvl/par', 'level_parent_acc'],
  ['topic', 'topic_acc'],
  ['hit@1', 'lead_hit1'],
  ['hit@3', 'lead_hit3'],
  ['explicit', 'explicit_lead_acc'],
  ['deadline', 'deadline_exact'],
];

function header(): string {
  return ['document / group'.padEnd(32), 'gold', 'pred', ...COLUMNS.map(([h]) => h.padStart(8))].join(' ');
}

function row(name: string, c: EvalCounts): string {
  const f = figures(c);
  return [name.slice(0, 32).padEnd(32), String(c.gold).padStart(4), String(c.pred).padStart(4), ...COLUMNS.map(([, k]) => f[k].toFixed(2).padStart(8))].join(' ');
}

function main(): void {
  const args = process.argv.slice(2);
  const dirArg = args.find((a) => !a.startsWith('--'));
  const here = fileURLToPath(new URL('.', import.meta.url));
  const dir = resolve(dirArg ?? join(here, '..', 'test', 'fixtures', 'corpus', 'readouts'));
  const cv = (args.find((a) => a.startsWith('--cv='))?.slice(5) ?? 'type,province,level').split(',').filter((x) => x && x !== 'none');
  const corpus = readCorpus(dir);
  const { docs, total } = scoreDocuments(corpus);
  console.log(`${corpus.length} documents in ${dir}\n`);
  console.log(header());
  for (const d of docs) console.log(row(d.id, d.counts));
  console.log(row('TOTAL (shipped model, seen)', total));
  console.log(row('TOTAL (rules only)', scoreDocuments(corpus, null).total));
  const f = figures(total);
  console.log(`\ndeadline exact on gold deadlines: ${f.deadline_exact_on_gold_deadlines.toFixed(2)} (${total.goldDeadlines ? total.goldDeadlinesOk : 0}/${total.goldDeadlines})`);
  const by: Record<string, (d: CorpusDocument) => string> = { type: (d) => d.type, province: (d) => d.province, level: (d) => d.level };
  for (const key of cv) {
    const groupOf = by[key];
    if (!groupOf) continue;
    const t0 = performance.now();
    const res = crossValidate(corpus, groupOf);
    console.log(`\nleave-one-${key}-out (${res.groups.length} folds, ${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    console.log(header());
    for (const [g, c] of res.groups) console.log(row(g, c));
    console.log(row(`CROSS-VALIDATED by ${key}`, res.total));
  }
  if (args.includes('--verbose')) for (const d of docs) printDifferences(d);
}

function printDifferences(d: DocumentScore): void {
  console.log(`\n== ${d.id}`);
  const shown = new Set<number>();
  for (const g of d.gold) {
    const p = d.result.directives.find((x) => x.start <= g.start && x.end >= g.start + g.text.length / 2);
    if (p) shown.add(p.i);
    const diff: string[] = [];
    if (!p) diff.push('MISSED');
    else {
      if (p.kind !== g.kind) diff.push(`kind ${p.kind}≠${g.kind}`);
      if (p.topic !== g.topic) diff.push(`topic ${p.topic}≠${g.topic}`);
      if (!p.lead.slice(0, 3).some((l) => g.lead.includes(l)) && g.lead.length) diff.push(`lead ${p.lead.join('/')}≠${g.lead.join('/')}`);
      if (p.lead_explicit !== g.explicit) diff.push(`explicit ${p.lead_explicit}≠${g.explicit}`);
      if (p.level !== g.level) diff.push(`level ${p.level}≠${g.level}`);
      if (JSON.stringify(p.deadline) !== JSON.stringify(g.deadline)) diff.push(`deadline ${JSON.stringify(p.deadline)}≠${JSON.stringify(g.deadline)}`);
    }
    if (diff.length) console.log(`  g${g.i} ${diff.join('; ')} | ${g.text.slice(0, 50)}`);
  }
  for (const p of d.result.directives) if (!shown.has(p.i)) console.log(`  EXTRA p${p.i} ${p.kind} | ${p.text.slice(0, 60)}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) main();
