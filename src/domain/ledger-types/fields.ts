import { z } from 'zod';
import { DomainError } from '../errors.js';
import { isLocalDate } from '../time.js';
import type { ColumnDef, Condition, FieldDef, LedgerType } from './definition.js';

/** Extra field values of an item, keyed by field name. */
export type FieldValues = Readonly<Record<string, unknown>>;

const DEFAULT_MAX_TEXT = 5000;
const MAX_LIST = 500;

function numberSchema(f: ColumnDef | FieldDef, integer: boolean): z.ZodType {
  let s = integer ? z.number().int() : z.number().finite();
  if (f.min !== undefined) s = s.min(f.min);
  if (f.max !== undefined) s = s.max(f.max);
  return s;
}

function enumValues(f: ColumnDef | FieldDef): [string, ...string[]] {
  return (f.options ?? []).map((o) => o.value) as [string, ...string[]];
}

/**
 * Schemas built per definition, once: building a zod schema costs more than checking a value with it, and
 * every item created or edited checks its fields. Definitions are frozen data (a changed ledger type is a new
 * object), so an entry can never go stale.
 */
const schemas = new WeakMap<ColumnDef | FieldDef, z.ZodType>();

/** The zod schema of one value of a field or column (never null: absence is handled by the caller). */
export function valueSchema(f: ColumnDef | FieldDef): z.ZodType {
  let schema = schemas.get(f);
  if (!schema) schemas.set(f, (schema = buildValueSchema(f)));
  return schema;
}

function buildValueSchema(f: ColumnDef | FieldDef): z.ZodType {
  switch (f.kind) {
    case 'text':
      return z
        .string()
        .trim()
        .min(1)
        .max(f.maxLength ?? DEFAULT_MAX_TEXT);
    case 'number':
      return numberSchema(f, false);
    case 'integer':
      return numberSchema(f, true);
    case 'date':
      return z.string().refine(isLocalDate, 'a date written YYYY-MM-DD');
    case 'enum':
      return z.enum(enumValues(f));
    case 'boolean':
      return z.boolean();
    case 'multi_enum':
      return z
        .array(z.enum(enumValues(f)))
        .max(MAX_LIST)
        .refine((a) => new Set(a).size === a.length, 'no repeated values');
    case 'text_list':
      return z
        .array(
          z
            .string()
            .trim()
            .min(1)
            .max(f.maxLength ?? DEFAULT_MAX_TEXT),
        )
        .max(MAX_LIST);
    case 'evidence':
      return z.array(z.string().min(1).max(500)).max(MAX_LIST);
    case 'table':
      return z.array(rowSchema((f as FieldDef).columns ?? [])).max(MAX_LIST);
  }
}

function rowSchema(columns: readonly ColumnDef[]): z.ZodType {
  const shape: Record<string, z.ZodType> = {};
  for (const c of columns) shape[c.name] = c.required ? valueSchema(c) : valueSchema(c).nullish();
  return z.object(shape).strict();
}

/** True when a value counts as given: not absent, not null, not an empty list. */
function isPresent(v: unknown): boolean {
  return v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0);
}

/** Whether a condition holds for the given values. */
export function conditionHolds(c: Condition, values: FieldValues): boolean {
  const v = values[c.field];
  return typeof v === 'string' && c.in.includes(v);
}

function isRequired(f: FieldDef, values: FieldValues): boolean {
  return f.required === true || (f.requiredWhen !== undefined && conditionHolds(f.requiredWhen, values));
}

/** The fields that hold personal information (the parties of a dispute, an appeal's contact). */
export function personalFieldNames(type: LedgerType): string[] {
  return type.fields.filter((f) => f.personal).map((f) => f.name);
}

type Problem = { field: string; label: string; message: string };

function fail(type: LedgerType, problems: readonly Problem[]): DomainError {
  const en = problems.map((p) => `${p.field}: ${p.message}`).join('; ');
  const zh = problems.map((p) => `${p.label}(${p.message === 'required' ? '必填' : '填写有误:' + p.message})`).join('、');
  return new DomainError('validation_failed', `Invalid fields for ${type.key}: ${en}`, `${type.name.zh}字段填写有误:${zh}`, {
    issues: problems.map(({ field, message }) => ({ path: `fields.${field}`, message })),
  });
}

/**
 * Which stage of the loop fills the fields: `draft` (create and edit: fields recorded at creation; fields
 * filled at closure may already be given) or `closure` (request closure: only closure fields may change,
 * and every required field of the type must then be present).
 */
export type FieldPhase = 'draft' | 'closure';

/**
 * Validates a patch of extra fields against the item's current values and returns the cleaned patch (texts
 * trimmed). A null value clears a field. Values already stored and not patched are not re-validated: personal
 * ones hold an encrypted envelope by then. On creation pass `{}` as the current values.
 * @throws DomainError `validation_failed` naming each unknown, malformed, misplaced or missing field.
 */
export function validateFieldPatch(type: LedgerType, current: FieldValues, patch: FieldValues, phase: FieldPhase): Record<string, unknown> {
  const problems: Problem[] = [];
  const cleaned: Record<string, unknown> = {};
  const defs = new Map(type.fields.map((f) => [f.name, f]));
  for (const [name, value] of Object.entries(patch)) {
    const f = defs.get(name);
    if (!f) {
      problems.push({ field: name, label: name, message: 'unknown field' });
      continue;
    }
    if (phase === 'closure' && f.filledAt !== 'closure') {
      problems.push({ field: name, label: f.label.zh, message: 'can only change while the item is a draft' });
      continue;
    }
    if (value === null || value === undefined) {
      cleaned[name] = null;
      continue;
    }
    const r = valueSchema(f).safeParse(value);
    if (r.success) cleaned[name] = r.data;
    else problems.push({ field: name, label: f.label.zh, message: r.error.issues.map((i) => i.message).join(', ') });
  }
  const merged: FieldValues = { ...current, ...cleaned };
  for (const f of type.fields) {
    const due = phase === 'closure' || f.filledAt !== 'closure';
    if (due && isRequired(f, merged) && !isPresent(merged[f.name]) && !problems.some((p) => p.field === f.name)) {
      problems.push({ field: f.name, label: f.label.zh, message: 'required' });
    }
  }
  if (problems.length > 0) throw fail(type, problems);
  return cleaned;
}

/** Applies a cleaned patch: a null value removes the field. */
export function applyFieldPatch(current: FieldValues, patch: FieldValues): Record<string, unknown> {
  const out: Record<string, unknown> = { ...current };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}

const schemaCache = new WeakMap<LedgerType, Map<FieldPhase, z.ZodType<Record<string, unknown>>>>();

/**
 * The zod schema of a whole, plain `fields` object of this type (for imports and API bodies): unknown keys
 * are refused, each value is checked, and the fields required in the phase (conditions included) must be
 * present. Built once per type object and phase.
 */
export function fieldsSchema(type: LedgerType, phase: FieldPhase = 'draft'): z.ZodType<Record<string, unknown>> {
  let byPhase = schemaCache.get(type);
  if (!byPhase) schemaCache.set(type, (byPhase = new Map()));
  const hit = byPhase.get(phase);
  if (hit) return hit;
  const shape: Record<string, z.ZodType> = {};
  for (const f of type.fields) shape[f.name] = valueSchema(f).nullish();
  const schema = z
    .object(shape)
    .strict()
    .superRefine((values, ctx) => {
      for (const f of type.fields) {
        const due = phase === 'closure' || f.filledAt !== 'closure';
        if (due && isRequired(f, values) && !isPresent(values[f.name])) ctx.addIssue({ code: 'custom', path: [f.name], message: 'required' });
      }
    }) as z.ZodType<Record<string, unknown>>;
  byPhase.set(phase, schema);
  return schema;
}
