import { DomainError, type DomainErrorCode } from '../errors.js';
import type { Item } from '../item.js';
import type { Command, CommandType } from './commands.js';
import type { DecideContext } from './context.js';
import { decideCommand } from './decide.js';

/** Actions on an existing item, in the order a page shows them. */
export const ITEM_ACTIONS = [
  'EditDraft',
  'EditItem',
  'AssignItem',
  'AcceptItem',
  'ReturnItem',
  'ReportProgress',
  'ReportAsCoUnit',
  'RequestExtension',
  'ApproveExtension',
  'DenyExtension',
  'RequestClosure',
  'PassStage',
  'RejectClosure',
  'ReopenItem',
  'ConfirmRecheck',
  'CancelItem',
  'UrgeItem',
  'GiveInstruction',
  'TransferItem',
  'EscalateItem',
  'RequestReturn',
  'DecideReturn',
  'ListItem',
  'UnlistItem',
] as const satisfies readonly Exclude<CommandType, 'CreateItem'>[];
export type ItemAction = (typeof ITEM_ACTIONS)[number];

/** Refusals that mean "not now, not by you"; any other refusal of a probe is about its sample data. */
const UNAVAILABLE: ReadonlySet<DomainErrorCode> = new Set([
  'forbidden',
  'invalid_transition',
  'deadline_passed',
  'extension_pending',
  'no_pending_extension',
  'notice_period_running',
]);

/**
 * A well-formed command of each kind with sample data, already in parsed form (defaults filled), so the
 * probes skip the schema parse; the types make a change to a command's shape a compile error here.
 */
function probe(item: Item, type: ItemAction): Command {
  const itemId = item.id;
  const reason = '—';
  switch (type) {
    case 'EditDraft':
    case 'EditItem':
      return { type, itemId, data: { title: item.title } };
    case 'AssignItem':
      return { type, itemId, data: { leadUnitId: item.leadUnitId ?? item.ownerUnitId, coUnitIds: [], deadline: null, cadence: 'monthly', contacts: {} } };
    case 'AcceptItem':
    case 'ApproveExtension':
    case 'PassStage':
      return { type, itemId, data: {} };
    case 'UrgeItem':
      return { type, itemId, data: { kind: 'urge', automatic: false } };
    case 'ReturnItem':
    case 'DenyExtension':
    case 'RejectClosure':
    case 'ReopenItem':
    case 'CancelItem':
      return { type, itemId, data: { reason } };
    case 'ReportProgress':
      return { type, itemId, data: { text: '—', percent: item.progress, evidence: [] } };
    case 'ReportAsCoUnit':
      return { type, itemId, data: { text: '—', evidence: [] } };
    case 'GiveInstruction':
      return { type, itemId, data: { text: '—' } };
    case 'ConfirmRecheck':
      return { type, itemId, data: { note: '—', evidence: [] } };
    case 'RequestExtension':
      return { type, itemId, data: { deadline: '9999-12-31', reason } };
    case 'RequestClosure':
      return { type, itemId, data: { summary: '—', evidence: ['—'], fields: {} } };
    case 'TransferItem':
      // Another unit than the lead: the owner itself always lies in the item's area.
      return { type, itemId, data: { leadUnitId: item.ownerUnitId === item.leadUnitId ? '—' : item.ownerUnitId, reason } };
    case 'EscalateItem':
    case 'RequestReturn':
      return { type, itemId, data: { reason } };
    case 'DecideReturn':
      return { type, itemId, data: { approve: true } };
    case 'ListItem':
      return { type, itemId, data: { level: 'district', reason } };
    case 'UnlistItem':
      return { type, itemId, data: {} };
    default: {
      const never: never = type;
      throw new Error(`no probe for ${String(never)}`);
    }
  }
}

/**
 * The actions this actor may take on the item now (DESIGN.md: the server says what a user may do; the UI
 * only enables or disables). Each action is tried with sample data through `decide` itself, so the answer
 * follows the same guards as the action and can never drift from them; a refusal that concerns only the
 * sample data (a bad date, a missing closure field) still counts as available.
 */
export function availableActions(item: Item, ctx: DecideContext): ItemAction[] {
  return ITEM_ACTIONS.filter((type) => {
    try {
      decideCommand(item, probe(item, type), ctx);
      return true;
    } catch (e) {
      if (e instanceof DomainError) return !UNAVAILABLE.has(e.code);
      throw e;
    }
  });
}
