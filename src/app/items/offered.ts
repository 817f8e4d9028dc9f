import type { Item } from '../../domain/item.js';
import { availableActions, type DecideContext, type ItemAction } from '../../domain/loop/index.js';

/**
 * `availableActions` without the price of its refusals. Each probe the guards refuse throws a DomainError, and
 * capturing a stack trace for each of them was the largest single cost of an item page. The probes are
 * synchronous, so stack capture is switched off just for them; an error that is not a refusal (a bug) is raised
 * again by a second run with stack capture on, so it reaches the log with its stack.
 */
export function offeredActions(item: Item, ctx: DecideContext): ItemAction[] {
  const limit = Error.stackTraceLimit;
  let actions: ItemAction[] | null = null;
  Error.stackTraceLimit = 0;
  try {
    actions = availableActions(item, ctx);
  } catch {
    actions = null;
  } finally {
    Error.stackTraceLimit = limit;
  }
  return actions ?? availableActions(item, ctx);
}
