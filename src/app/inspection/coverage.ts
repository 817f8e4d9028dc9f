import { inspectionCoverage, planRounds, type InspectionCoverage } from '../../domain/inspection/index.js';
import type { LocalDate } from '../../domain/ids.js';
import { addDays, toLocalDate } from '../../domain/time.js';
import type { AppDeps, ViewerRef } from '../context.js';
import { AppError } from '../errors.js';
import { viewingScope } from '../items/load.js';
import { calendarOf } from '../calendar/tenant-calendar.js';

export interface CoverageQuery {
  /** Rounds due from this day (default: 1 January of this year). */
  readonly from?: LocalDate;
  /** Rounds due up to this day (default: today). */
  readonly to?: LocalDate;
}

export interface CoverageGroup extends InspectionCoverage {
  /** The inspecting unit. */
  readonly unitId: string;
  readonly label: string;
}

export interface CoverageResult {
  readonly from: LocalDate;
  readonly to: LocalDate;
  readonly total: InspectionCoverage;
  readonly groups: readonly CoverageGroup[];
}

/** A year of weekly rounds is the longest window a figure is computed over. */
const MAX_WINDOW_DAYS = 800;

/**
 * 考核 of inspection over the plans the viewer may see: per inspecting unit and in total, rounds recorded on
 * time ÷ rounds due (检查覆盖率) and hazards found per recorded round; every missed round is named.
 * @throws AppError `invalid_input` (a window backwards or too long), `business_data_forbidden`.
 */
export async function computeInspectionCoverage(deps: AppDeps, viewer: ViewerRef, q: CoverageQuery = {}): Promise<CoverageResult> {
  const read = deps.store.read;
  const scope = await viewingScope(deps, read, viewer);
  const today = toLocalDate(scope.now, scope.timeZone);
  const from = q.from ?? `${today.slice(0, 4)}-01-01`;
  const to = q.to ?? today;
  if (to < from || Date.parse(to) - Date.parse(from) > MAX_WINDOW_DAYS * 86_400_000) {
    throw new AppError('invalid_input', `The window must run forwards and span at most ${MAX_WINDOW_DAYS} days.`, `统计区间须从早到晚且不超过 ${MAX_WINDOW_DAYS} 天。`, {
      from,
      to,
    });
  }
  const plans = await read.inspections.listPlans(viewer.tenantId, scope.visible === null ? null : [...scope.visible]);
  const recorded = new Map(
    (
      await read.inspections.listRounds(
        viewer.tenantId,
        plans.map((p) => p.id),
        from,
        to,
      )
    ).map((r) => [r.roundId, r]),
  );
  const calendar = calendarOf(deps, viewer.tenantId);
  const byUnit = new Map<string, { roundId: string; dueOn: string; recordedOn: string | null; failed: number | null }[]>();
  for (const plan of plans) {
    const facts = byUnit.get(plan.unitId) ?? [];
    byUnit.set(plan.unitId, facts);
    for (const round of planRounds(plan, calendar, from, to)) {
      const r = recorded.get(round.id);
      facts.push({ roundId: round.id, dueOn: round.dueOn, recordedOn: r?.recordedOn ?? null, failed: r?.failed ?? null });
    }
  }
  const groups = [...byUnit].map(([unitId, facts]) => ({
    unitId,
    label: scope.units.get(unitId)?.name ?? unitId,
    ...inspectionCoverage(facts, addDays(to, 1) < today ? addDays(to, 1) : today),
  }));
  groups.sort((a, b) => (b.coverageRate ?? -1) - (a.coverageRate ?? -1) || a.label.localeCompare(b.label, 'zh'));
  const all = [...byUnit.values()].flat();
  return { from, to, total: inspectionCoverage(all, addDays(to, 1) < today ? addDays(to, 1) : today), groups };
}
