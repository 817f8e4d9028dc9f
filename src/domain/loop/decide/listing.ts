import { DomainError } from '../../errors.js';
import type { Item, Listing } from '../../item.js';
import type { CommandOf } from '../commands.js';
import type { DecideContext } from '../context.js';
import type { ItemEvent } from '../events.js';
import { forbidden, requireReason, requireStatus, requireSupervisor } from '../guards.js';
import { emit } from './emit.js';

const LEVEL_ZH = { city: '市级', district: '区级' } as const;

/**
 * 挂牌督办: a supervisor lists an item at work (handed out, not yet closed) at a level: a draft has no unit to
 * press yet. A 市级 listing takes a supervisor of the city itself (a
 * district cannot speak for the city); a 区级 one any supervisor whose area holds the item.
 */
export function decideList(item: Item, c: CommandOf<'ListItem'>, ctx: DecideContext): ItemEvent[] {
  requireStatus(item, ['assigned', 'in_progress', 'closing'], 'list for supervision', '挂牌督办');
  requireSupervisor(ctx, item);
  if (item.listing) {
    throw new DomainError('invalid_transition', `The item is already listed (${item.listing.level} level).`, `事项已${LEVEL_ZH[item.listing.level]}挂牌督办。`, {
      listing: item.listing.level,
    });
  }
  if (c.data.level === 'city' && ctx.units.areaOf(ctx.actor.unitId).kind !== 'city') {
    throw forbidden('Only a supervisor of the city may list at city level.', '只有市级督办员可以市级挂牌。', { level: c.data.level });
  }
  const reason = requireReason(c.data.reason);
  return [emit(item.id, item, ctx, 'ItemListed', { level: c.data.level, reason })];
}

/** Whether the actor's area lies strictly above the area of the unit that listed the item. */
function above(ctx: DecideContext, listing: Listing): boolean {
  if (!ctx.units.has(listing.unitId)) return false;
  const mine = ctx.units.areaOf(ctx.actor.unitId).id;
  return mine !== ctx.units.areaOf(listing.unitId).id && ctx.units.isWithin(listing.unitId, mine);
}

/**
 * 摘牌: ends a listing once the item is closed — every closure stage, acceptance included, has passed — by the
 * supervisor who listed it or a supervisor of an area above theirs. A listed item still at work keeps its flag.
 */
export function decideUnlist(item: Item, c: CommandOf<'UnlistItem'>, ctx: DecideContext): ItemEvent[] {
  const listing = item.listing;
  if (!listing) throw new DomainError('invalid_transition', 'The item is not listed for supervision.', '事项未挂牌督办,无需摘牌。');
  requireStatus(item, ['closed'], 'unlist', '摘牌(须先验收销号)');
  requireSupervisor(ctx, item);
  if (listing.by !== ctx.actor.userId && !above(ctx, listing)) {
    throw forbidden('Only the supervisor who listed the item, or one above, may unlist it.', '只有挂牌的督办员或其上级督办员可以摘牌。', {
      listedBy: listing.by,
      listedByUnitId: listing.unitId,
    });
  }
  return [emit(item.id, item, ctx, 'ItemUnlisted', { level: listing.level, listedBy: listing.by, note: c.data.note || null })];
}
