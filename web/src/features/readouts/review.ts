import type { DefaultTerm, DraftDirectiveView } from '../../../../src/contracts/http/readouts.js';
import type { T } from '../../i18n/index.js';
import type { ReadoutText } from '../../i18n/readouts.js';

/*
 * Pure helpers of the readout review: what each kept directive will become at 确认并交办 (units, the deadline it
 * gives or the type's default it falls back to), and moving through the table's rows by keyboard.
 */

/** What one kept directive becomes: assigned to its lead unit by its deadline, cadence or the type's default. */
export interface PlannedItem {
  readonly i: number;
  readonly title: string;
  readonly depth: number;
  readonly leadUnitId: string | null;
  readonly coUnitIds: readonly string[];
  /** The deadline it will carry: its own, else the default term's; null for a cadence or when nothing applies. */
  readonly deadline: string | null;
  /** The deadline (or cadence) comes from the ledger type's default, not from the readout or the reviewer. */
  readonly defaulted: boolean;
  readonly cadence: DraftDirectiveView['cadence'];
  /** Only directives with a lead unit are handed out; the others become drafts to assign later. */
  readonly assigned: boolean;
}

export function plannedItems(rows: readonly { d: DraftDirectiveView; depth: number }[], defaults: Readonly<Record<string, DefaultTerm>> = {}): PlannedItem[] {
  return rows
    .filter(({ d }) => d.keep)
    .map(({ d, depth }) => {
      const term = defaults[d.ledgerType];
      const own = d.deadline !== null || d.cadence !== null;
      return {
        i: d.i,
        title: d.title,
        depth,
        leadUnitId: d.leadUnitId,
        coUnitIds: d.coUnitIds.filter((u) => u !== d.leadUnitId),
        deadline: d.deadline ?? (own ? null : (term?.deadline ?? null)),
        defaulted: !own && term !== undefined && (term.deadline !== null || term.cadence !== null),
        cadence: d.deadline ? null : (d.cadence ?? (own ? null : (term?.cadence ?? null))),
        assigned: d.leadUnitId !== null,
      };
    });
}

/** "默认 30 天：2027-01-06": the default a directive without deadline or cadence gets, in the reader's words. */
export function defaultTermText(term: DefaultTerm | undefined, t: T, rt: ReadoutText): string {
  if (!term) return '';
  if (term.limit && term.deadline) return rt(`default.${term.limit.unit}`, { n: term.limit.amount, date: term.deadline });
  if (term.cadence) return rt('default.cadence', { cadence: t(`cadence.${term.cadence}`) });
  return '';
}

/** The row `delta` steps from `current` in table order, staying at the ends; the first row when none is current. */
export function stepRow(order: readonly number[], current: number | null, delta: number): number | null {
  if (order.length === 0) return null;
  const at = current === null ? -1 : order.indexOf(current);
  if (at < 0) return order[0] ?? null;
  return order[Math.max(0, Math.min(order.length - 1, at + delta))] ?? null;
}
