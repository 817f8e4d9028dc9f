import type { Item, ItemStatus } from '../../src/domain/item.js';

/** The benchmarks' mix of states: mostly in progress, a fifth closed. */
const STATUSES: [ItemStatus, number][] = [
  ['draft', 0.05],
  ['assigned', 0.1],
  ['in_progress', 0.5],
  ['closing', 0.1],
  ['closed', 0.2],
  ['cancelled', 0.05],
];
const DAY = 86_400_000;

/**
 * The life of the i-th benchmark item as of `now`: a state drawn from the mix, assigned in the last 120 days,
 * a deadline between 60 days ago and 100 days ahead, lead (and sometimes a co-unit) from `units`, the stamps
 * its state implies and, with `rated`, a satisfaction rating on half of the closed ones. bench:stats and
 * bench:scale both fill their ledgers with it, so their figures describe the same kind of city.
 */
export function itemLife(i: number, rand: () => number, now: string, units: readonly string[], rated = false): Partial<Item> {
  let acc = 0;
  const r = rand();
  const status = STATUSES.find(([, p]) => r < (acc += p))?.[0] ?? 'in_progress';
  const nowMs = Date.parse(now);
  const iso = (ms: number): string => new Date(ms).toISOString();
  const assigned = nowMs - Math.floor(rand() * 120 * DAY);
  const deadline = new Date(nowMs + Math.floor((rand() * 160 - 60) * DAY)).toISOString().slice(0, 10);
  const draft = status === 'draft';
  return {
    status,
    leadUnitId: draft ? null : units[i % units.length]!,
    coUnitIds: rand() < 0.3 ? [units[(i + 1) % units.length]!] : [],
    contacts: {},
    createdAt: iso(assigned - DAY),
    assignedAt: draft ? null : iso(assigned),
    acceptedAt: draft || status === 'assigned' ? null : iso(assigned + Math.floor(rand() * 5 * DAY)),
    originalDeadline: deadline,
    currentDeadline: deadline,
    stageIndex: status === 'closing' ? 0 : null,
    stageKey: status === 'closing' ? 'review' : null,
    stageEnteredAt: status === 'closing' ? iso(nowMs - Math.floor(rand() * 10 * DAY)) : null,
    closedAt: status === 'closed' ? iso(Math.min(nowMs, assigned + Math.floor(rand() * 90 * DAY))) : null,
    cancelledAt: status === 'cancelled' ? iso(assigned + DAY) : null,
    ...(rated && {
      rating: status === 'closed' && rand() < 0.5 ? { satisfaction: rand() < 0.8 ? ('satisfied' as const) : ('dissatisfied' as const), resolved: rand() < 0.9 } : null,
    }),
    progress: status === 'closed' ? 100 : Math.floor(rand() * 100),
  };
}
