import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runSignalCase } from './case-runner.js';
import { glrnb } from './glrnb.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixtureDir = path.resolve(repoRoot, 'test', 'fixtures', 'signals');

interface Fixture {
  case_id: string;
  algorithm: string;
  observed: (number | null)[];
  freq: number;
  start: number[];
  epoch_as_date: boolean;
  dates: string[] | null;
  range: { first: number; last: number; n: number };
  control: Record<string, unknown>;
  alpha_used?: number;
  results: { t: number[]; upperbound: (number | null)[]; alarm: (boolean | null)[]; expected?: (number | null)[] };
}

const files = readdirSync(fixtureDir).filter((f) => f.endsWith('.json') && f !== 'index.json');
const load = (f: string): Fixture => JSON.parse(readFileSync(path.join(fixtureDir, f), 'utf8')) as Fixture;

/** Relative tolerance of the README: 1e-4 for the IRLS-based Farrington methods, 1e-6 for closed forms. */
const tolerance = (algorithm: string): number => (algorithm.startsWith('farrington') ? 1e-4 : 1e-6);

function expectClose(actual: (number | null)[], expected: (number | null)[], rel: number, what: string): void {
  expect(actual.length, what).toBe(expected.length);
  expected.forEach((e, i) => {
    const a = actual[i];
    if (e === null) {
      expect(a, `${what}[${i}] should be NA`).toBeNull();
      return;
    }
    expect(a, `${what}[${i}] should be a number`).not.toBeNull();
    const err = Math.abs(a! - e) / Math.max(Math.abs(e), 1e-12);
    expect(err, `${what}[${i}]: ${a} vs R ${e}`).toBeLessThanOrEqual(rel);
  });
}

describe('reference cases computed by R surveillance 1.20.3', () => {
  it('finds the fixture folder with every algorithm', () => {
    const algorithms = new Set(files.map((f) => load(f).algorithm));
    expect([...algorithms].sort()).toEqual(['cusum', 'earsC', 'farrington', 'farringtonFlexible', 'glrnb']);
  });

  it.each(files)('%s: identical alarms and upperbounds within tolerance', (file) => {
    const fx = load(file);
    const out = runSignalCase(fx);
    expect(out.t).toEqual(fx.results.t);
    expect(out.alarm).toEqual(fx.results.alarm);
    expectClose(out.upperbound, fx.results.upperbound, tolerance(fx.algorithm), 'upperbound');
    if (fx.results.expected) expectClose(out.expected ?? [], fx.results.expected, 1e-4, 'expected');
  });

  it('estimates the negative binomial overdispersion of glrnb as glm.nb does', () => {
    const fx = load('glrnb_default_agona.json');
    const out = glrnb({ observed: fx.observed, freq: fx.freq }, fx.control, fx.range);
    expect(Math.abs(out.alpha - fx.alpha_used!) / fx.alpha_used!).toBeLessThan(1e-6);
  });
});
