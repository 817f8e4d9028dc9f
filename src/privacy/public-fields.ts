/*
 * What a ledger type shows in public during its 公示 (public notice): the fields about the work — the problem,
 * the measures, the result, the accepting unit — never people (责任领导, parties, contacts) nor the internal
 * classification. Ledger types not listed publish nothing. Every text shown is still masked for personal data.
 */
export const PUBLIC_FIELDS: Readonly<Record<string, readonly string[]>> = {
  rectification: ['problem', 'problemType', 'target', 'measures', 'acceptanceUnit', 'completion'],
};

/** The fields a ledger type marks public (none for a type that does not publish). */
export function publicFieldsOf(ledgerType: string): readonly string[] {
  return PUBLIC_FIELDS[ledgerType] ?? [];
}
