import { DomainError, type DomainErrorCode } from '../errors.js';
import type { Item } from '../item.js';
import type { CommandType } from './commands.js';
import type { DecideContext } from './context.js';
import { decide } from './decide.js';

/** Actions on an existing item, in the order a page shows them. */
export const ITEM_ACTIONS = [
  'EditDraft',
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
  'CancelItem',
  'UrgeItem',
  'GiveInstruction',
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

function probe(item: Item, type: ItemAction): Record<string, unknown> {
  const reason = { reason: '—' };
  switch (type) {
    case 'EditDraft':
      return { title: item.title };
    case 'AssignItem':
      return { leadUnitId: item.leadUnitId ?? item.ownerUnitId, deadline: null, cadence: 'monthly' };
    case 'AcceptItem':
    case 'ApproveExtension':
    case 'PassStage':
    case 'UrgeItem':
      return {};
    case 'ReturnItem':
    case 'DenyExtension':
    case 'RejectClosure':
    case 'ReopenItem':
    case 'CancelItem':
      return reason;
    case 'ReportProgress':
      return { text: '—', percent: item.progress };
    case 'ReportAsCoUnit':
    case 'GiveInstruction':
      return { text: '—' };
    case 'RequestExtension':
      return { deadline: '9999-12-31', reason: '—' };
    case 'RequestClosure':
      return { summary: '—', evidence: ['—'] };
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
      decide(item, { type, itemId: item.id, data: probe(item, type) }, ctx);
      return true;
    } catch (e) {
      if (e instanceof DomainError) return !UNAVAILABLE.has(e.code);
      throw e;
    }
  });
}
