import { planRounds, roundOf, type InspectionRound } from '../../domain/inspection/index.js';
import { addDays, toLocalDate } from '../../domain/time.js';
import type { LocalDate } from '../../domain/ids.js';
import type { RecordedRound, StoredInspectionPlan } from '../../store/index.js';
import type { AppDeps, ViewerRef } from '../context.js';
import { AppError } from '../errors.js';
import { viewingScope } from '../items/load.js';
import { calendarOf } from '../calendar/tenant-calendar.js';
import { loadVisiblePlan } from './plans.js';
import { parseRoundId } from '../../domain/inspection/rounds.js';

/**
 * Where a round stands on `today`: recorded (on time or late), open (opened, not yet due), overdue (due day
 * passed, not recorded) or upcoming (not opened yet).
 */
export type RoundStatus = 'recorded' | 'open' | 'overdue' | 'upcoming';

export interface RoundView extends InspectionRound {
  readonly planTitle: string;
  readonly unitId: string;
  readonly status: RoundStatus;
  readonly recorded: RecordedRound | null;
  readonly onTime: boolean | null;
}

export interface RoundsQuery {
  /** Rounds due on or after this day (default: 90 days before today). */
  readonly from?: LocalDate;
  /** Rounds due on or before this day (default: 31 days after today). */
  readonly to?: LocalDate;
  /** Only rounds in these states (default: all). */
  readonly status?: readonly RoundStatus[];
  readonly planId?: string;
}

/** How far back and ahead the desk looks by default: a quarter of overdue rounds, a month of coming ones. */
const BACK_DAYS = 90;
const AHEAD_DAYS = 31;
/** A window longer than this would compute tens of thousands of rounds per plan: ask for a shorter one. */
const MAX_WINDOW_DAYS = 800;

export const roundNotFound = (id: string): AppError =>
  new AppError('inspection_round_not_found', `No inspection round ${id} that you may see.`, `未找到检查轮次 ${id}(或无权查看)。`, { roundId: id });

export function roundStatus(round: InspectionRound, recorded: RecordedRound | undefined, today: LocalDate): RoundStatus {
  if (recorded) return 'recorded';
  if (round.opensOn > today) return 'upcoming';
  return round.dueOn < today ? 'overdue' : 'open';
}

export function viewOf(plan: StoredInspectionPlan, round: InspectionRound, recorded: RecordedRound | undefined, today: LocalDate): RoundView {
  return {
    ...round,
    planTitle: plan.title,
    unitId: plan.unitId,
    status: roundStatus(round, recorded, today),
    recorded: recorded ?? null,
    onTime: recorded ? recorded.recordedOn <= round.dueOn : null,
  };
}

/**
 * The rounds on the viewer's desk: every place of every plan they may see, per period due in the window, with
 * what was recorded. An inspector sees their unit's rounds; a supervisor those of their area.
 * @throws AppError `invalid_input` (a window backwards or too long); DomainError `validation_failed` (bad date).
 */
export async function listRounds(deps: AppDeps, viewer: ViewerRef, q: RoundsQuery = {}): Promise<RoundView[]> {
  const read = deps.store.read;
  const scope = await viewingScope(deps, read, viewer);
  const today = toLocalDate(scope.now, scope.timeZone);
  const from = q.from ?? addDays(today, -BACK_DAYS);
  const to = q.to ?? addDays(today, AHEAD_DAYS);
  if (to < from || Date.parse(to) - Date.parse(from) > MAX_WINDOW_DAYS * 86_400_000) {
    throw new AppError('invalid_input', `The window must run forwards and span at most ${MAX_WINDOW_DAYS} days.`, `查询区间须从早到晚且不超过 ${MAX_WINDOW_DAYS} 天。`, {
      from,
      to,
    });
  }
  const plans = q.planId
    ? [await loadVisiblePlan(read, scope, viewer.tenantId, q.planId)]
    : await read.inspections.listPlans(viewer.tenantId, scope.visible === null ? null : [...scope.visible]);
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
  const out: RoundView[] = [];
  for (const plan of plans) {
    for (const round of planRounds(plan, calendar, from, to)) {
      const view = viewOf(plan, round, recorded.get(round.id), today);
      if (!q.status || q.status.includes(view.status)) out.push(view);
    }
  }
  return out.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.planTitle.localeCompare(b.planTitle, 'zh') || a.placeNo - b.placeNo);
}

/**
 * One round the viewer may see, with its plan's checklist (what the record form asks) and its photos.
 * @throws AppError `inspection_round_not_found`.
 */
export async function showRound(deps: AppDeps, viewer: ViewerRef, roundId: string) {
  const read = deps.store.read;
  const scope = await viewingScope(deps, read, viewer);
  const { plan, round } = await loadRound(deps, read, scope, viewer.tenantId, roundId);
  const recorded = await read.inspections.getRound(viewer.tenantId, roundId);
  const photos = await read.inspections.listPhotos(viewer.tenantId, roundId);
  return { round: viewOf(plan, round, recorded, toLocalDate(scope.now, scope.timeZone)), checklist: plan.checklist, cadence: plan.cadence, photos };
}

/**
 * The plan and round a round id names, when the reader may see the plan.
 * @throws AppError `inspection_round_not_found` (no such round, or a plan outside the scope: never told apart).
 */
export async function loadRound(
  deps: AppDeps,
  ctx: Parameters<typeof loadVisiblePlan>[0],
  scope: Parameters<typeof loadVisiblePlan>[1],
  tenantId: string,
  roundId: string,
): Promise<{ plan: StoredInspectionPlan; round: InspectionRound }> {
  const parts = parseRoundId(roundId);
  if (!parts) throw roundNotFound(roundId);
  const plan = await loadVisiblePlan(ctx, scope, tenantId, parts.planId).catch((e: unknown) => {
    throw e instanceof AppError && e.code === 'inspection_plan_not_found' ? roundNotFound(roundId) : e;
  });
  const round = roundOf(plan, calendarOf(deps, tenantId), roundId);
  if (!round) throw roundNotFound(roundId);
  return { plan, round };
}
