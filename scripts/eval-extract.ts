// npm run eval:extract -- DIR [--verbose]
// Scores the readout extractor on a folder of <id>.txt + <id>.gold.json (corpus format, GUIDELINES §9); the
// meeting date is taken from <id>.meta.json or the gold file, as a supervisor would give it (CLI --date).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addCounts, countDocument, emptyCounts, figures, type EvalCounts, type GoldDirective } from '../src/extract/evaluate.js';
import { extractReadout } from '../src/extract/extract.js';
import type { ReadoutExtraction } from '../src/extract/types.js';

export interface DocumentScore {
  id: string;
  counts: EvalCounts;
  result: ReadoutExtraction;
  gold: GoldDirective[];
}

/** Run the extractor over every gold document of `dir`. */
export function evaluateFolder(dir: string): { docs: DocumentScore[]; total: EvalCounts } {
  const docs: DocumentScore[] = [];
  let total = emptyCounts();
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.gold.json')).sort()) {
    const id = f.slice(0, -'.gold.json'.length);
    const gold = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { meeting_date?: string | null; directives: GoldDirective[] };
    const metaPath = join(dir, `${id}.meta.json`);
    const meta = existsSync(metaPath) ? (JSON.parse(readFileSync(metaPath, 'utf8')) as { meeting_date?: string | null }) : {};
    const text = readFileSync(join(dir, `${id}.txt`), 'utf8');
    const result = extractReadout(text, { meetingDate: meta.meeting_date ?? gold.meeting_date ?? null });
    const counts = countDocument(gold.directives, result.directives);
    docs.push({ id, counts, result, gold: gold.directives });
    total = addCounts(total, counts);
  }
  return { docs, total };
}

const COLUMNS: [string, keyof ReturnType<typeof figures>][] = [
  ['dirF1', 'directive_f1'], ['taskP', 'task_p'], ['taskR', 'task_r'], ['taskF1', 'task_f1'], ['exhR', 'exhortation_recall'],
  ['kind', 'kind_acc'], ['lvl/par', 'level_parent_acc'], ['topic', 'topic_acc'], ['hit@1', 'lead_hit1'],
  ['hit@3', 'lead_hit3'], ['explicit', 'explicit_lead_acc'], ['deadline', 'deadline_exact'],
];

function row(name: string, c: EvalCounts): string {
  const f = figures(c);
  return [name.padEnd(26), String(c.gold).padStart(4), String(c.pred).padStart(4), ...COLUMNS.map(([, k]) => f[k].toFixed(2).padStart(8))].join(' ');
}

function main(): void {
  const args = process.argv.slice(2);
  const dirArg = args.find((a) => !a.startsWith('--'));
  const here = fileURLToPath(new URL('.', import.meta.url));
  const dir = resolve(dirArg ?? join(here, '..', 'test', 'fixtures', 'corpus', 'readouts'));
  const { docs, total } = evaluateFolder(dir);
  console.log(['document'.padEnd(26), 'gold', 'pred', ...COLUMNS.map(([h]) => h.padStart(8))].join(' '));
  for (const d of docs) console.log(row(d.id, d.counts));
  console.log(row('TOTAL', total));
  const f = figures(total);
  console.log(`\ndeadline exact on gold deadlines: ${f.deadline_exact_on_gold_deadlines.toFixed(2)} (${total.goldDeadlinesOk}/${total.goldDeadlines})`);
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
