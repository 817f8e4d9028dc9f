import type { NotifySettingsView } from '../../../../src/contracts/http/notify-admin.js';

/*
 * The rules table as the admin edits it: for every ledger type at once, or for one type. A row shows the rule as it
 * applies in that scope; a change is kept as the smallest override against what the scope inherits (the built-in
 * rule, the product's own overrides, and — for one type — the tenant's overrides for every type), so a row set back
 * to what it inherits leaves no override behind. The server applies them the same way (domain/notify/rules.ts).
 */

export type Audience = NotifySettingsView['rules'][number]['audience'][number];
export type Urgency = NotifySettingsView['rules'][number]['urgency'];
export type Override = NotifySettingsView['ruleOverrides'][number];

export interface RuleRow {
  readonly key: string;
  readonly audience: readonly Audience[];
  readonly urgency: Urgency;
  readonly on: boolean;
}

const applies = (o: Override, key: string, type: string | null) => o.key === key && (o.ledgerType ?? null) === type;

function fold(row: RuleRow, overrides: readonly Override[]): RuleRow {
  return overrides.reduce<RuleRow>(
    (r, o) => ({ ...r, ...(o.audience && { audience: o.audience }), ...(o.urgency && { urgency: o.urgency }), ...(o.off !== undefined && { on: !o.off }) }),
    row,
  );
}

/** What a scope inherits for a rule before its own overrides (the tenant's as being edited: `overrides`). */
function inherited(view: NotifySettingsView, overrides: readonly Override[], key: string, type: string | null): RuleRow {
  const rule = view.rules.find((r) => r.key === key)!;
  const base: RuleRow = { key, audience: rule.audience, urgency: rule.urgency, on: true };
  const general = fold(
    base,
    view.builtInOverrides.filter((o) => applies(o, key, null)),
  );
  if (type === null) return general;
  const tenantGeneral = fold(
    general,
    overrides.filter((o) => applies(o, key, null)),
  );
  return fold(
    tenantGeneral,
    view.builtInOverrides.filter((o) => applies(o, key, type)),
  );
}

/** Every rule as it applies in the scope (null: every ledger type), with the tenant's overrides given. */
export function rowsFor(view: NotifySettingsView, overrides: readonly Override[], type: string | null): RuleRow[] {
  return view.rules.map((r) =>
    fold(
      inherited(view, overrides, r.key, type),
      overrides.filter((o) => applies(o, r.key, type)),
    ),
  );
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** The tenant's overrides once a row of the scope is set to `row`: its override replaced by the smallest one. */
export function withRow(view: NotifySettingsView, overrides: readonly Override[], type: string | null, row: RuleRow): Override[] {
  const base = inherited(view, overrides, row.key, type);
  const next: Override = {
    key: row.key,
    ...(type !== null && { ledgerType: type }),
    ...(!same(row.audience, base.audience) && { audience: [...row.audience] }),
    ...(row.urgency !== base.urgency && { urgency: row.urgency }),
    ...(row.on !== base.on && { off: !row.on }),
  };
  const rest = overrides.filter((o) => !applies(o, row.key, type));
  return Object.keys(next).length > (type === null ? 1 : 2) ? [...rest, next] : rest;
}
