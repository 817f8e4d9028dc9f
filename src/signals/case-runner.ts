/**
 * Runs one case in the format of the reference fixtures (algorithm, observed, freq, start,
 * epoch_as_date, dates, range, control) and returns what R returns for the evaluated range.
 */
import { z } from 'zod';
import { cidars } from './cidars.js';
import { cusum } from './cusum.js';
import { earsC } from './ears.js';
import { SignalsError } from './errors.js';
import { farrington } from './farrington.js';
import { farringtonFlexible } from './farrington-flexible.js';
import { glrnb } from './glrnb.js';
import type { CountSeries, IndexRange, SignalResult } from './series.js';

export const SIGNAL_ALGORITHMS = ['farringtonFlexible', 'farrington', 'earsC', 'cusum', 'glrnb', 'cidars'] as const;
export type SignalAlgorithm = (typeof SIGNAL_ALGORITHMS)[number];

export const signalCaseSchema = z.object({
  algorithm: z.enum(SIGNAL_ALGORITHMS),
  // Counts are checked by prepareSeries, which names the bad period (invalid_count).
  observed: z.array(z.unknown()).min(1),
  freq: z.number().int().positive(),
  start: z.array(z.number()).optional(),
  epoch_as_date: z.boolean().optional(),
  dates: z.array(z.string()).nullable().optional(),
  population: z.array(z.number()).nullable().optional(),
  range: z.object({ first: z.number().int(), last: z.number().int(), n: z.number().int().optional() }).optional(),
  control: z.unknown().optional(),
});
export type SignalCase = z.input<typeof signalCaseSchema>;

/** The runner's output: R's results for the evaluated range, null where R gives NA. */
export interface CaseResult {
  t: number[];
  upperbound: (number | null)[];
  alarm: (boolean | null)[];
  expected?: (number | null)[];
}

const RUNNERS: Record<SignalAlgorithm, (s: CountSeries, control: unknown, range?: IndexRange) => SignalResult> = {
  farringtonFlexible,
  farrington,
  earsC,
  cusum,
  glrnb,
  cidars,
};

/**
 * Parses a case object and runs its algorithm. Pure.
 * @throws SignalsError invalid_series (malformed case), invalid_count, invalid_control, series_too_short, …
 */
export function runSignalCase(input: unknown): CaseResult {
  const parsed = signalCaseSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(case)'}: ${i.message}`).join('; ');
    throw new SignalsError('invalid_series', `invalid case: ${issues}`, `案例格式无效：${issues}`);
  }
  const c = parsed.data;
  if (c.range && c.range.n !== undefined && c.range.n !== c.range.last - c.range.first + 1) {
    throw new SignalsError('invalid_series', 'range must be contiguous (n = last − first + 1)', '评估区间必须连续（n = last − first + 1）');
  }
  const series: CountSeries = {
    observed: c.observed as (number | null)[],
    freq: c.freq,
    start: c.start,
    dates: c.epoch_as_date === false ? null : (c.dates ?? null),
    population: c.population ?? null,
  };
  const r = RUNNERS[c.algorithm](series, c.control ?? {}, c.range);
  const out: CaseResult = { t: r.t, upperbound: r.upperbound, alarm: r.alarm };
  if (r.expected) out.expected = r.expected;
  return out;
}
