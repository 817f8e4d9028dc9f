import { z } from 'zod';
import { DomainError } from '../errors.js';
import { CADENCES } from '../item.js';
import { BUILTIN_LEDGER_TYPES } from './builtin/index.js';
import { ClosureStageSchema, DisclosureSchema, FieldDefSchema, LabelSchema, ReportingSchema, TimeLimitSchema, WarningRulesSchema, type LedgerType } from './definition.js';
import { describeIssues, validateLedgerType } from './validate.js';

/** A tenant's change to one field of a type: relabel it, make it required or optional, add help text. */
const FieldOverrideSchema = z.object({ label: LabelSchema.optional(), required: z.boolean().optional(), hint: LabelSchema.optional() }).strict();

/** A tenant's changes to a built-in type. Fields can be added or adjusted, never removed (old items keep them). */
export const LedgerTypeOverrideSchema = z
  .object({
    name: LabelSchema.optional(),
    description: LabelSchema.optional(),
    numberPrefix: z.string().optional(),
    addFields: z.array(FieldDefSchema).optional(),
    fieldOverrides: z.record(z.string(), FieldOverrideSchema).optional(),
    /** Replaces the stage list (e.g. a city without 上级复核). */
    closureStages: z.array(ClosureStageSchema).optional(),
    defaultTimeLimit: TimeLimitSchema.nullable().optional(),
    defaultCadence: z.enum(CADENCES).nullable().optional(),
    warningRules: WarningRulesSchema.partial().optional(),
    /** Replaces what the type publishes; null: publishes nothing. */
    disclosure: DisclosureSchema.nullable().optional(),
    maskExports: z.boolean().optional(),
    maskNotifications: z.boolean().optional(),
    /** 上报: who else may register items and whether they wait for 立项; null: supervisors only. */
    reporting: ReportingSchema.nullable().optional(),
  })
  .strict();
export type LedgerTypeOverride = z.infer<typeof LedgerTypeOverrideSchema>;

/** A tenant's ledger configuration: overrides of built-in types, its own types, and types it switches off. */
export const LedgerConfigSchema = z
  .object({
    overrides: z.record(z.string(), LedgerTypeOverrideSchema).optional(),
    /** Whole definitions of the tenant's own types, checked like the built-ins. */
    custom: z.array(z.unknown()).optional(),
    disabled: z.array(z.string()).optional(),
  })
  .strict();
export type LedgerConfig = z.infer<typeof LedgerConfigSchema>;

function configError(en: string, zh: string, details?: Record<string, unknown>): DomainError {
  return new DomainError('validation_failed', `Ledger configuration: ${en}`, `台账配置有误:${zh}`, details);
}

function applyOverride(base: LedgerType, o: LedgerTypeOverride): LedgerType {
  for (const name of Object.keys(o.fieldOverrides ?? {})) {
    if (!base.fields.some((f) => f.name === name)) throw configError(`${base.key} has no field ${name}.`, `${base.name.zh}没有字段 ${name}。`);
  }
  const fields = base.fields.map((f) => {
    const fo = o.fieldOverrides?.[f.name];
    if (!fo) return f;
    // Making a field always required supersedes its condition.
    const { requiredWhen: _dropped, ...unconditional } = f;
    return { ...(fo.required ? unconditional : f), ...fo };
  });
  const { disclosure: _published, reporting: _reporting, ...rest } = base;
  const disclosure = o.disclosure === undefined ? base.disclosure : (o.disclosure ?? undefined);
  const reporting = o.reporting === undefined ? base.reporting : (o.reporting ?? undefined);
  return {
    ...rest,
    ...(disclosure && { disclosure }),
    ...(reporting && { reporting }),
    ...(o.maskExports !== undefined && { maskExports: o.maskExports }),
    ...(o.maskNotifications !== undefined && { maskNotifications: o.maskNotifications }),
    ...(o.name && { name: o.name }),
    ...(o.description && { description: o.description }),
    ...(o.numberPrefix !== undefined && { numberPrefix: o.numberPrefix }),
    fields: [...fields, ...(o.addFields ?? [])],
    closureStages: o.closureStages ?? base.closureStages,
    defaultTimeLimit: o.defaultTimeLimit === undefined ? base.defaultTimeLimit : o.defaultTimeLimit,
    defaultCadence: o.defaultCadence === undefined ? base.defaultCadence : o.defaultCadence,
    warningRules: { ...base.warningRules, ...o.warningRules },
  };
}

/** Validates one resulting type, naming it in the path of every issue (`directive.closureStages.0.name`). */
function validateAs(key: string, input: unknown): LedgerType {
  try {
    return validateLedgerType(input);
  } catch (e) {
    if (!(e instanceof DomainError) || !Array.isArray(e.details?.issues)) throw e;
    const issues = (e.details.issues as { path: string; message: string }[]).map((i) => ({ ...i, path: i.path ? `${key}.${i.path}` : key }));
    throw new DomainError(e.code, e.message, e.messageZh, { ...e.details, ledgerType: key, issues });
  }
}

/**
 * The ledger types of a tenant: the built-ins with the tenant's overrides applied, plus its own types, less
 * the ones it switched off. Every resulting type is validated as a whole.
 * @throws DomainError `validation_failed` for a malformed config, an override or switch-off of an unknown
 *   type, a custom type reusing a key, or any resulting type that fails `validateLedgerType`.
 */
export function resolveLedgerTypes(config: unknown = {}): ReadonlyMap<string, LedgerType> {
  const parsed = LedgerConfigSchema.safeParse(config);
  if (!parsed.success) {
    const issues = describeIssues(parsed.error);
    throw configError(issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues.map((i) => `${i.path}:${i.message}`).join(';'), { issues });
  }
  const c = parsed.data;
  const types = new Map(BUILTIN_LEDGER_TYPES.map((t) => [t.key, t]));
  for (const [key, o] of Object.entries(c.overrides ?? {})) {
    const base = types.get(key);
    if (!base) throw configError(`override of unknown type ${key}.`, `覆盖了不存在的台账类型 ${key}。`);
    types.set(key, validateAs(key, applyOverride(base, o)));
  }
  for (const def of c.custom ?? []) {
    const t = validateAs(typeof def === 'object' && def !== null && 'key' in def ? String(def.key) : 'custom', def);
    if (types.has(t.key)) throw configError(`custom type ${t.key} reuses an existing key.`, `自定义台账类型 ${t.key} 与已有类型重名。`);
    types.set(t.key, t);
  }
  for (const key of c.disabled ?? []) {
    if (!types.delete(key)) throw configError(`cannot switch off unknown type ${key}.`, `无法停用不存在的台账类型 ${key}。`);
  }
  return types;
}

const resolved = new WeakMap<object, ReadonlyMap<string, LedgerType>>();
const BUILTIN_MAP: ReadonlyMap<string, LedgerType> = new Map(BUILTIN_LEDGER_TYPES.map((t) => [t.key, t]));

/**
 * The ledger type with this key for a tenant (built-ins when no config is given). A config object is
 * resolved once and cached by identity.
 * @throws DomainError `ledger_type_not_found` for an unknown or switched-off key; `validation_failed` for a bad config.
 */
export function resolveLedgerType(key: string, config?: object): LedgerType {
  let types = BUILTIN_MAP;
  if (config) {
    types = resolved.get(config) ?? resolveLedgerTypes(config);
    resolved.set(config, types);
  }
  const t = types.get(key);
  if (!t) throw new DomainError('ledger_type_not_found', `Unknown ledger type ${key}.`, `台账类型 ${key} 不存在。`, { ledgerType: key });
  return t;
}
