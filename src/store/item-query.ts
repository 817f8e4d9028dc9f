import { sql, type ExpressionBuilder, type SelectQueryBuilder } from 'kysely';
import type { ItemId, LocalDate, UnitId } from '../domain/ids.js';
import type { ItemStatus } from '../domain/item.js';
import { writeLocalDate } from './convert.js';
import type { Database } from './database.js';

/** Filters of an item list; all given ones must hold. */
export interface ItemFilter {
  readonly ledgerTypes?: readonly string[];
  readonly statuses?: readonly ItemStatus[];
  /**
   * The units whose items are visible: items one of them leads, co-handles or owns. An empty list matches
   * nothing (an empty scope sees nothing, never everything).
   */
  readonly unitScope?: readonly UnitId[];
  readonly leadUnitIds?: readonly UnitId[];
  /** Children of this item; `null` for top-level items only. */
  readonly parentId?: ItemId | null;
  /** Current deadline on or after this date. */
  readonly deadlineFrom?: LocalDate;
  /** Current deadline on or before this date. */
  readonly deadlineTo?: LocalDate;
}

/** Bound as SQL, not as a parameter: better-sqlite3 cannot bind booleans. */
const NOTHING = sql<boolean>`1 = 0`;

type ItemsQuery<O> = SelectQueryBuilder<Database, 'items', O>;

function scope(eb: ExpressionBuilder<Database, 'items'>, units: readonly UnitId[]) {
  return eb.or([
    eb('items.lead_unit_id', 'in', units),
    eb('items.owner_unit_id', 'in', units),
    eb.exists(
      eb
        .selectFrom('item_co_units as c')
        .select(eb.lit(1).as('one'))
        .whereRef('c.tenant_id', '=', 'items.tenant_id')
        .whereRef('c.item_id', '=', 'items.item_id')
        .where('c.unit_id', 'in', units),
    ),
  ]);
}

/**
 * Adds the filter's conditions to an items query.
 * @throws StoreError `invalid_input` for a deadline bound that is not a date.
 */
export function applyItemFilter<O>(q: ItemsQuery<O>, f: ItemFilter): ItemsQuery<O> {
  const { unitScope, parentId } = f;
  return q
    .$if(f.ledgerTypes !== undefined, (b) => (f.ledgerTypes!.length === 0 ? b.where(NOTHING) : b.where('items.ledger_type', 'in', f.ledgerTypes!)))
    .$if(f.statuses !== undefined, (b) => (f.statuses!.length === 0 ? b.where(NOTHING) : b.where('items.status', 'in', f.statuses!)))
    .$if(f.leadUnitIds !== undefined, (b) => (f.leadUnitIds!.length === 0 ? b.where(NOTHING) : b.where('items.lead_unit_id', 'in', f.leadUnitIds!)))
    .$if(unitScope !== undefined, (b) => (unitScope!.length === 0 ? b.where(NOTHING) : b.where((eb) => scope(eb, unitScope!))))
    .$if(parentId === null, (b) => b.where('items.parent_id', 'is', null))
    .$if(typeof parentId === 'string', (b) => b.where('items.parent_id', '=', parentId!))
    .$if(f.deadlineFrom !== undefined, (b) => b.where('items.current_deadline', '>=', writeLocalDate(f.deadlineFrom!, 'deadlineFrom')))
    .$if(f.deadlineTo !== undefined, (b) => b.where('items.current_deadline', '<=', writeLocalDate(f.deadlineTo!, 'deadlineTo')));
}
