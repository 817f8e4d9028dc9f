import type { TenantId, UnitId } from '../../domain/ids.js';
import type { ItemEvent } from '../../domain/loop/index.js';
import type { UnitTree } from '../../domain/units.js';
import type { ReadContext, TransactionContext } from '../../store/index.js';

/** Something the actor should know about an action that was nonetheless carried out. */
export interface ActionWarning {
  readonly code: 'no_active_handler';
  readonly unitId: UnitId;
  readonly message: string;
  readonly messageZh: string;
}

/** The units an action hands work to: the lead and co-units of an assignment or a move. */
function receivers(events: readonly ItemEvent[]): UnitId[] {
  const units: UnitId[] = [];
  for (const e of events) {
    if (e.type === 'ItemAssigned' || e.type === 'ItemMoved') units.push(e.data.leadUnitId, ...e.data.coUnitIds);
  }
  return [...new Set(units)];
}

/**
 * Warnings for work handed to a unit with no active handler (承办人): nobody there can accept it or report, so it
 * would sit unseen until it turns red. The action stands; the supervisor is told so that an account is set up
 * or the work goes elsewhere.
 */
export async function handoverWarnings(ctx: ReadContext | TransactionContext, tenantId: TenantId, units: UnitTree, events: readonly ItemEvent[]): Promise<ActionWarning[]> {
  const warnings: ActionWarning[] = [];
  for (const unitId of receivers(events)) {
    const users = await ctx.users.list(tenantId, unitId);
    if (users.some((u) => u.disabledAt === null && u.roles.includes('handler'))) continue;
    const name = units.get(unitId)?.name ?? unitId;
    warnings.push({
      code: 'no_active_handler',
      unitId,
      message: `${name} has no active handler account: nobody there can accept or report on this item yet.`,
      messageZh: `「${name}」尚无可用的承办人账号,暂时无人签收和反馈该事项。`,
    });
  }
  return warnings;
}
