/*
 * The benchmark's workload: which action each item gets, and in which order. Every item has a life of its
 * own kind (below, by item number modulo 10, three actions per item on average, as the issue's 100k items
 * and 300k actions); the actions run in rounds — every item's first step, then every item's second … — so
 * that the table grows as it would in a city, not one item at a time. Past the lives' end further rounds
 * alternate 批示 and 催办 on the items still open.
 */
import type { StepKind } from '../../src/app/testing/life.js';

/** Lives by item number modulo 10 (10 % each unless said): 30 actions per ten items. */
const LIVES: readonly (readonly StepKind[])[] = [
  ['assign', 'accept', 'report'], // 0–4: 50 % are being worked on
  ['assign', 'accept', 'report'],
  ['assign', 'accept', 'report'],
  ['assign', 'accept', 'report'],
  ['assign', 'accept', 'report'],
  ['assign', 'accept', 'report', 'report', 'request_closure', 'pass'], // closed after review
  ['assign'], // waiting to be accepted
  ['assign', 'accept'], // accepted, no report yet
  ['assign', 'return', 'assign', 'accept'], // sent to the wrong unit first
  ['assign', 'urge'], // urged before acceptance
];

export interface PlannedAction {
  /** Index of the item (0-based, in creation order). */
  readonly item: number;
  readonly kind: StepKind;
  /** Which round: an item's n-th step, counting the extra rounds after its life. */
  readonly round: number;
}

/** Whether an item's life ends closed (no more actions after it in the extra rounds). */
const endsClosed = (item: number): boolean => (LIVES[item % LIVES.length] ?? []).at(-1) === 'pass';

/** The first `actions` actions on `items` items, in order. */
export function* plan(items: number, actions: number): Generator<PlannedAction> {
  let emitted = 0;
  const longest = Math.max(...LIVES.map((l) => l.length));
  for (let round = 0; emitted < actions; round++) {
    let any = false;
    for (let item = 0; item < items && emitted < actions; item++) {
      const life = LIVES[item % LIVES.length]!;
      let kind: StepKind | undefined = life[round];
      if (kind === undefined && round >= longest && !endsClosed(item)) kind = round % 2 === 0 ? 'instruct' : 'urge';
      if (kind === undefined) continue;
      any = true;
      emitted++;
      yield { item, kind, round };
    }
    if (!any && round >= longest) return;
  }
}

/** How many actions of each kind `plan(items, actions)` yields (printed with the figures). */
export function mixOf(items: number, actions: number): Map<StepKind, number> {
  const mix = new Map<StepKind, number>();
  for (const a of plan(items, actions)) mix.set(a.kind, (mix.get(a.kind) ?? 0) + 1);
  return mix;
}
