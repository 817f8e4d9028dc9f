import type { LocalDate } from '../../domain/ids.js';
import { addDays } from '../../domain/time.js';
import type { AppDeps } from '../context.js';
import { performAction } from '../items/perform.js';
import { configureIndicator, detectSignals, ingestCounts, recordVerification, setResponsibleUnit, type IngestReport } from '../signals/index.js';
import { isoWeekLabel, latestCompletePeriodStart, mondayOf } from '../signals/periods.js';
import type { Step } from './scenario.js';
import { DEMO_SIGNING_PASSPHRASE } from './signing-keys.js';

/*
 * The demo's 监测预警: three indicators with a year of counts in each district, so that 监测预警 shows series,
 * threshold bands and alarms on first start. The counts are made up but shaped like real ones (weekday
 * rhythm, a winter rise, noise) by a seeded generator, so every build is the same; three outbreaks are laid
 * in: fever-clinic visits in 东城区 two weeks ago (verified as a true alarm and closed), gas complaints to the
 * 12345 hotline in 西城区 yesterday (waiting for 签收) and school absences in 高新区 last week (being verified).
 * Detection is the real one (EARS, as the daily job runs it), twice: two weeks ago and this morning. Each
 * batch of counts is one import, as a data office sends its file.
 */

const SUPERVISOR = 'supervisor';
const REGIONS = ['d1', 'd2', 'd3'] as const;
type Region = (typeof REGIONS)[number];

interface DemoIndicator {
  readonly key: string;
  readonly name: string;
  readonly frequency: 'day' | 'week';
  readonly control: Record<string, unknown>;
  /** Mean count per region on an ordinary period. */
  readonly base: Readonly<Record<Region, number>>;
  /** Unit answering for the alarms of a region. */
  readonly responsible: (region: Region) => string;
}

const INDICATORS: readonly DemoIndicator[] = [
  {
    key: 'fever_clinic',
    name: '发热门诊就诊人次',
    frequency: 'day',
    control: { method: 'C2', alpha: 0.001 },
    base: { d1: 60, d2: 45, d3: 30 },
    responsible: (r) => `${r}-wjj`,
  },
  {
    key: 'gas_complaints',
    name: '12345 热线燃气投诉量',
    frequency: 'day',
    control: { method: 'C2', alpha: 0.001 },
    base: { d1: 12, d2: 16, d3: 8 },
    responsible: (r) => `${r}-zjj`,
  },
  {
    key: 'school_absence',
    name: '学校缺勤人数',
    frequency: 'week',
    control: { method: 'C1', alpha: 0.001 },
    base: { d1: 420, d2: 380, d3: 260 },
    responsible: () => 'dept-jyj',
  },
];

/** Outbreaks laid into the series: extra counts on top of the usual ones, by period start. */
interface Outbreak {
  readonly indicator: string;
  readonly region: Region;
  /** Multiplier of the usual mean per period, starting at `from`. */
  readonly shape: readonly number[];
  readonly from: LocalDate;
}

/** A small seeded generator (mulberry32): the same numbers on every build. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A count around `mean`: roughly Poisson (normal approximation), never negative. */
function noisy(next: () => number, mean: number): number {
  const u = Math.max(next(), 1e-12);
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
  return Math.max(0, Math.round(mean + z * Math.sqrt(mean)));
}

const weekday = (d: LocalDate): number => new Date(`${d}T00:00:00Z`).getUTCDay();

/** Seasonal factor: higher in winter (peak in January), lower in summer. */
const season = (d: LocalDate): number => 1 + 0.25 * Math.cos((2 * Math.PI * (Number(d.slice(5, 7)) - 1)) / 12);

/** The usual mean of a period before outbreaks. */
function usual(indicator: DemoIndicator, region: Region, start: LocalDate): number {
  const base = indicator.base[region] * season(start);
  if (indicator.frequency === 'week') return base;
  const day = weekday(start);
  // Clinics see fewer people at weekends; complaints come in all week.
  return indicator.key === 'fever_clinic' && (day === 0 || day === 6) ? base * 0.8 : base;
}

/** Period starts of an indicator from `from` to `to` (both inclusive; weeks by their Monday). */
function periodStarts(frequency: 'day' | 'week', from: LocalDate, to: LocalDate): LocalDate[] {
  const out: LocalDate[] = [];
  for (let d = frequency === 'day' ? from : mondayOf(from); d <= to; d = addDays(d, frequency === 'day' ? 1 : 7)) out.push(d);
  return out;
}

/** Every count of the demo year: indicator → region → period start → count. */
function demoCounts(first: LocalDate, last: LocalDate, outbreaks: readonly Outbreak[]): Map<string, number> {
  const counts = new Map<string, number>();
  INDICATORS.forEach((indicator, i) => {
    REGIONS.forEach((region, j) => {
      const next = random(1000 * (i + 1) + j);
      const lastStart = latestCompletePeriodStart(indicator.frequency, last);
      for (const start of periodStarts(indicator.frequency, first, lastStart)) {
        let mean = usual(indicator, region, start);
        for (const o of outbreaks) {
          if (o.indicator !== indicator.key || o.region !== region) continue;
          const step = indicator.frequency === 'day' ? 1 : 7;
          const k = Math.round((new Date(`${start}T00:00:00Z`).getTime() - new Date(`${o.from}T00:00:00Z`).getTime()) / 86_400_000 / step);
          if (k >= 0 && k < o.shape.length) mean *= o.shape[k]!;
        }
        counts.set(`${indicator.key}|${region}|${start}`, noisy(next, mean));
      }
    });
  });
  return counts;
}

/**
 * CSV text of the periods over by `upTo` and not yet over by `after` (a week counts once its Sunday is past),
 * as a data office's file.
 */
function countsFile(counts: ReadonlyMap<string, number>, after: LocalDate | null, upTo: LocalDate): string {
  const lines = ['region,indicator,period,count'];
  for (const [key, count] of counts) {
    const [indicator, region, start] = key.split('|') as [string, Region, LocalDate];
    const frequency = INDICATORS.find((i) => i.key === indicator)!.frequency;
    if (start > latestCompletePeriodStart(frequency, upTo) || (after !== null && start <= latestCompletePeriodStart(frequency, after))) continue;
    lines.push(`${region},${indicator},${frequency === 'day' ? start : isoWeekLabel(start)},${count}`);
  }
  return lines.join('\n');
}

/** Fails the build loudly when an import refused rows: the demo's own file must be clean. */
function checked(report: IngestReport): void {
  if (!report.committed) throw new Error(`demo counts refused: ${JSON.stringify(report.errors.slice(0, 3))}`);
}

/** Adds indicators, responsible units, a year of counts, two detection runs and the alarms' handling to the demo's steps. */
export function signalsScript(steps: Step[], tenantId: string, index: number, date: (d: number) => string): void {
  let n = 0;
  const as = (username: string) => ({ tenantId, username });
  const push = (day: number, run: Step['run']) => steps.push({ day, order: index * 100 + n++, run });
  const first = date(-365);
  const lastWeek = latestCompletePeriodStart('week', date(-1));
  const outbreaks: Outbreak[] = [
    { indicator: 'fever_clinic', region: 'd1', from: date(-18), shape: [1.3, 1.7, 2.2, 2.6] },
    { indicator: 'gas_complaints', region: 'd2', from: date(-1), shape: [3.5] },
    { indicator: 'school_absence', region: 'd3', from: lastWeek, shape: [1.9] },
  ];
  const counts = demoCounts(first, date(-1), outbreaks);
  const alarms = new Map<string, string>();
  const detect = async (deps: AppDeps, on: LocalDate) => {
    const report = await detectSignals(deps, as(SUPERVISOR), { date: on });
    for (const s of report.series) if (s.item) alarms.set(`${s.indicator}|${s.region}`, s.item.id);
  };
  const act = (day: number, key: string, run: (deps: AppDeps, itemId: string) => Promise<unknown>) =>
    push(day, async (deps) => {
      const id = alarms.get(key);
      if (id) await run(deps, id);
    });

  push(-43, async (deps) => {
    for (const i of INDICATORS) {
      await configureIndicator(deps, as(SUPERVISOR), { key: i.key, name: i.name, algorithm: 'earsC', control: i.control, frequency: i.frequency });
      for (const region of REGIONS) await setResponsibleUnit(deps, as(SUPERVISOR), { region, unit: i.responsible(region), indicator: i.key });
    }
  });
  // Two weeks ago: the year so far in one file, and that morning's detection finds the fever-clinic rise.
  push(-13.9, async (deps) => checked(await ingestCounts(deps, as(SUPERVISOR), countsFile(counts, null, date(-15)))));
  push(-13.8, (deps) => detect(deps, date(-15)));
  act(-13.7, 'fever_clinic|d1', (deps, id) => performAction(deps, as('d1-wjj.handler'), id, { type: 'AcceptItem', data: {} }));
  act(-13.4, 'fever_clinic|d1', (deps, id) =>
    recordVerification(deps, as('d1-wjj.handler'), id, {
      outcome: 'true_alarm',
      actionTaken: '经核实为某小学流感样病例聚集，已开展流行病学调查，落实晨午检和停课措施',
      evidence: ['demo:report.pdf'],
    }),
  );
  act(-13, 'fever_clinic|d1', (deps, id) =>
    performAction(deps, as(SUPERVISOR), id, { type: 'PassStage', data: { note: '核实处置到位' } }, { passphrase: DEMO_SIGNING_PASSPHRASE }),
  );
  // This morning: the last two weeks in one file, and the daily detection.
  push(-0.5, async (deps) => checked(await ingestCounts(deps, as(SUPERVISOR), countsFile(counts, date(-15), date(-1)))));
  push(-0.45, (deps) => detect(deps, date(-1)));
  act(-0.3, 'school_absence|d3', (deps, id) => performAction(deps, as('jyj.handler'), id, { type: 'AcceptItem', data: {} }));
}
