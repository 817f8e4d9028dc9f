import type { Item } from '../../item.js';
import type { DecideContext } from '../context.js';
import type { EventOf, ItemEvent, ItemEventType } from '../events.js';

/**
 * Builds an event of the action being decided: stamped with the actor, the time passed in, and the item's
 * next version (every event of one action carries the same version).
 */
export function emit<T extends ItemEventType>(itemId: string, item: Item | null, ctx: DecideContext, type: T, data: EventOf<T>['data']): ItemEvent {
  return {
    type,
    itemId,
    version: (item?.version ?? 0) + 1,
    at: ctx.now,
    by: { userId: ctx.actor.userId, unitId: ctx.actor.unitId },
    data,
  } as ItemEvent;
}
