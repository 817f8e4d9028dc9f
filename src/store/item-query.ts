import { sql, type ExpressionBuilder, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type { Instant, ItemId, LocalDate, UnitId } from '../domain/ids.js';
import type { ItemStatus } from '../domain/item.js';
import { writeInstant, writeLocalDate } from './convert.js';
import type { Database } from './database.js';
import type { Dialect } from './db.js';

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
  /** Closed (销号) at or after this instant. */
  readonly closedFrom?: Instant;
  /** Closed before this instant. */
  readonly closedBefore?: Instant;
}

/**
 * The deadline sort key: items without a deadline sort after every dated one. The fallback is a literal, not
 * a parameter, so that both databases see the very expression of the list indexes (migration
 * 202612080300_item_list_indexes) and walk them instead of sorting.
 */
export function deadlineKey(dialect: Dialect): RawBuilder<string> {
  return dialect === 'postgres' ? sql<string>`coalesce(items.current_deadline, '9999-12-31'::date)` : sql<string>`coalesce(items.current_deadline, '9999-12-31')`;
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
 * @throws StoreError `invalid_input` for a deadline bound that is not a date, or a closure bound not an instant.
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
    .$if(f.deadlineTo !== undefined, (b) => b.where('items.current_deadline', '<=', writeLocalDate(f.deadlineTo!, 'deadlineTo')))
    .$if(f.closedFrom !== undefined, (b) => b.where('items.closed_at', '>=', writeInstant(f.closedFrom!, 'closedFrom')))
    .$if(f.closedBefore !== undefined, (b) => b.where('items.closed_at', '<', writeInstant(f.closedBefore!, 'closedBefore')));
}

/**
 * The filter's deadline bounds once more, on the deadline sort key: the same rows (a bounded range excludes
 * items without a deadline either way), but a range the list indexes can seek, where the bounds on the bare
 * column alone leave the planner a scan of every item of the state and unit.
 * @throws StoreError `invalid_input` for a deadline bound that is not a date.
 */
export function applyDeadlineKeyRange<O>(q: ItemsQuery<O>, f: ItemFilter, dialect: Dialect): ItemsQuery<O> {
  const key = deadlineKey(dialect);
  return q
    .$if(f.deadlineFrom !== undefined, (b) => b.where(sql<boolean>`${key} >= ${writeLocalDate(f.deadlineFrom!, 'deadlineFrom')}`))
    .$if(f.deadlineTo !== undefined, (b) => b.where(sql<boolean>`${key} <= ${writeLocalDate(f.deadlineTo!, 'deadlineTo')}`));
}

/** Escapes nothing: instr/strpos take the term literally (no LIKE wildcards to smuggle in). */
export function textCondition(dialect: Dialect, term: string) {
  const t = term.toLowerCase();
  const content = dialect === 'postgres' ? sql`lower(items.data->>'content')` : sql`lower(json_extract(items.data, '$.content'))`;
  const pos = dialect === 'postgres' ? (col: RawBuilder<unknown>) => sql`strpos(${col}, ${t}) > 0` : (col: RawBuilder<unknown>) => sql`instr(${col}, ${t}) > 0`;
  return sql<boolean>`(${pos(sql`lower(items.title)`)} or ${pos(sql`lower(items.number)`)} or ${pos(content)})`;
}
