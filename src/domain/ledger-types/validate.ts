import { z } from 'zod';
import { DomainError } from '../errors.js';
import { LedgerTypeShape, PUBLISHABLE_KINDS, type Condition, type FieldDef, type LedgerType } from './definition.js';

type Issue = { path: (string | number)[]; message: string };

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const v of values) (seen.has(v) ? dup : seen).add(v);
  return [...dup];
}

function checkOptionsAndColumns(f: Pick<FieldDef, 'kind' | 'options' | 'columns' | 'min' | 'max' | 'name'>, at: (string | number)[], out: Issue[]): void {
  const isEnum = f.kind === 'enum' || f.kind === 'multi_enum';
  if (isEnum && !f.options?.length) out.push({ path: [...at, 'options'], message: `enum field ${f.name} needs options` });
  if (!isEnum && f.options) out.push({ path: [...at, 'options'], message: `only enum fields take options (${f.name})` });
  for (const d of duplicates((f.options ?? []).map((o) => o.value))) out.push({ path: [...at, 'options'], message: `duplicate option ${d}` });
  if (f.kind === 'table' && !f.columns?.length) out.push({ path: [...at, 'columns'], message: `table field ${f.name} needs columns` });
  if (f.kind !== 'table' && f.columns) out.push({ path: [...at, 'columns'], message: `only table fields take columns (${f.name})` });
  if (f.min !== undefined && f.max !== undefined && f.min > f.max) out.push({ path: [...at, 'min'], message: `min above max (${f.name})` });
}

/** A condition must name a required-or-not enum field recorded at creation, and only values it offers. */
function checkCondition(c: Condition, fields: readonly FieldDef[], at: (string | number)[], out: Issue[]): void {
  const target = fields.find((f) => f.name === c.field);
  if (!target || target.kind !== 'enum') {
    out.push({ path: at, message: `condition names ${c.field}, which is not an enum field of this type` });
    return;
  }
  if (target.personal) out.push({ path: at, message: `condition field ${c.field} is personal and cannot drive the workflow` });
  if (target.filledAt === 'closure') out.push({ path: at, message: `condition field ${c.field} is only filled at closure` });
  const values = new Set((target.options ?? []).map((o) => o.value));
  for (const v of c.in) if (!values.has(v)) out.push({ path: at, message: `condition value ${v} is not an option of ${c.field}` });
}

function checkFields(t: LedgerType, out: Issue[]): void {
  for (const d of duplicates(t.fields.map((f) => f.name))) out.push({ path: ['fields'], message: `duplicate field ${d}` });
  t.fields.forEach((f, i) => {
    checkOptionsAndColumns(f, ['fields', i], out);
    f.columns?.forEach((c, j) => checkOptionsAndColumns(c, ['fields', i, 'columns', j], out));
    for (const d of duplicates((f.columns ?? []).map((c) => c.name))) out.push({ path: ['fields', i, 'columns'], message: `duplicate column ${d}` });
    if (f.required && f.requiredWhen) out.push({ path: ['fields', i], message: `${f.name} is both required and conditionally required` });
    if (f.requiredWhen) checkCondition(f.requiredWhen, t.fields, ['fields', i, 'requiredWhen'], out);
  });
}

/** Every item must meet at least one closure stage whatever its fields hold. */
function checkStages(t: LedgerType, out: Issue[]): void {
  const stages = t.closureStages;
  for (const d of duplicates(stages.map((s) => s.key))) out.push({ path: ['closureStages'], message: `duplicate stage ${d}` });
  stages.forEach((s, i) => {
    if (s.publicNoticeDays !== undefined && s.rating) out.push({ path: ['closureStages', i], message: `stage ${s.key} cannot be both a notice and a visit` });
    if (s.appliesWhen) checkCondition(s.appliesWhen, t.fields, ['closureStages', i, 'appliesWhen'], out);
  });
  if (stages.length === 0 || stages.some((s) => !s.appliesWhen)) return;
  const on = new Set(stages.map((s) => s.appliesWhen!.field));
  const field = t.fields.find((f) => f.name === [...on][0]);
  const covered = new Set(stages.flatMap((s) => s.appliesWhen!.in));
  const complete = on.size === 1 && field?.required === true && (field.options ?? []).every((o) => covered.has(o.value));
  if (!complete) {
    out.push({
      path: ['closureStages'],
      message: 'every stage is conditional and some items would meet none: add an unconditional stage or cover every value of one required field',
    });
  }
}

function checkPerEntity(t: LedgerType, out: Issue[]): void {
  if (!t.perEntity) return;
  const f = t.fields.find((x) => x.name === t.perEntity!.field);
  if (!f || f.kind !== 'text' || !f.required || f.personal) {
    out.push({ path: ['perEntity', 'field'], message: `perEntity.field must name a required, non-personal text field` });
  }
}

/** A published field must exist, hold one value of a publishable kind, and never be personal. */
function checkDisclosure(t: LedgerType, out: Issue[]): void {
  if (!t.disclosure) return;
  for (const d of duplicates(t.disclosure.fields)) out.push({ path: ['disclosure', 'fields'], message: `field ${d} is published twice` });
  t.disclosure.fields.forEach((name, i) => {
    const f = t.fields.find((x) => x.name === name);
    const at = ['disclosure', 'fields', i];
    if (!f) out.push({ path: at, message: `published field ${name} is not a field of this type` });
    else if (f.personal) out.push({ path: at, message: `field ${name} is personal information and cannot be published` });
    else if (!(PUBLISHABLE_KINDS as readonly string[]).includes(f.kind)) {
      out.push({ path: at, message: `field ${name} (${f.kind}) cannot be published: only ${PUBLISHABLE_KINDS.join(', ')}` });
    }
  });
}

/** A ledger type definition with its cross-field rules checked (conditions, options, stages, per-entity). */
export const LedgerTypeSchema = LedgerTypeShape.superRefine((t, ctx) => {
  const out: Issue[] = [];
  checkFields(t, out);
  checkStages(t, out);
  checkPerEntity(t, out);
  checkDisclosure(t, out);
  for (const issue of out) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
});

/** Renders zod issues as `path: message; …` for error messages and details. */
export function describeIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/**
 * Checks a ledger type definition (a built-in, a tenant's override or a custom type) and returns it typed.
 * @throws DomainError `validation_failed` listing every problem found (`details.issues`).
 */
export function validateLedgerType(input: unknown): LedgerType {
  const r = LedgerTypeSchema.safeParse(input);
  if (r.success) return r.data;
  const issues = describeIssues(r.error);
  const key = typeof input === 'object' && input !== null && 'key' in input ? String((input as { key: unknown }).key) : '?';
  const list = issues.map((i) => `${i.path || '(type)'}: ${i.message}`).join('; ');
  throw new DomainError('validation_failed', `Ledger type ${key} is invalid: ${list}`, `台账类型 ${key} 定义有误:${list}`, { issues });
}
