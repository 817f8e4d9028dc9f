import type { Item } from '../../domain/item.js';
import { assignmentChanged, editPatch, same, type RowValues } from './plan.js';

/*
 * The actions of the loop a row of an existing item asks for, one per kind of change, each the command a person
 * would send by hand: a draft is edited (EditDraft) and assigned (AssignItem); an item at work is corrected
 * (EditItem), moved to another lead unit (TransferItem, carrying a new deadline or co-units with it) or given a
 * later deadline by approving the extension its lead unit asked for (ApproveExtension). A change the loop has no
 * action for in the item's state is refused here, naming its column; the loop itself decides every step. Pure.
 */

export type StepKind = 'edit' | 'assign' | 'transfer' | 'extension';

export interface RowStep {
  readonly kind: StepKind;
  /** The loop's command, without its item id. */
  readonly command: { readonly type: string; readonly data: Record<string, unknown> };
  /** Keys of the columns whose cells the command carries. */
  readonly columns: readonly string[];
}

/** A change no action of the loop makes for this item: the column it sits in and why, in both languages. */
export interface StepRefusal {
  /** The column's key; null for the row's first changed column. */
  readonly column: string | null;
  readonly zh: string;
  readonly en: string;
}

const STATUS_ZH = { closed: '已办结', cancelled: '已撤销' } as const;

/** Column keys of an edit patch: title, content, priority and each field. */
const patchColumns = (patch: Record<string, unknown>): string[] =>
  Object.entries(patch).flatMap(([k, v]) => (k === 'fields' ? Object.keys(v as object).map((f) => `field:${f}`) : [k]));

/** The steps for a draft: its edit, then its assignment when the row gives one that differs. */
function draftSteps(item: Item, v: RowValues): RowStep[] | StepRefusal {
  const steps: RowStep[] = [];
  const patch = editPatch(item, v);
  if (patch) steps.push({ kind: 'edit', command: { type: 'EditDraft', data: patch }, columns: patchColumns(patch) });
  if (assignmentChanged(item, v)) {
    if (!v.leadUnitId) return { column: 'leadUnit', zh: '交办须填写牵头单位', en: 'An assignment needs a lead unit' };
    steps.push({ kind: 'assign', command: { type: 'AssignItem', data: assignData(v) }, columns: assignColumns(v) });
  }
  return steps;
}

/** The AssignItem data of a row (the ledger type's default deadline is filled in by the caller). */
export const assignData = (v: RowValues): Record<string, unknown> => ({
  leadUnitId: v.leadUnitId,
  coUnitIds: v.coUnitIds ?? [],
  deadline: v.deadline ?? null,
  cadence: v.cadence ?? null,
});

/** The assignment columns a new assignment fills. */
export const assignColumns = (v: RowValues): string[] =>
  [
    ['leadUnit', v.leadUnitId],
    ['coUnits', v.coUnitIds?.length ? v.coUnitIds : null],
    ['deadline', v.deadline],
    ['cadence', v.cadence],
  ]
    .filter(([, x]) => x !== undefined && x !== null)
    .map(([k]) => k as string);

/** The steps for an item at work (assigned, in progress, or in a closure stage, where the loop refuses them). */
function workSteps(item: Item, v: RowValues, row: number): RowStep[] | StepRefusal {
  const steps: RowStep[] = [];
  const patch = editPatch(item, v);
  if (patch) steps.push({ kind: 'edit', command: { type: 'EditItem', data: patch }, columns: patchColumns(patch) });
  const lead = v.leadUnitId !== undefined && v.leadUnitId !== item.leadUnitId;
  const co = v.coUnitIds !== undefined && !same([...v.coUnitIds].sort(), [...item.coUnitIds].sort());
  const deadline = v.deadline !== undefined && v.deadline !== item.currentDeadline;
  if (v.cadence !== undefined && v.cadence !== item.cadence) {
    return { column: 'cadence', zh: '已交办事项的反馈周期不能通过导入修改', en: 'The report cadence of an assigned item cannot be changed by import' };
  }
  if (deadline && v.deadline === null) {
    return { column: 'deadline', zh: '已交办事项不能清空办理时限', en: 'The deadline of an assigned item cannot be removed' };
  }
  if (lead) {
    if (!v.leadUnitId) {
      return { column: 'leadUnit', zh: '已交办事项不能清空牵头单位；收回请用撤销', en: 'The lead unit of an assigned item cannot be removed; cancel the item instead' };
    }
    const data = {
      leadUnitId: v.leadUnitId,
      ...(co && { coUnitIds: v.coUnitIds }),
      ...(deadline && { deadline: v.deadline }),
      reason: `经 Excel 导入转办(表中第 ${row} 行)`,
    };
    steps.push({ kind: 'transfer', command: { type: 'TransferItem', data }, columns: ['leadUnit', ...(co ? ['coUnits'] : []), ...(deadline ? ['deadline'] : [])] });
    return steps;
  }
  if (co) {
    return { column: 'coUnits', zh: '已交办事项的配合单位只能随转办(改牵头单位)一并调整', en: 'The co-units of an assigned item change only with a transfer to a new lead unit' };
  }
  if (deadline) {
    const asked = item.pendingExtension;
    if (!asked || item.currentDeadline === null || v.deadline! <= item.currentDeadline) {
      return {
        column: 'deadline',
        zh: '已交办事项的办理时限不能直接修改：由牵头单位申请延期、审批后调整，或随转办重新确定',
        en: 'The deadline of an assigned item is not edited directly: it moves when an extension the lead unit asks for is approved, or with a transfer',
      };
    }
    steps.push({ kind: 'extension', command: { type: 'ApproveExtension', data: { deadline: v.deadline, note: `经 Excel 导入批准(表中第 ${row} 行)` } }, columns: ['deadline'] });
  }
  return steps;
}

/**
 * The steps a row asks of an existing item, in the order they are taken, or the refusal of a change the loop
 * has no action for. Closed and cancelled items take none.
 */
export function stepsFor(item: Item, v: RowValues, row: number): RowStep[] | StepRefusal {
  if (item.status === 'draft') return draftSteps(item, v);
  if (item.status === 'closed' || item.status === 'cancelled') {
    const en = item.status === 'closed' ? 'closed' : 'cancelled';
    return { column: null, zh: `${STATUS_ZH[item.status]}事项不能通过导入修改(${item.number})`, en: `Item ${item.number} is ${en}; import cannot change it` };
  }
  return workSteps(item, v, row);
}
