import { DomainError } from '../../domain/errors.js';
import { planRounds } from '../../domain/inspection/index.js';
import type { LocalDate } from '../../domain/ids.js';
import { hasRole } from '../../domain/roles.js';
import { addDays, toLocalDate } from '../../domain/time.js';
import type { ActorRef, AppDeps } from '../context.js';
import { calendarOf } from '../calendar/tenant-calendar.js';
import { actingScope } from '../items/load.js';

/*
 * 巡查轮次到期: when a period's rounds of an inspection plan open, the inspecting unit is told once — an
 * `InspectionRoundDue` event on the chain (no item: a round is not one), which the notification rules send to
 * the unit's inspectors like any item's event. The day job runs this once a day on one node (its claimed row);
 * the events already written are read first, so a second run, or a day the job missed, tells nobody twice.
 */

export const INSPECTION_ROUND_DUE = 'InspectionRoundDue';

/** What one period's opening told: the plan, its inspecting unit, the period and how many places wait. */
export interface RoundDueNotice {
  readonly planId: string;
  readonly planTitle: string;
  readonly unitId: string;
  readonly period: LocalDate;
  readonly opensOn: LocalDate;
  readonly dueOn: LocalDate;
  readonly places: number;
}

/** How far ahead a period's due day may lie from its opening (a month's round opens on its first day). */
const LOOK_AHEAD_DAYS = 45;

/**
 * Writes an InspectionRoundDue event for each period of the plans the acting supervisor sees whose rounds are
 * open today (opened, not yet due, some place not recorded) and were not told before.
 * @throws AppError `user_not_found`, `user_disabled`; DomainError `forbidden` unless the actor is a supervisor.
 */
export async function remindInspectionRounds(deps: AppDeps, ref: ActorRef): Promise<RoundDueNotice[]> {
  const read = deps.store.read;
  const scope = await actingScope(deps, read, ref);
  if (!hasRole(scope.actor, 'supervisor')) throw new DomainError('forbidden', 'Only a supervisor runs the reminders.', '只有督办员可以执行提醒任务。');
  const today = toLocalDate(scope.ctx.now, scope.ctx.timeZone);
  const plans = await read.inspections.listPlans(ref.tenantId, [...scope.visible]);
  if (plans.length === 0) return [];
  const calendar = calendarOf(deps, ref.tenantId);
  const recorded = new Set(
    (
      await read.inspections.listRounds(
        ref.tenantId,
        plans.map((p) => p.id),
        today,
        addDays(today, LOOK_AHEAD_DAYS),
      )
    ).map((r) => r.roundId),
  );
  // A round open today opened at most LOOK_AHEAD_DAYS ago, so its notice, if any, was written since then.
  const since = new Date(Date.parse(scope.ctx.now) - (LOOK_AHEAD_DAYS + 1) * 86_400_000).toISOString();
  const told = new Set((await read.events.listByTypes(ref.tenantId, [INSPECTION_ROUND_DUE], since)).map((e) => `${String(e.payload.planId)}|${String(e.payload.period)}`));
  const notices: RoundDueNotice[] = [];
  for (const plan of plans) {
    const byPeriod = new Map<LocalDate, RoundDueNotice>();
    for (const round of planRounds(plan, calendar, today, addDays(today, LOOK_AHEAD_DAYS))) {
      if (round.opensOn > today || recorded.has(round.id) || told.has(`${plan.id}|${round.period}`)) continue;
      const had = byPeriod.get(round.period);
      byPeriod.set(round.period, {
        planId: plan.id,
        planTitle: plan.title,
        unitId: plan.unitId,
        period: round.period,
        opensOn: round.opensOn,
        dueOn: round.dueOn,
        places: (had?.places ?? 0) + 1,
      });
    }
    notices.push(...byPeriod.values());
  }
  if (notices.length === 0) return [];
  const at = scope.ctx.now;
  await deps.store.transaction((tx) =>
    tx.appendEvents(
      ref.tenantId,
      notices.map((n) => ({ itemId: null, type: INSPECTION_ROUND_DUE, actorUserId: scope.actor.userId, actorUnitId: scope.actor.unitId, at, payload: { ...n } })),
    ),
  );
  return notices;
}
