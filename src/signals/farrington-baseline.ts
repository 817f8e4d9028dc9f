/**
 * Reference periods of the Farrington methods: which past periods form the baseline of time point k.
 * Integer-indexed series step back freq·i periods; date-indexed ones step back calendar years and,
 * for weekly data, move to the nearest period on the same weekday (R's surveillance 1.20.3).
 */
import { addMonths, addYears, weekday, ymdFromDay } from './dates.js';
import { SignalsError, tooShort } from './errors.js';
import type { PreparedSeries } from './series.js';

/** 1-based index of day number `day` in the series, or −1. */
export function indexOfDay(days: Int32Array, day: number): number {
  let lo = 0;
  let hi = days.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const d = days[mid]!;
    if (d === day) return mid + 1;
    if (d < day) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The same weekday as `targetWeekday` nearest to `day` (ties go to the earlier candidate A of R). */
function nearestSameWeekday(day: number, targetWeekday: number): number {
  const a = day - (weekday(day) - targetWeekday);
  const b = a + (a > day ? -7 : 7);
  return Math.abs(a - day) > Math.abs(b - day) ? b : a;
}

/**
 * farringtonFlexible's reference points: index of k and of the same period 1..b years back
 * (element i = i years back). Throws series_too_short if one does not exist in the series.
 */
export function flexibleReferencePoints(s: PreparedSeries, k: number, b: number): number[] {
  const out: number[] = [k];
  for (let i = 1; i <= b; i++) {
    let idx: number;
    if (s.days === null) {
      idx = k - s.freq * i;
      if (idx < 1) throw tooShort('farringtonFlexible', k, `reference period ${i} year(s) back`);
    } else {
      const day0 = s.days[k - 1]!;
      let ref = addYears(day0, -i);
      if (s.freq === 52) ref = nearestSameWeekday(ref, weekday(day0));
      idx = indexOfDay(s.days, ref);
      if (idx < 1) throw tooShort('farringtonFlexible', k, `reference period ${i} year(s) back is not in the series`);
    }
    out.push(idx);
  }
  return out;
}

/** Assigns `value` to R's vector[a:b] (a ≤ b or a > b), with R's rules for index 0 and negatives. */
function assignRun(labels: Int32Array, a: number, b: number, value: number, k: number): void {
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  if (lo < 0 && hi > 0) throw tooShort('farringtonFlexible', k, 'a reference window starts before the first period');
  if (hi >= labels.length) throw tooShort('farringtonFlexible', k, 'a reference window runs past the series');
  for (let i = Math.max(lo, 1); i <= hi; i++) labels[i] = value;
}

/**
 * Seasonal labels of R's blocks(): label p for the current and reference windows, 1..p−1 for the
 * blocks between successive windows (noPeriods = p > 1). labels[i] = 0 means "not in any window".
 * `labels` has length n + 1 (1-based) and is overwritten.
 */
export function flexibleBlocks(labels: Int32Array, refs: readonly number[], k: number, b: number, w: number, p: number): void {
  labels.fill(0);
  assignRun(labels, k - w, k, p, k);
  for (let i = 1; i <= b; i++) {
    const refWeek = refs[i]!;
    assignRun(labels, refWeek - w, refWeek + w, p, k);
    if (p === 1) continue;
    const period = refs[i - 1]! - 2 * w - 1 - refWeek;
    if (period < p - (2 * w + 1)) {
      throw new SignalsError('invalid_control', `noPeriods = ${p} is too big for the gap between reference windows`, `noPeriods = ${p} 过大，参考窗口之间的间隔不足`, {
        noPeriods: p,
      });
    }
    const len = Math.floor(period / (p - 1));
    const rest = period - len * (p - 1);
    let cum = 0;
    for (let j = 1; j <= p - 1; j++) {
      const blockLen = len + (j <= rest ? 1 : 0);
      const from = refWeek + w + 1 + cum;
      assignRun(labels, from, from + blockLen - 1, j, k);
      cum += blockLen;
    }
  }
}

/**
 * algo.farrington's baseline indices of time point k: windows k − freq·i ± w (integer index) or the
 * calendar equivalents (R's refvalIdxByDate). Indices that do not exist are dropped, as R does.
 */
export function originalBaseline(s: PreparedSeries, k: number, b: number, w: number): number[] {
  const out: number[] = [];
  if (s.days === null) {
    for (let i = b; i >= 1; i--) {
      for (let j = k - s.freq * i - w; j <= k - s.freq * i + w; j++) if (j > 0) out.push(j);
    }
    return out;
  }
  const day0 = s.days[k - 1]!;
  const wd0 = weekday(day0);
  const dom0 = ymdFromDay(day0).day;
  for (let i = 1; i <= b; i++) {
    const ref = addYears(day0, -i);
    for (let m = -w; m <= w; m++) {
      let d: number;
      if (s.freq === 52) {
        d = ref + 7 * m;
        const fwd = (((wd0 - weekday(d)) % 7) + 7) % 7;
        const bwd = (((weekday(d) - wd0) % 7) + 7) % 7;
        d += fwd < bwd ? fwd : -bwd;
      } else if (s.freq === 12) {
        d = addMonths(ref, m);
        d -= ymdFromDay(d).day - dom0;
      } else {
        d = ref + m;
      }
      const idx = indexOfDay(s.days, d);
      if (idx > 0) out.push(idx);
    }
  }
  return out;
}
