import { DomainError } from '../../domain/errors.js';
import { StoreError } from '../../store/index.js';
import type { ActorRef, AppDeps } from '../context.js';
import { AppError } from '../errors.js';
import type { Evaluated } from './detect.js';
import { AlarmAlreadyOpen, openAlarmItem } from './open-item.js';

const isCoded = (e: unknown): e is DomainError | AppError | StoreError => e instanceof DomainError || e instanceof AppError || e instanceof StoreError;

/** Marks a report line with the item its period already has. */
async function markOpen(deps: AppDeps, ref: ActorRef, e: Evaluated, itemId: string, unitId: string): Promise<void> {
  const item = await deps.store.read.items.get(ref.tenantId, itemId);
  e.report.status = 'alarm_open';
  e.report.item = { id: itemId, number: item?.number ?? '', unitId };
}

/**
 * Opens an item for every alarm whose detection has none yet, one transaction per alarm so that one refused
 * alarm (a unit outside the supervisor's area) neither blocks nor undoes the others. Updates the report lines.
 */
export async function openAlarms(deps: AppDeps, ref: ActorRef, evaluated: readonly Evaluated[]): Promise<void> {
  for (const e of evaluated) {
    const ev = e.evaluation;
    if (!ev || ev.outcome !== 'alarm') continue;
    const stored = await deps.store.read.signals.detections.get(ref.tenantId, ev);
    if (stored?.itemId && stored.unitId) {
      await markOpen(deps, ref, e, stored.itemId, stored.unitId);
      continue;
    }
    if (ev.observed === null || ev.threshold === null) {
      e.report.status = 'error';
      e.report.problem = { code: 'invalid_series', message: 'an alarm without an observed value or threshold', messageZh: '报警缺少观测值或阈值' };
      continue;
    }
    const alarm = {
      indicator: e.indicator,
      region: e.region,
      leadUnitId: e.leadUnitId,
      period: ev.period,
      count: e.report.count,
      observed: ev.observed,
      threshold: ev.threshold,
      expected: ev.expected,
    };
    try {
      const item = await deps.store.transaction((tx) => openAlarmItem(deps, tx, ref, alarm));
      e.report.item = { id: item.id, number: item.number, unitId: e.leadUnitId };
    } catch (err) {
      if (err instanceof AlarmAlreadyOpen) {
        const now = await deps.store.read.signals.detections.get(ref.tenantId, ev);
        if (now?.itemId && now.unitId) await markOpen(deps, ref, e, now.itemId, now.unitId);
        continue;
      }
      if (!isCoded(err)) throw err;
      e.report.status = 'error';
      e.report.problem = { code: err.code, message: err.message, messageZh: err.messageZh };
    }
  }
}
