import { DomainError } from '../errors.js';
import type { ItemId } from '../ids.js';
import type { Item } from '../item.js';
import { evolve } from './evolve.js';
import { parseEvent, type ItemEvent } from './events.js';

/**
 * Rebuilds one item from all its events, in order. Raw rows may be passed: each is parsed first.
 * @throws DomainError `invalid_event_stream` for an empty stream, a malformed event or one that does not fit.
 */
export function replay(events: readonly unknown[]): Item {
  let item: Item | null = null;
  for (const raw of events) item = evolve(item, parseEvent(raw));
  if (!item) throw new DomainError('invalid_event_stream', 'No events to replay.', '没有可重放的事件。');
  return item;
}

/**
 * Rebuilds many items from one interleaved stream (e.g. the whole event log in sequence order).
 * @throws DomainError `invalid_event_stream` as `replay`.
 */
export function replayAll(events: readonly unknown[]): Map<ItemId, Item> {
  const items = new Map<ItemId, Item>();
  for (const raw of events) {
    const e: ItemEvent = parseEvent(raw);
    items.set(e.itemId, evolve(items.get(e.itemId) ?? null, e));
  }
  return items;
}
