import { CodedError } from '../../domain/errors.js';
import type { Item } from '../../domain/item.js';
import { maskPersonalData } from '../../privacy/mask.js';
import type { StoredEvent, TransactionContext } from '../../store/index.js';

/* The state of an item's objections (异议), folded from its events; see objections.ts. */

export const OBJECTION_FILED = 'ObjectionFiled';
export const OBJECTION_HANDLED = 'ObjectionHandled';
export const OBJECTION_TEXT_MAX = 2000;
export const OBJECTION_CONTACT_MAX = 200;

export type ObjectionErrorCode = 'objection_open' | 'objection_not_found';
export class ObjectionError extends CodedError<ObjectionErrorCode> {
  override readonly name = 'ObjectionError';
}

export interface ObjectionView {
  readonly objectionId: string;
  readonly itemId: string;
  readonly filedAt: string;
  readonly text: string;
  readonly contact: string | null;
  readonly reply: string | null;
  readonly reopened: boolean;
  readonly handledAt: string | null;
}

/** The objections of an item from its events; `open` reads the sealed text (null: leave it sealed). */
export function objectionsOf(events: readonly StoredEvent[], open: ((v: unknown) => string | null) | null): ObjectionView[] {
  const byId = new Map<string, ObjectionView>();
  for (const e of events) {
    const p = e.payload as Record<string, unknown>;
    const id = String(p.objectionId);
    if (e.type === OBJECTION_FILED) {
      byId.set(id, {
        objectionId: id,
        itemId: e.itemId ?? '',
        filedAt: e.at,
        text: open ? (open(p.text) ?? '') : '',
        contact: open && p.contact ? open(p.contact) : null,
        reply: null,
        reopened: false,
        handledAt: null,
      });
    } else if (e.type === OBJECTION_HANDLED && byId.has(id)) {
      byId.set(id, { ...byId.get(id)!, reply: typeof p.reply === 'string' ? p.reply : null, reopened: p.reopened === true, handledAt: e.at });
    }
  }
  return [...byId.values()];
}

/** Refuses to pass a notice stage while an objection is open (called inside the action's transaction). */
export async function assertNoOpenObjection(tx: TransactionContext, item: Item): Promise<void> {
  const events = await tx.events.listByItem(item.tenantId, item.id);
  const open = objectionsOf(events, null).filter((o) => o.handledAt === null);
  if (open.length > 0) {
    throw new ObjectionError(
      'objection_open',
      `${open.length} objection(s) to this notice are open: answer them first.`,
      `本事项公示期内有 ${open.length} 条异议尚未处理，请先处理。`,
      { open: open.length },
    );
  }
}

/** Replies to an item's objections as the public page shows them: masked, oldest first. */
export function publicReplies(events: readonly StoredEvent[]): { at: string; reply: string }[] {
  return objectionsOf(events, null)
    .filter((o) => o.reply !== null)
    .map((o) => ({ at: o.handledAt!, reply: maskPersonalData(o.reply!).text }));
}
