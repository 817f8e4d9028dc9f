import { DomainError } from '../../domain/errors.js';
import type { Instant, ItemId, LocalDate } from '../../domain/ids.js';
import type { Item } from '../../domain/item.js';
import { supervisorCovers } from '../../domain/loop/index.js';
import { hasRole } from '../../domain/roles.js';
import { addDays, toLocalDate } from '../../domain/time.js';
import type { EscalationKind } from '../../domain/warning-rules.js';
import { isCodedError } from '../../contracts/errors.js';
import type { TransactionContext } from '../../store/index.js';
import type { ActorRef, AppDeps } from '../context.js';
import { performInTransaction } from '../items/perform.js';
import { issueInTransaction, type ItemDocumentKind } from '../documents/item-documents.js';
import { actingScope, ledgerTypeOf, loadVisibleItem, type ActingScope } from '../items/load.js';
import { automaticNote, reportNote, reportUrgeDue, stepDue } from './due.js';

/** One step the sweep took. */
export interface SweepStep {
  readonly itemId: ItemId;
  readonly number: string;
  readonly kind: EscalationKind;
  readonly dueFrom: LocalDate;
}

/** An item the sweep could not escalate, with the reason (another action won the race, …). */
export interface SweepFailure {
  readonly itemId: ItemId;
  readonly code: string;
  readonly message: string;
}

export interface SweepReport {
  readonly at: Instant;
  readonly today: LocalDate;
  /** Overdue items that are still assigned or in progress, in the whole tenant. */
  readonly overdue: number;
  /** Of those, items whose owner the acting supervisor does not supervise (left to their own supervisors). */
  readonly outOfScope: number;
  /** Items in scope with no step due today (taken already, or the next one not due yet). */
  readonly notDue: number;
  readonly steps: readonly SweepStep[];
  readonly byKind: Readonly<Record<EscalationKind, number>>;
  /** 定期报送逾期: in-progress items urged because a report by their cadence lapsed. */
  readonly reportUrges: readonly ReportUrge[];
  readonly failures: readonly SweepFailure[];
}

/** An automatic 催办 of a lapsed report. */
export interface ReportUrge {
  readonly itemId: ItemId;
  readonly number: string;
  /** The day the report was due. */
  readonly dueOn: LocalDate;
}

/** Candidates per page: overdue open items are read in creation order, a page at a time. */
const PAGE = 500;

/** The document a rung of the ladder issues (the 通报 rung goes into the periodic bulletin instead). */
const DOCUMENT_OF_STEP: Readonly<Record<string, ItemDocumentKind | undefined>> = { urge: 'urge', supervision_letter: 'letter' };

/**
 * Takes the step due now for one item inside `tx`: the item and its record are read again there, so a step
 * taken meanwhile (by hand, or by a sweep on another node) is seen and not repeated; a concurrent change loses
 * on the item's version. Returns the step, or null.
 */
async function stepIn(deps: AppDeps, tx: TransactionContext, scope: ActingScope, itemId: ItemId): Promise<SweepStep | null> {
  const item = await loadVisibleItem(tx, scope, scope.tenantId, itemId);
  const type = ledgerTypeOf(deps, scope.tenantId, item.ledgerType);
  const due = stepDue(deps, item, type, await tx.events.listByItem(scope.tenantId, item.id), scope.ctx.now, scope.ctx.timeZone);
  if (!due) return null;
  const data = { kind: due.kind, automatic: true, note: automaticNote(due.kind, item) };
  const { item: urged } = await performInTransaction(deps, tx, scope, item, { type: 'UrgeItem', expectedVersion: item.version, data });
  // 催办 and 督办函 go out as numbered documents, kept and linked from the timeline, in the step's transaction.
  const document = DOCUMENT_OF_STEP[due.kind];
  if (document) await issueInTransaction(deps, tx, scope, urged, document);
  return { itemId: item.id, number: item.number, kind: due.kind, dueFrom: due.dueFrom };
}

/** Items whose steps one transaction takes: a commit per item cost PostgreSQL most of a large sweep's time. */
const CHUNK = 25;

interface ChunkResult {
  readonly steps: SweepStep[];
  readonly notDue: number;
  readonly failures: SweepFailure[];
}

/**
 * Takes the steps of a chunk of items in one transaction — all or nothing. When one item is refused (another
 * action won the race, …) the chunk is rolled back and taken again one item per transaction, so the others still
 * get their step and the refusal is reported for that item alone.
 */
async function escalateChunk(deps: AppDeps, ref: ActorRef, ids: readonly ItemId[]): Promise<ChunkResult> {
  const inOne = (chunk: readonly ItemId[]) =>
    deps.store.transaction(async (tx) => {
      const scope = await actingScope(deps, tx, ref);
      const steps: SweepStep[] = [];
      let notDue = 0;
      for (const id of chunk) {
        const step = await stepIn(deps, tx, scope, id);
        if (step) steps.push(step);
        else notDue += 1;
      }
      return { steps, notDue, failures: [] };
    });
  try {
    return await inOne(ids);
  } catch (e) {
    if (!isCodedError(e)) throw e;
  }
  const steps: SweepStep[] = [];
  const failures: SweepFailure[] = [];
  let notDue = 0;
  for (const id of ids) {
    try {
      const r = await inOne([id]);
      steps.push(...r.steps);
      notDue += r.notDue;
    } catch (e) {
      if (!isCodedError(e)) throw e;
      failures.push({ itemId: id, code: e.code, message: e.message });
    }
  }
  return { steps, notDue, failures };
}

/** Urges a lapsed report in one transaction, read again inside it like stepIn. Returns the urge, or null. */
async function urgeReport(deps: AppDeps, ref: ActorRef, itemId: ItemId): Promise<ReportUrge | null> {
  return deps.store.transaction(async (tx) => {
    const scope = await actingScope(deps, tx, ref);
    const item = await loadVisibleItem(tx, scope, ref.tenantId, itemId);
    const type = ledgerTypeOf(deps, ref.tenantId, item.ledgerType);
    const due = reportUrgeDue(deps, item, type, await tx.events.listByItem(ref.tenantId, item.id), scope.ctx.now, scope.ctx.timeZone);
    if (!due) return null;
    const data = { kind: 'urge' as const, automatic: true, note: reportNote(due.dueOn) };
    await performInTransaction(deps, tx, scope, item, { type: 'UrgeItem', expectedVersion: item.version, data });
    return { itemId: item.id, number: item.number, dueOn: due.dueOn };
  });
}

/**
 * The report pass of the sweep: in-progress items with a cadence whose report lapsed (dueReportUrge), urged
 * once per lapse. Reads every in-progress item (the cadence is in the item, not a column); most have none.
 */
async function sweepReports(deps: AppDeps, ref: ActorRef, scope: ActingScope, failures: SweepFailure[]): Promise<ReportUrge[]> {
  const read = deps.store.read;
  const urges: ReportUrge[] = [];
  let after: string | null = null;
  do {
    const page = await read.items.list(ref.tenantId, { statuses: ['in_progress'] }, { order: 'created_asc', limit: PAGE, after });
    after = page.nextCursor;
    for (const item of page.items) {
      if (item.cadence === null || !supervised(scope, deps, item)) continue;
      const type = ledgerTypeOf(deps, ref.tenantId, item.ledgerType);
      // Without the record first: only a 催办 already taken can make a lapse not due.
      if (!reportUrgeDue(deps, item, type, [], scope.ctx.now, scope.ctx.timeZone)) continue;
      if (!reportUrgeDue(deps, item, type, await read.events.listByItem(ref.tenantId, item.id), scope.ctx.now, scope.ctx.timeZone)) continue;
      try {
        const urge = await urgeReport(deps, ref, item.id);
        if (urge) urges.push(urge);
      } catch (e) {
        if (!isCodedError(e)) throw e;
        failures.push({ itemId: item.id, code: e.code, message: e.message });
      }
    }
  } while (after !== null);
  return urges;
}

function supervised(scope: ActingScope, deps: AppDeps, item: Item): boolean {
  return supervisorCovers(scope.ctx, scope.actor.unitId, item.ownerUnitId);
}

/**
 * The escalation sweep (催办 → 督办函 → 通报): for every assigned or in-progress item past its current deadline
 * whose owner the acting supervisor supervises, asks `dueEscalation` which step of its ledger type's ladder
 * is due and, when one is that the item has not had (by hand or automatically), applies `UrgeItem {kind,
 * automatic: true}` through the loop, so the step is an event in the chain and reaches the unit by its
 * usual channels. Then 定期报送: an in-progress item whose report by its cadence lapsed gets an automatic 催办
 * (sweepReports). Safe to run twice or on two nodes at once: a step is taken once (see stepIn; steps are taken in chunks of
 * CHUNK items per transaction, one by one when a chunk is refused). One
 * item's failure is reported and does not stop the others.
 * @throws AppError `user_not_found`, `user_disabled`, `business_data_forbidden`; DomainError `forbidden`
 *   unless the actor is a supervisor.
 */
export async function sweepEscalations(deps: AppDeps, ref: ActorRef): Promise<SweepReport> {
  const read = deps.store.read;
  const scope = await actingScope(deps, read, ref);
  if (!hasRole(scope.actor, 'supervisor')) throw new DomainError('forbidden', 'Only a supervisor runs the escalation sweep.', '只有督办员可以执行逾期催办。');
  const today = toLocalDate(scope.ctx.now, scope.ctx.timeZone);
  const steps: SweepStep[] = [];
  const failures: SweepFailure[] = [];
  let overdue = 0;
  let outOfScope = 0;
  let notDue = 0;
  let after: string | null = null;
  const pending: ItemId[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    const r = await escalateChunk(deps, ref, pending.splice(0));
    steps.push(...r.steps);
    notDue += r.notDue;
    failures.push(...r.failures);
  };
  do {
    const page = await read.items.list(ref.tenantId, { statuses: ['assigned', 'in_progress'], deadlineTo: addDays(today, -1) }, { order: 'created_asc', limit: PAGE, after });
    after = page.nextCursor;
    for (const item of page.items) {
      overdue += 1;
      if (!supervised(scope, deps, item)) {
        outOfScope += 1;
        continue;
      }
      // A cheap look outside any transaction first: most overdue items have had today's step already.
      const type = ledgerTypeOf(deps, ref.tenantId, item.ledgerType);
      if (!stepDue(deps, item, type, await read.events.listByItem(ref.tenantId, item.id), scope.ctx.now, scope.ctx.timeZone)) {
        notDue += 1;
        continue;
      }
      pending.push(item.id);
      if (pending.length >= CHUNK) await flush();
    }
  } while (after !== null);
  await flush();
  const reportUrges = await sweepReports(deps, ref, scope, failures);
  const byKind: Record<EscalationKind, number> = { urge: 0, supervision_letter: 0, bulletin: 0 };
  for (const s of steps) byKind[s.kind] += 1;
  return { at: scope.ctx.now, today, overdue, outOfScope, notDue, steps, byKind, reportUrges, failures };
}
