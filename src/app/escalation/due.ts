import { dueEscalation, dueReportUrge, type DueEscalation, type DueReportUrge, type EscalationTaken } from '../../domain/escalation.js';
import type { Instant } from '../../domain/ids.js';
import type { Item } from '../../domain/item.js';
import type { LedgerType } from '../../domain/ledger-types/index.js';
import type { EscalationKind } from '../../domain/warning-rules.js';
import type { StoredEvent } from '../../store/index.js';
import type { AppDeps } from '../context.js';
import { fromStored, isLoopEvent } from '../items/events.js';
import { calendarOf } from '../calendar/tenant-calendar.js';

/** The escalation steps an item has had: every 催办, 督办函 and 通报 in its record, by hand or automatic. */
export function stepsTaken(events: readonly StoredEvent[]): EscalationTaken[] {
  return events.flatMap((s) => {
    if (s.type !== 'ItemUrged' || !isLoopEvent(s)) return [];
    const e = fromStored(s);
    return e.type === 'ItemUrged' ? [{ kind: e.data.kind, at: e.at }] : [];
  });
}

/** The step of the item's ledger-type ladder due at `now` given its record, or null (see dueEscalation). */
export function stepDue(deps: AppDeps, item: Item, type: LedgerType, events: readonly StoredEvent[], now: Instant, timeZone: string): DueEscalation | null {
  return dueEscalation(item, now, stepsTaken(events), type.warningRules, calendarOf(deps, item.tenantId), timeZone);
}

/** The 定期报送 lapse to urge at `now` given its record, or null (see dueReportUrge). */
export function reportUrgeDue(deps: AppDeps, item: Item, type: LedgerType, events: readonly StoredEvent[], now: Instant, timeZone: string): DueReportUrge | null {
  return dueReportUrge(item, now, stepsTaken(events), type.warningRules, calendarOf(deps, item.tenantId), timeZone);
}

/** The note of an automatic 催办 of a lapsed report. */
export function reportNote(dueOn: string): string {
  return `系统自动催办：定期报送应于 ${dueOn} 前反馈进展，至今未报送。(Automatic urge: the report due on ${dueOn} has not been made.)`;
}

const LABELS: Readonly<Record<EscalationKind, string>> = { urge: '催办', supervision_letter: '督办函', bulletin: '通报' };

/** The note an automatic step carries, read by the lead unit (Chinese first, like the rest of the product). */
export function automaticNote(kind: EscalationKind, item: Item): string {
  return `系统自动${LABELS[kind]}：办理期限 ${item.currentDeadline ?? ''} 已过，事项仍未办结。(Automatic ${kind.replace('_', ' ')}: the deadline has passed.)`;
}
