import { roleRequired } from '../accounts/errors.js';
import type { ActorRef, AppDeps } from '../context.js';
import { actingScope } from '../items/load.js';
import { itemVisible } from '../visibility.js';
import { OBJECTION_FILED, OBJECTION_HANDLED, objectionsOf } from './objection-state.js';

/** One item with open objections, as the supervisor's desk lists it. */
export interface OpenObjectionsOfItem {
  readonly itemId: string;
  readonly number: string;
  readonly title: string;
  readonly stageKey: string | null;
  readonly open: number;
  readonly oldestFiledAt: string;
}

/**
 * The supervisor's desk: items they may see with objections (异议) still open, oldest first. The objections'
 * text stays sealed here — it is personal data, opened (and its read logged) only on the item's page.
 * @throws AccountError `role_required` (supervisor).
 */
export async function openObjectionsOnDesk(deps: AppDeps, ref: ActorRef): Promise<OpenObjectionsOfItem[]> {
  const read = deps.store.read;
  const scope = await actingScope(deps, read, ref);
  if (!scope.actor.roles.includes('supervisor')) throw roleRequired('supervisor', '督办员');
  const byItem = new Map<string, ReturnType<typeof objectionsOf>>();
  const events = await read.events.listByTypes(ref.tenantId, [OBJECTION_FILED, OBJECTION_HANDLED]);
  for (const o of objectionsOf(events, null)) {
    if (o.handledAt !== null || !o.itemId) continue;
    byItem.set(o.itemId, [...(byItem.get(o.itemId) ?? []), o]);
  }
  const rows: OpenObjectionsOfItem[] = [];
  for (const [itemId, open] of byItem) {
    const item = await read.items.get(ref.tenantId, itemId);
    if (!item || !itemVisible(item, scope.visible)) continue;
    rows.push({ itemId, number: item.number, title: item.title, stageKey: item.stageKey, open: open.length, oldestFiledAt: open.map((o) => o.filedAt).sort()[0]! });
  }
  return rows.sort((a, b) => a.oldestFiledAt.localeCompare(b.oldestFiledAt));
}
