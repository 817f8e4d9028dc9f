import type { TenantId } from '../../domain/ids.js';
import type { Item } from '../../domain/item.js';
import { maskPersonalData } from '../../privacy/mask.js';
import type { AppDeps } from '../context.js';
import { itemLedgerType, refreshLedgerTypes } from '../ledger-types/cache.js';
import type { ReadContext, TransactionContext } from '../../store/index.js';

/*
 * A message leaves the system by e-mail, SMS and the corp apps: the title of an item of a ledger type whose
 * `maskNotifications` setting is on (the built-in 调解 and 信访 types) goes with the personal data found in it
 * masked — 张*, 138****5678 — like its exports.
 */

/** The title as notifications of the tenant show it (reads the tenant's ledger settings first). */
export async function notifiedTitles(deps: AppDeps, ctx: ReadContext | TransactionContext, tenantId: TenantId): Promise<(item: Item) => string> {
  await refreshLedgerTypes(deps, ctx, tenantId);
  return (item) => {
    let masks = false;
    try {
      masks = itemLedgerType(deps, tenantId, item.ledgerType).maskNotifications === true;
    } catch {
      masks = true; // a type no longer known: the safe side
    }
    return masks ? maskPersonalData(item.title).text : item.title;
  };
}
