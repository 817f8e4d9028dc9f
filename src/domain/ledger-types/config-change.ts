import { DomainError } from '../errors.js';
import { resolveLedgerTypes, type LedgerConfig } from './config.js';
import type { LedgerType } from './definition.js';

/** A tenant's ledger types resolved from its configuration. */
export interface TenantLedgerTypes {
  /** The types items can be created in: built-ins with overrides, custom types, less the switched-off ones. */
  readonly active: ReadonlyMap<string, LedgerType>;
  /** Every type including the switched-off ones, which existing items keep using. */
  readonly all: ReadonlyMap<string, LedgerType>;
  readonly disabled: ReadonlySet<string>;
}

/**
 * Resolves a tenant's configuration into its active types and every type existing items may use.
 * @throws DomainError `validation_failed` as `resolveLedgerTypes` does.
 */
export function tenantLedgerTypes(config: unknown = {}): TenantLedgerTypes {
  const active = resolveLedgerTypes(config);
  const disabled = (config as LedgerConfig).disabled ?? [];
  const all = disabled.length === 0 ? active : resolveLedgerTypes({ ...(config as LedgerConfig), disabled: [] });
  return { active, all, disabled: new Set(disabled) };
}

type Issue = { path: string; message: string };

/**
 * What a configuration change may not do, so that the items already recorded keep working: drop a type (a
 * custom one can be switched off, never deleted), drop a field or change its kind, or turn an optional field
 * into one filled at another stage of the loop. Adding types, fields, options and stages, relabelling, and
 * switching types off or on are all allowed.
 * @throws DomainError `validation_failed` listing every breaking change (`details.issues`).
 */
export function checkConfigChange(before: TenantLedgerTypes, after: TenantLedgerTypes): void {
  const issues: Issue[] = [];
  for (const [key, old] of before.all) {
    const next = after.all.get(key);
    if (!next) {
      issues.push({ path: `custom.${key}`, message: `type ${key} cannot be removed (items may use it): switch it off instead` });
      continue;
    }
    const fields = new Map(next.fields.map((f) => [f.name, f]));
    for (const f of old.fields) {
      const n = fields.get(f.name);
      if (!n) issues.push({ path: `${key}.fields.${f.name}`, message: `field ${f.name} of ${key} cannot be removed (items may hold it)` });
      else if (n.kind !== f.kind) issues.push({ path: `${key}.fields.${f.name}`, message: `field ${f.name} of ${key} cannot change kind (${f.kind} → ${n.kind})` });
      else if ((n.filledAt ?? 'create') !== (f.filledAt ?? 'create')) {
        issues.push({ path: `${key}.fields.${f.name}`, message: `field ${f.name} of ${key} cannot move to another stage of the loop` });
      } else if (Boolean(n.personal) !== Boolean(f.personal)) {
        issues.push({ path: `${key}.fields.${f.name}`, message: `field ${f.name} of ${key} cannot change whether it is personal information` });
      }
    }
  }
  if (issues.length === 0) return;
  const list = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  throw new DomainError('validation_failed', `Ledger configuration: ${list}`, `台账配置有误:已有事项依赖的类型或字段不能删除或改变类型(${list})`, { issues });
}

/** Closure stages of each type that the new configuration no longer has, by type key. */
export function removedStages(before: TenantLedgerTypes, after: TenantLedgerTypes): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [key, old] of before.all) {
    const keep = new Set((after.all.get(key)?.closureStages ?? []).map((s) => s.key));
    const gone = old.closureStages.map((s) => s.key).filter((k) => !keep.has(k));
    if (gone.length > 0) out.set(key, gone);
  }
  return out;
}
