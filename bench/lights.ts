/**
 * Warning lights per second over 1M generated items (target ≥ 1M/s). Run: `npm run bench:lights`.
 * Optional argument: the number of items (default 1,000,000).
 */
import { computeLight, type Light } from '../src/domain/lights.js';
import { makeItem } from '../src/domain/testing/items.js';
import { defaultWorkCalendar } from '../src/domain/calendar.js';
import { DEFAULT_WARNING_RULES } from '../src/domain/warning-rules.js';
import type { Cadence, Item, ItemStatus } from '../src/domain/item.js';
import { seededRandom } from '../src/domain/testing/random.js';

const count = Number(process.argv[2] ?? 1_000_000);
const NOW = '2026-09-25T02:00:00.000Z'; // just before 国庆 2026, so the window crosses the holiday
const DAY = 86_400_000;
const nowMs = Date.parse(NOW);

const STATUSES: [ItemStatus, number][] = [
  ['draft', 0.05],
  ['assigned', 0.1],
  ['in_progress', 0.55],
  ['closing', 0.1],
  ['closed', 0.15],
  ['cancelled', 0.05],
];
const CADENCES: Cadence[] = ['weekly', 'biweekly', 'monthly', 'quarterly'];

function pickStatus(r: number): ItemStatus {
  let acc = 0;
  for (const [s, p] of STATUSES) if (r < (acc += p)) return s;
  return 'in_progress';
}

function generate(n: number): Item[] {
  const rand = seededRandom(20_260_925);
  const iso = (ms: number): string => new Date(ms).toISOString();
  const date = (ms: number): string => iso(ms).slice(0, 10);
  const items: Item[] = new Array<Item>(n);
  for (let i = 0; i < n; i++) {
    const status = pickStatus(rand());
    const assigned = nowMs - Math.floor(rand() * 120 * DAY);
    // deadlines from 30 days ago to 130 days ahead: some overdue, some near, some in 2027
    const deadline = rand() < 0.15 ? null : date(nowMs + Math.floor((rand() * 160 - 30) * DAY));
    const closing = status === 'closing';
    items[i] = makeItem({
      id: `item-${i}`,
      status,
      assignedAt: iso(assigned),
      acceptedAt: status === 'assigned' ? null : iso(assigned + 3_600_000),
      originalDeadline: deadline,
      currentDeadline: deadline,
      cadence: deadline === null || rand() < 0.1 ? (CADENCES[i % 4] ?? 'monthly') : null,
      lastReportAt: rand() < 0.5 ? iso(assigned + Math.floor(rand() * (nowMs - assigned))) : null,
      plannedStart: rand() < 0.3 ? date(assigned) : null,
      progress: Math.floor(rand() * 101),
      stageIndex: closing ? 0 : null,
      stageKey: closing ? 'review' : null,
      stageEnteredAt: closing ? iso(nowMs - Math.floor(rand() * 10 * DAY)) : null,
    });
  }
  return items;
}

function run(items: readonly Item[]): { seconds: number; tally: Record<Light, number>; approximate: number } {
  const calendar = defaultWorkCalendar();
  const tally: Record<Light, number> = { red: 0, yellow: 0, green: 0, none: 0 };
  let approximate = 0;
  const t0 = performance.now();
  for (const item of items) {
    const r = computeLight(item, NOW, DEFAULT_WARNING_RULES, calendar);
    tally[r.light]++;
    if (r.calendarApproximate) approximate++;
  }
  return { seconds: (performance.now() - t0) / 1000, tally, approximate };
}

const tGen = performance.now();
const items = generate(count);
console.log(`generated ${count.toLocaleString('en')} items in ${((performance.now() - tGen) / 1000).toFixed(1)} s`);
run(items.slice(0, 10_000)); // warm the JIT and the calendar table
const rates: number[] = [];
for (let pass = 1; pass <= 3; pass++) {
  const { seconds, tally, approximate } = run(items);
  const rate = count / seconds;
  rates.push(rate);
  console.log(
    `pass ${pass}: ${seconds.toFixed(3)} s, ${Math.round(rate).toLocaleString('en')} lights/s ` +
      `(red ${tally.red}, yellow ${tally.yellow}, green ${tally.green}, none ${tally.none}; calendar-approximate ${approximate})`,
  );
}
const best = Math.max(...rates);
console.log(`lights/s (best of 3): ${Math.round(best).toLocaleString('en')} — target 1,000,000: ${best >= 1_000_000 ? 'met' : 'NOT met'}`);
