import { CodedError } from '../../domain/errors.js';
import type { Item } from '../../domain/item.js';
import type { LedgerType } from '../../domain/ledger-types/index.js';
import { decide } from '../../domain/loop/index.js';
import type { TransactionContext } from '../../store/index.js';
import type { ActorRef, AppDeps } from '../context.js';
import { AppError } from '../errors.js';
import { createItemInTransaction } from '../items/create.js';
import { withDefaultDeadline } from '../items/deadlines.js';
import { fold } from '../items/events.js';
import { actingScope, type ActingScope } from '../items/load.js';
import { performInTransaction } from '../items/perform.js';
import { activeLedgerType, ledgerTypesOf } from '../ledger-types/cache.js';
import { calendarOf } from '../calendar/tenant-calendar.js';
import { localDay } from '../../domain/metrics/scoring.js';
import { headerOf, sheetColumns, type SheetContext } from './columns.js';
import { unmaskedByItem } from './masking.js';
import { assignmentChanged, bindColumns, changedHeaders, planRow, unitResolver, type BoundColumn, type RowError, type RowPlan } from './plan.js';
import { stepActions, type RowAction } from './preview.js';
import { assignColumns, assignData, stepsFor, type RowStep } from './steps.js';
import { readSheet } from './read-sheet.js';
import { itemVisible } from '../visibility.js';

/*
 * 导入: a sheet of a ledger type (the template, or an exported and edited ledger) → items. A row without a
 * record number creates an item (and assigns it when a lead unit is given); a row with one changes that item
 * when the version it was exported at is still the item's, by the actions a person would take (steps.ts): a
 * draft is edited and assigned; an item at work is corrected (修改), moved (转办) or given the later deadline its
 * lead unit asked for (批准延期). Every step goes through the loop's own decision as the importing user, so
 * every rule applies; a dry run stops there and says, cell by cell, what the commit would do (preview.ts). A
 * row's steps are written together or not at all; a commit writes all rows or none (`all`, the default) or the
 * valid rows only (`valid`), each in its own transaction.
 */

export type ImportMode = 'all' | 'valid';

export interface ImportOptions {
  readonly ledgerType: string;
  readonly dryRun?: boolean;
  readonly mode?: ImportMode;
  /** Called after each row is checked and after each is written: (done, total, phase). */
  readonly onProgress?: (done: number, total: number, phase: 'check' | 'write') => void;
}

export interface RowOutcome {
  readonly row: number;
  readonly action: 'create' | 'update' | 'unchanged' | 'refused';
  readonly number: string | null;
  /** Headers of the columns the row changes (updates). */
  readonly changes: readonly string[];
  /** What the commit does for the row, cell by cell (empty for refused and unchanged rows). */
  readonly actions: readonly RowAction[];
}

export interface ImportResult {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly errors: readonly RowError[];
  /** Whether anything was written (false for a dry run, or when `all` found a refused row). */
  readonly written: boolean;
  readonly rows: readonly RowOutcome[];
}

/** A row checked: what it will do, as the commands the loop has already accepted in a dry decision. */
interface CheckedRow {
  readonly plan: RowPlan;
  readonly item: Item | null;
  readonly create: Record<string, unknown> | null;
  /** The loop's actions on the item, in order (after its creation for a new row). */
  readonly steps: readonly RowStep[];
  readonly changes: string[];
  readonly actions: RowAction[];
}

/** The column a refusal of the loop points at, by the rule that refused and the step it refused. */
function columnOf(e: CodedError, bound: readonly BoundColumn[], step: RowStep | null): string {
  const h = (key: string) => bound.find((b) => b.column.key === key)?.header ?? '';
  const issues = (e.details?.issues as { path?: string }[] | undefined) ?? [];
  const path = issues[0]?.path ?? '';
  const field = /fields\.([A-Za-z0-9]+)/.exec(path)?.[1] ?? (typeof e.details?.field === 'string' ? e.details.field : undefined);
  if (field) return h(`field:${field}`);
  if (/title/.test(path)) return h('title');
  if (e.code === 'deadline_in_past' || /deadline|cadence/.test(path)) return h('deadline');
  return step ? h(step.columns[0] ?? '') : '';
}

const rowError = (row: number, column: string, e: CodedError): RowError => ({ row, column, code: e.code, message: e.messageZh, messageEn: e.message });

/** What the check of a row needs besides the row: who acts, the type, the sheet's columns and words. */
interface CheckContext {
  readonly type: LedgerType;
  readonly scope: ActingScope;
  readonly bound: readonly BoundColumn[];
  readonly sheet: SheetContext;
  readonly deps: AppDeps;
}

/** Checks one planned row against the loop without writing: the same decide the commit runs, step by step. */
function checkRow(plan: RowPlan, item: Item | null, c: CheckContext): CheckedRow | RowError[] {
  const { type, scope, bound, deps } = c;
  // A cell still holding the masked form of the item's text (an export of a masking type) is that text.
  const v = unmaskedByItem(item, type, plan.values);
  const calendar = calendarOf(deps, scope.tenantId);
  const ctx = { ...scope.ctx, ledgerType: type, calendar };
  const header = (key: string) => bound.find((b) => b.column.key === key)?.header ?? '';
  const fail = (column: string, code: string, zh: string, en: string): RowError[] => [{ row: plan.row, column, code, message: zh, messageEn: en }];
  let current: Item | null = item;
  let create: Record<string, unknown> | null = null;
  let steps: RowStep[];
  const actions: RowAction[] = [];
  const changes = item ? changedHeaders(item, v, bound) : [];
  let step: RowStep | null = null;
  try {
    if (!item) {
      if (!v.title) return fail(header('title'), 'required', '事项名称必填', 'The title is required');
      create = {
        title: v.title,
        content: v.content ?? '',
        priority: v.priority ?? 'normal',
        fields: Object.fromEntries(Object.entries(v.fields).filter(([, x]) => x !== null)),
        source: { kind: 'import', reference: `row ${plan.row}` },
      };
      const events = decide(
        null,
        { type: 'CreateItem', itemId: 'import-check', data: { tenantId: scope.tenantId, ledgerType: type.key, number: '—', ownerUnitId: scope.actor.unitId, ...create } },
        ctx,
      );
      current = fold(null, events);
      actions.push(...stepActions('create', ['title'], null, current, bound, c.sheet));
      steps = assignmentChanged(null, v) ? [{ kind: 'assign', command: { type: 'AssignItem', data: assignData(v) }, columns: assignColumns(v) }] : [];
    } else {
      if (plan.version !== item.version && changes.length) {
        return fail(
          header('recordVersion'),
          'version_conflict',
          `事项 ${item.number} 在导出后已被修改(导出时第 ${plan.version ?? '?'} 版，现为第 ${item.version} 版)，请重新导出后再改`,
          `Item ${item.number} changed since the export (version ${plan.version ?? '?'} then, ${item.version} now); export again and redo the edit`,
        );
      }
      // A row that matches its item asks nothing, whatever the item's state.
      const planned = changes.length ? stepsFor(item, v, plan.row) : [];
      if (!Array.isArray(planned)) return fail(planned.column === null ? (changes[0] ?? '') : header(planned.column), 'not_editable', planned.zh, planned.en);
      steps = planned;
    }
    const decided: RowStep[] = [];
    for (const s of steps) {
      step = s;
      const command =
        s.command.type === 'AssignItem'
          ? (withDefaultDeadline({ type: 'AssignItem', itemId: current!.id, data: s.command.data }, type, scope.ctx.now, scope.ctx.timeZone, calendar) as RowStep['command'])
          : s.command;
      const before = current!;
      current = fold(before, decide(before, { ...command, itemId: before.id }, ctx));
      actions.push(...stepActions(s.kind, s.columns, item ? before : null, current, bound, c.sheet));
      decided.push({ ...s, command: { type: command.type, data: command.data } });
    }
    steps = decided;
  } catch (e) {
    if (e instanceof CodedError) return [rowError(plan.row, columnOf(e, bound, step), e)];
    throw e;
  }
  return { plan, item, create, steps, changes, actions };
}

/** Writes one checked row inside the caller's transaction: the same use cases the API and CLI run, step by step. */
async function writeRow(deps: AppDeps, tx: TransactionContext, scope: ActingScope, type: LedgerType, r: CheckedRow): Promise<void> {
  let item: Item;
  if (r.create) {
    item = (await createItemInTransaction(deps, tx, scope, { ledgerType: type.key, ...(r.create as { title: string }) })).item;
  } else {
    const stored = await tx.items.get(scope.tenantId, r.item!.id);
    if (!stored) throw new AppError('item_not_found', `No item ${r.item!.number}.`, `未找到事项 ${r.item!.number}。`);
    item = stored;
  }
  for (const [n, s] of r.steps.entries()) {
    // The first change of an existing item must find it at the version exported: anyone acting since wins.
    const expectedVersion = n === 0 && !r.create ? (r.plan.version ?? undefined) : item.version;
    item = (await performInTransaction(deps, tx, scope, item, { ...s.command, expectedVersion })).item;
  }
}

/**
 * Imports a sheet into a ledger type as the actor (a supervisor), or only checks it (`dryRun`).
 * @throws AppError `import_too_large`, `import_unreadable`; DomainError `ledger_type_not_found`,
 *   `ledger_type_disabled`. Row problems are not thrown: they are the result's `errors`.
 */
export async function importItems(deps: AppDeps, ref: ActorRef, bytes: Buffer, o: ImportOptions): Promise<ImportResult> {
  const scope = await actingScope(deps, deps.store.read, ref);
  const type = activeLedgerType(deps, scope.tenantId, o.ledgerType);
  const columns = sheetColumns(type, ledgerTypesOf(deps, scope.tenantId).all);
  const title = columns.find((c) => c.key === 'title')!;
  const sheet = await readSheet(bytes, [headerOf(title, 'zh'), headerOf(title, 'en')]);
  const bound = bindColumns(sheet.headers, columns);
  const unit = unitResolver(scope.ctx.units);
  // The preview speaks the sheet's language: its values are the sheet's words (labels, unit names).
  const lang = bound.find((b) => b.column.key === 'title')?.header === headerOf(title, 'en') ? 'en' : 'zh';
  const sheetCtx: SheetContext = {
    lang,
    unitName: (id) => (id === null ? '' : (scope.ctx.units.get(id)?.name ?? id)),
    typeName: (key) => key,
    today: localDay(scope.ctx.now, scope.ctx.timeZone),
    timeZone: scope.ctx.timeZone,
  };
  const check: CheckContext = { type, scope, bound, sheet: sheetCtx, deps };
  const plans = sheet.rows.map((r) => planRow(r.row, r.cells, bound, type, unit));
  const numbers = plans.map((p) => p.number).filter((n): n is string => n !== null);
  const existing = new Map((await deps.store.read.items.getByNumbers(scope.tenantId, type.key, numbers)).map((i) => [i.number, i]));
  const errors: RowError[] = [];
  const checked: CheckedRow[] = [];
  const outcomes: RowOutcome[] = [];
  const seen = new Set<string>();
  plans.forEach((plan, n) => {
    o.onProgress?.(n + 1, plans.length, 'check');
    if (plan.errors.length) {
      errors.push(...plan.errors);
      outcomes.push({ row: plan.row, action: 'refused', number: plan.number, changes: [], actions: [] });
      return;
    }
    const numberHeader = bound.find((b) => b.column.key === 'recordNumber')?.header ?? '';
    let item: Item | null = null;
    if (plan.number !== null) {
      item = existing.get(plan.number) ?? null;
      const problem = !item || !itemVisible(item, scope.visible) ? 'item_not_found' : seen.has(plan.number) ? 'duplicate_row' : null;
      if (problem) {
        errors.push(
          problem === 'item_not_found'
            ? { row: plan.row, column: numberHeader, code: problem, message: `未找到事项 ${plan.number}(或无权查看)`, messageEn: `No item ${plan.number} that you may see` }
            : { row: plan.row, column: numberHeader, code: problem, message: `事项 ${plan.number} 在表中出现多次`, messageEn: `Item ${plan.number} appears on more than one row` },
        );
        outcomes.push({ row: plan.row, action: 'refused', number: plan.number, changes: [], actions: [] });
        return;
      }
      seen.add(plan.number);
    }
    const r = checkRow(plan, item, check);
    if (Array.isArray(r)) {
      errors.push(...r);
      outcomes.push({ row: plan.row, action: 'refused', number: plan.number, changes: [], actions: [] });
      return;
    }
    const action = r.create ? 'create' : r.steps.length ? 'update' : 'unchanged';
    outcomes.push({ row: plan.row, action, number: plan.number, changes: r.changes, actions: r.actions });
    if (action !== 'unchanged') checked.push(r);
  });
  const counts = {
    created: checked.filter((r) => r.create).length,
    updated: checked.filter((r) => !r.create).length,
    unchanged: outcomes.filter((x) => x.action === 'unchanged').length,
  };
  const mode = o.mode ?? 'all';
  if (o.dryRun) return { ...counts, errors, written: false, rows: outcomes };
  if (checked.length === 0 || (mode === 'all' && errors.length)) {
    return { created: 0, updated: 0, unchanged: counts.unchanged, errors, written: false, rows: outcomes };
  }
  if (mode === 'all') {
    // One transaction for the whole sheet: a row refused at write time (someone acted meanwhile) undoes all.
    let writing: CheckedRow | null = null;
    try {
      await deps.store.transaction(async (tx) => {
        const inTx = await actingScope(deps, tx, ref);
        for (const [n, r] of checked.entries()) {
          writing = r;
          await writeRow(deps, tx, inTx, type, r);
          o.onProgress?.(n + 1, checked.length, 'write');
        }
      });
    } catch (e) {
      if (!(e instanceof CodedError)) throw e;
      const row = (writing as CheckedRow | null)?.plan.row ?? 0;
      return { created: 0, updated: 0, unchanged: counts.unchanged, errors: [rowError(row, '', e)], written: false, rows: outcomes };
    }
    return { ...counts, errors, written: true, rows: outcomes };
  }
  let created = 0;
  let updated = 0;
  for (const [n, r] of checked.entries()) {
    try {
      await deps.store.transaction(async (tx) => writeRow(deps, tx, await actingScope(deps, tx, ref), type, r));
      if (r.create) created++;
      else updated++;
    } catch (e) {
      if (!(e instanceof CodedError)) throw e;
      errors.push(rowError(r.plan.row, '', e));
      const at = outcomes.findIndex((x) => x.row === r.plan.row);
      outcomes[at] = { ...outcomes[at]!, action: 'refused', actions: [] };
    }
    o.onProgress?.(n + 1, checked.length, 'write');
  }
  return { created, updated, unchanged: counts.unchanged, errors, written: created + updated > 0, rows: outcomes };
}
