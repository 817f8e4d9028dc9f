/**
 * Figures: a metric's value together with the ids of the items behind it, so every number drills down.
 */
import type { ItemId } from '../ids.js';
import type { MetricKey } from './definitions.js';

export interface RateFigure {
  readonly kind: 'rate';
  readonly key: MetricKey;
  /** numerator ÷ denominator in [0, 1]; null when the denominator is 0 (no figure rather than 0 %). */
  readonly value: number | null;
  /** A count, or for a weighted rate (满意率) the weighted sum. */
  readonly numerator: number;
  readonly denominator: number;
  /** Items that scored (a subset of denominatorIds; for a weighted rate, those with a weight above 0). */
  readonly numeratorIds: readonly ItemId[];
  readonly denominatorIds: readonly ItemId[];
}

export interface MeanFigure {
  readonly kind: 'mean';
  readonly key: MetricKey;
  /** Mean over the items measured; null when none was. */
  readonly value: number | null;
  readonly total: number;
  readonly count: number;
  readonly ids: readonly ItemId[];
  /** A working-day count reached a year the official calendar does not cover and Mon–Fri was used. */
  readonly calendarApproximate: boolean;
}

export interface CountFigure {
  readonly kind: 'count';
  readonly key: MetricKey;
  readonly value: number;
  /** Items that contribute (a count above 0, or membership for a plain count). */
  readonly ids: readonly ItemId[];
}

export type Figure = RateFigure | MeanFigure | CountFigure;

/** Builds a rate figure; numerator ids must be a subset of denominator ids (callers guarantee it). */
export function rate(key: MetricKey, numeratorIds: ItemId[], denominatorIds: ItemId[], weightedNumerator?: number): RateFigure {
  const numerator = weightedNumerator ?? numeratorIds.length;
  const denominator = denominatorIds.length;
  return { kind: 'rate', key, value: denominator === 0 ? null : numerator / denominator, numerator, denominator, numeratorIds, denominatorIds };
}

export function mean(key: MetricKey, total: number, ids: ItemId[], calendarApproximate: boolean): MeanFigure {
  return { kind: 'mean', key, value: ids.length === 0 ? null : total / ids.length, total, count: ids.length, ids, calendarApproximate };
}

export function count(key: MetricKey, value: number, ids: ItemId[]): CountFigure {
  return { kind: 'count', key, value, ids };
}
