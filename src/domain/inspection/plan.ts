/**
 * 城市安全运行常态化检查: an inspection plan names the places to inspect, the checklist each inspection goes
 * through, the inspecting unit and a cadence. Pure: the app loads and stores plans, this module says what a
 * valid plan is.
 */
import { z } from 'zod';
import { DomainError } from '../errors.js';
import { describeIssue } from './issues.js';
import type { LocalDate, UnitId } from '../ids.js';
import { isLocalDate } from '../time.js';

/** How often each place is inspected: once a week, once a month, or before each statutory holiday (节前检查). */
export const INSPECTION_CADENCES = ['weekly', 'monthly', 'before_holidays'] as const;
export type InspectionCadence = (typeof INSPECTION_CADENCES)[number];

/** The hazard categories of the 安全隐患 ledger type a checklist line may name (its `category` field). */
export const HAZARD_CATEGORIES = ['equipment', 'electrical', 'fire', 'hazardous_chemicals', 'structure', 'traffic', 'management', 'other'] as const;

/** One line of a checklist (消防通道, 燃气管道, 电气线路): what is checked, and the hazard category a failure is. */
export interface ChecklistLine {
  /** Stable key the results cite (e.g. `fire_exit`). */
  readonly key: string;
  readonly label: string;
  readonly category: (typeof HAZARD_CATEGORIES)[number];
}

/** A place or entity inspected (a market, a school, a gas station), with optional columns from its list. */
export interface InspectionPlace {
  readonly name: string;
  readonly district?: string;
  readonly address?: string;
}

export interface InspectionPlan {
  readonly id: string;
  readonly title: string;
  readonly unitId: UnitId;
  readonly cadence: InspectionCadence;
  readonly checklist: readonly ChecklistLine[];
  readonly places: readonly InspectionPlace[];
  /** Rounds due on or after this day belong to the plan. */
  readonly startsOn: LocalDate;
  /** Rounds due after this day do not (open-ended when null). */
  readonly endsOn: LocalDate | null;
}

/** Limits that keep one plan a list a unit can work through, and its rounds cheap to compute. */
export const MAX_PLACES = 2000;
export const MAX_CHECKLIST_LINES = 100;

const text = (max: number) => z.string().trim().min(1).max(max);
const date = z.string().refine(isLocalDate, 'YYYY-MM-DD');

export const PlanInputSchema = z
  .object({
    title: text(200),
    unitId: text(100),
    cadence: z.enum(INSPECTION_CADENCES),
    checklist: z
      .array(
        z
          .object({
            key: z
              .string()
              .trim()
              .regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _'),
            label: text(100),
            category: z.enum(HAZARD_CATEGORIES).default('other'),
          })
          .strict(),
      )
      .min(1)
      .max(MAX_CHECKLIST_LINES),
    places: z
      .array(z.object({ name: text(200), district: text(100).optional(), address: text(300).optional() }).strict())
      .min(1)
      .max(MAX_PLACES),
    startsOn: date,
    endsOn: date.nullish(),
  })
  .strict();
export type PlanInput = z.input<typeof PlanInputSchema>;

/**
 * A plan from untrusted input: every field checked, keys and place names unique, the span in order.
 * @throws DomainError `validation_failed` naming the first problem.
 */
export function validatePlan(id: string, input: unknown): InspectionPlan {
  const parsed = PlanInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const d = describeIssue(issue);
    throw new DomainError('validation_failed', `Inspection plan: ${d.en}`, `检查计划：${d.zh}`, { path: issue.path });
  }
  const p = parsed.data;
  const key = duplicate(p.checklist.map((l) => l.key));
  if (key !== null) throw new DomainError('validation_failed', `Checklist key ${key} appears twice.`, `检查项编号 ${key} 重复。`, { key });
  const place = duplicate(p.places.map((x) => x.name));
  if (place !== null) throw new DomainError('validation_failed', `Place ${place} appears twice in the list.`, `检查对象「${place}」在清单中重复。`, { place });
  if (p.endsOn != null && p.endsOn < p.startsOn) {
    throw new DomainError('validation_failed', 'The plan ends before it starts.', '检查计划的结束日期早于开始日期。', { startsOn: p.startsOn, endsOn: p.endsOn });
  }
  return { id, title: p.title, unitId: p.unitId, cadence: p.cadence, checklist: p.checklist, places: p.places, startsOn: p.startsOn, endsOn: p.endsOn ?? null };
}

function duplicate(values: readonly string[]): string | null {
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) return v;
    seen.add(v);
  }
  return null;
}
