import type { WorkCalendar } from '../calendar.js';
import type { Instant, LocalDate } from '../ids.js';
import type { LedgerType } from '../ledger-types/definition.js';
import type { Actor } from '../roles.js';
import { toLocalDate } from '../time.js';
import type { UnitTree } from '../units.js';

/** Everything `decide` needs besides the item and the command. Time and ids come in; the core reads no clock. */
export interface DecideContext {
  /** Who acts; the app has authenticated them. */
  readonly actor: Actor;
  /** The tenant's unit tree, for scope checks. */
  readonly units: UnitTree;
  /** The item's ledger type (resolved for the tenant). */
  readonly ledgerType: LedgerType;
  readonly now: Instant;
  /** The city's time zone: a deadline means the end of that day there. */
  readonly timeZone: string;
  /** The tenant's working-day calendar (holiday notices included); absent: the built-in official one. */
  readonly calendar?: WorkCalendar;
}

/** Today's date in the city. */
export const today = (ctx: DecideContext): LocalDate => toLocalDate(ctx.now, ctx.timeZone);
