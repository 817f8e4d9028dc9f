import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractReadout } from '../extract.js';
import { predict, probabilities, train } from './logreg.js';
import { SHIPPED_MODEL } from './model.js';
import { trainModel, type TrainingDocument } from './train.js';

const corpus = new URL('../../../test/fixtures/corpus/readouts/', import.meta.url);

function corpusDocuments(): TrainingDocument[] {
  return readdirSync(corpus)
    .filter((f) => f.endsWith('.gold.json'))
    .sort()
    .map((f) => ({
      text: readFileSync(new URL(f.replace('.gold.json', '.txt'), corpus), 'utf8'),
      directives: (JSON.parse(readFileSync(new URL(f, corpus), 'utf8')) as { directives: TrainingDocument['directives'] }).directives,
    }));
}

describe('logistic regression', () => {
  const examples = [
    { feats: ['w:抓好', 'w:整改'], label: 'task' },
    { feats: ['w:建立', 'w:台账'], label: 'task' },
    { feats: ['w:提高', 'w:站位'], label: 'exhortation' },
    { feats: ['w:增强', 'w:意识'], label: 'exhortation' },
  ];

  it('learns a separable problem and generalises along its features', () => {
    const head = train(examples, ['exhortation', 'task'], { minCount: 1, iterations: 200 });
    expect(examples.every((e) => predict(head, e.feats) === e.label)).toBe(true);
    expect(predict(head, ['w:抓好', 'w:台账'])).toBe('task');
    expect(probabilities(head, ['w:提高', 'w:意识']).get('exhortation')).toBeGreaterThan(0.8);
  });

  it('is deterministic: the same examples give the same weights', () => {
    expect(train(examples, ['exhortation', 'task'], { minCount: 1 })).toEqual(train(examples, ['exhortation', 'task'], { minCount: 1 }));
  });
});

describe('the shipped model', () => {
  it('is what npm run train:extract makes of the checked-in corpus', () => {
    const fresh = trainModel(corpusDocuments());
    for (const head of ['directive', 'kind', 'topic'] as const) {
      const a = SHIPPED_MODEL[head];
      const b = fresh[head];
      expect(a.labels).toEqual(b.labels);
      const keysA = Object.keys(a.weights);
      const shared = keysA.filter((k) => k in b.weights);
      // Rounding at the pruning threshold may differ in the last bit between platforms; nothing more may.
      expect(shared.length).toBeGreaterThanOrEqual(0.99 * Math.max(keysA.length, Object.keys(b.weights).length));
      let worst = 0;
      for (const k of shared) (a.weights[k] as number[]).forEach((w, j) => (worst = Math.max(worst, Math.abs(w - (b.weights[k] as number[])[j]!))));
      expect(worst).toBeLessThan(0.01);
    }
  });

  it('takes a strong-marker instruction even alone, and the rules alone still work', () => {
    const text = '会议决定,由市发改委负责,在10个工作日内完成重点项目前期工作清单。';
    for (const model of [undefined, null]) {
      const d = extractReadout(text, { meetingDate: '2024-03-04', ...(model === undefined ? {} : { model }) }).directives[0];
      expect(d).toMatchObject({ kind: 'task', lead: ['市发展和改革委员会'], lead_explicit: true });
    }
  });
});
