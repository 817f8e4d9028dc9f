import type { Item } from '../../domain/item.js';
import { evolve, parseEvent, type ItemEvent } from '../../domain/loop/index.js';
import type { NewEvent, StoredEvent } from '../../store/index.js';

/*
 * The loop's events travel through the chain as NewEvent rows: who acted and when become columns, the rest
 * (version and data) is the payload. `fromStored` is the exact inverse, so replaying stored events rebuilds
 * every item.
 */

export function toNewEvent(e: ItemEvent): NewEvent {
  return { itemId: e.itemId, type: e.type, actorUserId: e.by.userId, actorUnitId: e.by.unitId, at: e.at, payload: { version: e.version, data: e.data } };
}

/** Whether a stored event is one of the loop's (the chain also records reads of personal data). */
export function isLoopEvent(e: StoredEvent): boolean {
  return e.itemId !== null && typeof e.payload.version === 'number' && 'data' in e.payload;
}

/** @throws DomainError `invalid_event_stream` when the row does not parse as a loop event. */
export function fromStored(e: StoredEvent): ItemEvent {
  return parseEvent({
    type: e.type,
    itemId: e.itemId,
    version: e.payload.version,
    at: e.at,
    by: { userId: e.actorUserId, unitId: e.actorUnitId },
    data: e.payload.data,
  });
}

/** Folds events onto an item (null before it exists). */
export function fold(item: Item | null, events: readonly ItemEvent[]): Item {
  let next = item;
  for (const e of events) next = evolve(next, e);
  if (!next) throw new Error('fold of no events');
  return next;
}
