import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addCounts, countDocument, emptyCounts, figures, type GoldDirective } from './evaluate.js';
import { extractReadout } from './extract.js';

const corpus = new URL('../../test/fixtures/corpus/readouts/', import.meta.url);

// The shipped model was trained on this corpus, so these are figures of fit, a guard against regressions of the
// pipeline; generalisation is measured by npm run eval:extract (leave-one-meeting-type/province-out).
describe('readout extraction on the development corpus', () => {
  it('fits it: task F1 ≥ 0.93, topic ≥ 0.95, lead hit@3 ≥ 0.9, deadline ≥ 0.95', () => {
    let total = emptyCounts();
    for (const f of readdirSync(corpus).filter((n) => n.endsWith('.gold.json'))) {
      const id = f.slice(0, -'.gold.json'.length);
      const gold = JSON.parse(readFileSync(new URL(f, corpus), 'utf8')) as { directives: GoldDirective[] };
      const meta = JSON.parse(readFileSync(new URL(`${id}.meta.json`, corpus), 'utf8')) as { meeting_date: string | null };
      const text = readFileSync(new URL(`${id}.txt`, corpus), 'utf8');
      total = addCounts(total, countDocument(gold.directives, extractReadout(text, { meetingDate: meta.meeting_date }).directives));
    }
    const fig = figures(total);
    expect(total.gold).toBeGreaterThanOrEqual(400);
    expect(fig.task_f1).toBeGreaterThanOrEqual(0.93);
    expect(fig.topic_acc).toBeGreaterThanOrEqual(0.95);
    expect(fig.lead_hit3).toBeGreaterThanOrEqual(0.9);
    expect(fig.deadline_exact).toBeGreaterThanOrEqual(0.95);
    expect(fig.deadline_exact_on_gold_deadlines).toBeGreaterThanOrEqual(0.75);
    expect(fig.explicit_lead_acc).toBeGreaterThanOrEqual(0.95);
    expect(fig.level_parent_acc).toBeGreaterThanOrEqual(0.95);
  });
});
