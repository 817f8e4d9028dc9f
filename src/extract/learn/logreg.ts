/**
 * Multinomial logistic regression over sparse string features — small, deterministic and dependency-free, so
 * that the weights can ship as data and be retrained in seconds (scripts/train-extract.ts). Pure: no I/O.
 */

/** One trained classifier: a bias per label and, per feature, one weight per label. */
export interface LinearHead {
  labels: string[];
  bias: number[];
  weights: Record<string, number[]>;
}

export interface Example {
  feats: string[];
  label: string;
}

export interface TrainOptions {
  /** L2 penalty per example (the loss is the mean cross-entropy plus l2/2 · ‖W‖²). */
  l2: number;
  iterations: number;
  learningRate: number;
  /** A feature must occur in this many examples to get a weight, unless `always` says otherwise. */
  minCount: number;
  always?: (feature: string) => boolean;
  /** Weights smaller than this (absolute, every label) are dropped from the shipped head. */
  prune: number;
}

export const DEFAULT_TRAIN: TrainOptions = { l2: 0.002, iterations: 250, learningRate: 0.08, minCount: 2, prune: 0.003 };

// A head as shipped is a plain object with thousands of keys; lookups go through a Map built once per head.
const compiled = new WeakMap<LinearHead, Map<string, number[]>>();

function table(head: LinearHead): Map<string, number[]> {
  let t = compiled.get(head);
  if (!t) {
    t = new Map(Object.entries(head.weights));
    compiled.set(head, t);
  }
  return t;
}

/** Raw scores (logits) of every label for a feature set. Unknown features are ignored. */
export function logits(head: LinearHead, feats: readonly string[]): number[] {
  const t = table(head);
  const z = head.bias.slice();
  const K = z.length;
  for (const f of feats) {
    const w = t.get(f);
    if (!w) continue;
    for (let k = 0; k < K; k += 1) z[k] = (z[k] as number) + (w[k] as number);
  }
  return z;
}

export function softmax(z: readonly number[]): number[] {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

/** The probability of each label. */
export function probabilities(head: LinearHead, feats: readonly string[]): Map<string, number> {
  const p = softmax(logits(head, feats));
  return new Map(head.labels.map((l, k) => [l, p[k] as number]));
}

/** The most probable label. */
export function predict(head: LinearHead, feats: readonly string[]): string {
  const z = logits(head, feats);
  let best = 0;
  for (let k = 1; k < z.length; k += 1) if ((z[k] as number) > (z[best] as number)) best = k;
  return head.labels[best] as string;
}

/**
 * Train by full-batch Adam from zero weights. Examples are used in the order given and nothing is random, so
 * the same examples give the same weights on every machine.
 */
export function train(examples: readonly Example[], labels: readonly string[], options: Partial<TrainOptions> = {}): LinearHead {
  const o = { ...DEFAULT_TRAIN, ...options };
  const K = labels.length;
  const labelIndex = new Map(labels.map((l, k) => [l, k]));
  const counts = new Map<string, number>();
  for (const ex of examples) for (const f of new Set(ex.feats)) counts.set(f, (counts.get(f) ?? 0) + 1);
  const vocab = [...counts]
    .filter(([f, c]) => c >= o.minCount || (o.always?.(f) ?? false))
    .map(([f]) => f)
    .sort();
  const featIndex = new Map(vocab.map((f, i) => [f, i]));
  const rows = examples
    .map((ex) => ({
      x: [...new Set(ex.feats)].map((f) => featIndex.get(f)).filter((i): i is number => i !== undefined),
      y: labelIndex.get(ex.label) ?? -1,
    }))
    .filter((r) => r.y >= 0);
  const V = vocab.length;
  const W = new Float64Array(V * K);
  const b = new Float64Array(K);
  const mW = new Float64Array(V * K);
  const vW = new Float64Array(V * K);
  const mb = new Float64Array(K);
  const vb = new Float64Array(K);
  const gW = new Float64Array(V * K);
  const gb = new Float64Array(K);
  const n = Math.max(1, rows.length);
  const beta1 = 0.9;
  const beta2 = 0.999;
  const z = new Float64Array(K);
  for (let it = 1; it <= o.iterations; it += 1) {
    gW.fill(0);
    gb.fill(0);
    for (const { x, y } of rows) {
      for (let k = 0; k < K; k += 1) z[k] = b[k] as number;
      for (const i of x) for (let k = 0; k < K; k += 1) z[k] = (z[k] as number) + (W[i * K + k] as number);
      let m = -Infinity;
      for (let k = 0; k < K; k += 1) m = Math.max(m, z[k] as number);
      let s = 0;
      for (let k = 0; k < K; k += 1) {
        z[k] = Math.exp((z[k] as number) - m);
        s += z[k] as number;
      }
      for (let k = 0; k < K; k += 1) {
        const g = (z[k] as number) / s - (k === y ? 1 : 0);
        gb[k] = (gb[k] as number) + g;
        for (const i of x) gW[i * K + k] = (gW[i * K + k] as number) + g;
      }
    }
    const step = (o.learningRate * Math.sqrt(1 - beta2 ** it)) / (1 - beta1 ** it);
    for (let j = 0; j < V * K; j += 1) {
      const g = (gW[j] as number) / n + o.l2 * (W[j] as number);
      mW[j] = beta1 * (mW[j] as number) + (1 - beta1) * g;
      vW[j] = beta2 * (vW[j] as number) + (1 - beta2) * g * g;
      W[j] = (W[j] as number) - (step * (mW[j] as number)) / (Math.sqrt(vW[j] as number) + 1e-8);
    }
    for (let k = 0; k < K; k += 1) {
      const g = (gb[k] as number) / n;
      mb[k] = beta1 * (mb[k] as number) + (1 - beta1) * g;
      vb[k] = beta2 * (vb[k] as number) + (1 - beta2) * g * g;
      b[k] = (b[k] as number) - (step * (mb[k] as number)) / (Math.sqrt(vb[k] as number) + 1e-8);
    }
  }
  const round = (v: number): number => Math.round(v * 1000) / 1000;
  const weights: Record<string, number[]> = {};
  vocab.forEach((f, i) => {
    const w = Array.from(W.subarray(i * K, i * K + K), round);
    if (w.some((v) => Math.abs(v) >= o.prune)) weights[f] = w;
  });
  return { labels: [...labels], bias: Array.from(b, round), weights };
}
