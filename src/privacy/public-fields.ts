import type { LedgerType } from '../domain/ledger-types/definition.js';

/*
 * What a ledger type shows in public during its 公示 (public notice) is its `disclosure` setting: the built-in
 * 整改 publishes the work — the problem, the measures, the result, the accepting unit — never people nor the
 * internal classification; a tenant may change the list per type. Types without the setting publish nothing.
 * Every text shown is still masked for personal data.
 */

/** The fields a ledger type marks public, in order (none for a type that does not publish). */
export function publicFieldsOf(type: LedgerType): readonly string[] {
  return type.disclosure?.fields ?? [];
}

/** Months a closed item of the type stays listed in public (0: closed items are not listed). */
export function closedMonthsOf(type: LedgerType): number {
  return type.disclosure?.closedMonths ?? 0;
}
