import type { z } from 'zod';
import type { LedgerConfigViewSchema } from '../../../../src/contracts/http/ledger-types.js';

/*
 * The editor of the ledger type settings works on one draft per type (the values the tenant's type has now)
 * and turns the drafts back into the configuration the server stores: for a built-in type only what differs
 * from the type as shipped (an override), for the city's own types the whole definition.
 */

export type LedgerConfigView = z.infer<typeof LedgerConfigViewSchema>;
export type LedgerConfig = LedgerConfigView['config'];
type TypeDef = LedgerConfigView['builtin'][number];
type Override = NonNullable<LedgerConfig['overrides']>[string];
export type Stage = TypeDef['closureStages'][number];
export type Field = TypeDef['fields'][number];
export type TimeLimit = NonNullable<TypeDef['defaultTimeLimit']>;
export type WarningRules = TypeDef['warningRules'];
export type EscalationStep = WarningRules['escalation'][number];
export type EscalationKind = EscalationStep['kind'];
type Cadence = TypeDef['defaultCadence'];
export interface Label {
  zh: string;
  en: string;
}

/** Kinds a field added in the editor may have (enums and tables need options or columns: use the API or the CLI). */
export const SIMPLE_KINDS = ['text', 'number', 'integer', 'date', 'boolean', 'text_list', 'evidence'] as const;
export const TIME_UNITS = ['calendar_days', 'working_days', 'hours'] as const;
export const WARNING_KEYS = ['warnWorkingDays', 'acceptWithinWorkingDays', 'stageWaitWorkingDays', 'progressLagPercent'] as const;
/** The rungs of the escalation ladder in the order they are usually climbed: 催办 → 督办函 → 通报. */
export const ESCALATION_KINDS = ['urge', 'supervision_letter', 'bulletin'] as const satisfies readonly EscalationKind[];
// The web app cannot import the domain's list: this stops compiling when the server gains a kind the editor lacks.
const _everyKind: readonly (typeof ESCALATION_KINDS)[number][] = [] as EscalationKind[];
void _everyKind;
/** The type a new city type copies its stages, time limit, warning rules and fields from unless told otherwise (督办). */
export const DEFAULT_TEMPLATE = 'directive';

export interface FieldDraft {
  readonly def: Field;
  /** Recorded items may hold it: it stays (relabel it, make it optional or required). */
  readonly stored: boolean;
}

export interface TypeDraft {
  readonly key: string;
  /** One of the city's own types (not a built-in). */
  readonly custom: boolean;
  readonly disabled: boolean;
  readonly name: Label;
  readonly timeLimit: TimeLimit | null;
  readonly warningRules: WarningRules;
  readonly stages: readonly Stage[];
  readonly fields: readonly FieldDraft[];
  /**
   * Set on a city type created in the editor and not saved yet (it can still be removed): the parts of its
   * definition the other drafts keep in the stored configuration.
   */
  readonly created?: { readonly numberPrefix: string; readonly defaultCadence: Cadence };
}

/** Deep equality of JSON values, key order ignored. */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => same(x, (b as unknown[])[i]));
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** The drafts of every type (switched-off ones included), in the order the server lists them. */
export function draftsOf(view: LedgerConfigView): TypeDraft[] {
  const customKeys = new Set((view.config.custom ?? []).map((c) => (c as { key?: string }).key));
  return view.types.map((t) => ({
    key: t.key,
    custom: customKeys.has(t.key),
    disabled: t.disabled,
    name: { ...t.name },
    timeLimit: t.defaultTimeLimit ? { ...t.defaultTimeLimit } : null,
    warningRules: { ...t.warningRules },
    stages: t.closureStages.map((s) => ({ ...s })),
    fields: t.fields.map((f) => ({ def: f, stored: true })),
  }));
}

function overrideOf(base: TypeDef, d: TypeDraft, previous: Override | undefined): Override | null {
  const o: Record<string, unknown> = {};
  // Settings the editor does not show are kept as they were.
  for (const k of ['description', 'numberPrefix', 'defaultCadence'] as const) if (previous?.[k] !== undefined) o[k] = previous[k];
  if (!same(d.name, base.name)) o.name = d.name;
  if (!same(d.timeLimit, base.defaultTimeLimit)) o.defaultTimeLimit = d.timeLimit;
  const warnings: Record<string, unknown> = {};
  for (const k of [...WARNING_KEYS, 'escalation'] as const) if (!same(d.warningRules[k], base.warningRules[k])) warnings[k] = d.warningRules[k];
  if (Object.keys(warnings).length > 0) o.warningRules = warnings;
  if (!same(d.stages, base.closureStages)) o.closureStages = d.stages;
  const baseFields = new Map(base.fields.map((f) => [f.name, f]));
  const fieldOverrides: Record<string, { label?: Label; required?: boolean; hint?: Label }> = {};
  const added: Field[] = [];
  for (const { def } of d.fields) {
    const b = baseFields.get(def.name);
    if (!b) {
      added.push(def);
      continue;
    }
    const fo: { label?: Label; required?: boolean; hint?: Label } = {};
    if (!same(def.label, b.label)) fo.label = def.label;
    if (Boolean(def.required) !== Boolean(b.required)) fo.required = Boolean(def.required);
    if (def.hint && !same(def.hint, b.hint)) fo.hint = def.hint;
    if (Object.keys(fo).length > 0) fieldOverrides[def.name] = fo;
  }
  if (Object.keys(fieldOverrides).length > 0) o.fieldOverrides = fieldOverrides;
  if (added.length > 0) o.addFields = added;
  return Object.keys(o).length > 0 ? (o as Override) : null;
}

function customOf(previous: Record<string, unknown>, d: TypeDraft): Record<string, unknown> {
  return { ...previous, name: d.name, defaultTimeLimit: d.timeLimit, warningRules: d.warningRules, closureStages: d.stages, fields: d.fields.map((f) => f.def) };
}

/** The configuration the drafts stand for, ready for PUT /ledger-types/config. */
export function configOf(view: LedgerConfigView, drafts: readonly TypeDraft[]): LedgerConfig {
  const byKey = new Map(drafts.map((d) => [d.key, d]));
  const overrides: Record<string, Override> = {};
  for (const base of view.builtin) {
    const d = byKey.get(base.key);
    const o = d ? overrideOf(base, d, view.config.overrides?.[base.key]) : (view.config.overrides?.[base.key] ?? null);
    if (o) overrides[base.key] = o;
  }
  const custom = (view.config.custom ?? []).map((c) => {
    const prev = c as Record<string, unknown>;
    const d = byKey.get(String(prev.key));
    return d ? customOf(prev, d) : prev;
  });
  for (const d of drafts) {
    if (d.created) custom.push(customOf({ key: d.key, numberPrefix: d.created.numberPrefix, defaultCadence: d.created.defaultCadence }, d));
  }
  const disabled = drafts.filter((d) => d.disabled).map((d) => d.key);
  return {
    ...(Object.keys(overrides).length > 0 && { overrides }),
    ...(custom.length > 0 && { custom }),
    ...(disabled.length > 0 && { disabled }),
  };
}

/** Whether the drafts differ from what is stored. */
export const isDirty = (view: LedgerConfigView, drafts: readonly TypeDraft[]): boolean => !same(configOf(view, drafts), view.config);

/** The list with the item at `i` moved by `delta` places (kept within bounds). */
export function move<T>(list: readonly T[], i: number, delta: number): T[] {
  const j = Math.min(list.length - 1, Math.max(0, i + delta));
  const out = [...list];
  const [x] = out.splice(i, 1);
  out.splice(j, 0, x!);
  return out;
}

/** A new closure stage with a key no other stage of the type has (`stage_2`, `stage_3` …). */
export function newStage(stages: readonly Stage[], name: Label): Stage {
  const keys = new Set(stages.map((s) => s.key));
  let n = stages.length + 1;
  while (keys.has(`stage_${n}`)) n += 1;
  return { key: `stage_${n}`, name, by: 'supervisor' };
}

export type FieldProblem = 'name_format' | 'name_taken' | 'label_missing';

/** What is wrong with a field about to be added (the server checks again). */
export function fieldProblem(fields: readonly FieldDraft[], def: { name: string; label: Label }): FieldProblem | null {
  if (!/^[a-z][a-zA-Z0-9]{0,39}$/.test(def.name)) return 'name_format';
  if (fields.some((f) => f.def.name === def.name)) return 'name_taken';
  if (!def.label.zh.trim() || !def.label.en.trim()) return 'label_missing';
  return null;
}

/** What the system admin gives for a new city type; the rest is copied from the type `from`. */
export interface NewTypeInput {
  readonly key: string;
  readonly name: Label;
  readonly numberPrefix: string;
  readonly from: string;
}

export type NewTypeProblem = 'key_format' | 'key_taken' | 'name_missing' | 'prefix_format' | 'template_missing';

/** The rule of the definition schema for a type's key: snake_case, 2–40 characters. */
const TYPE_KEY = /^[a-z][a-z0-9_]{1,39}$/;

/** What is wrong with a new city type about to be created (the server checks the whole definition again). */
export function newTypeProblem(view: LedgerConfigView, drafts: readonly TypeDraft[], input: NewTypeInput): NewTypeProblem | null {
  if (!TYPE_KEY.test(input.key)) return 'key_format';
  // Switched-off types keep their key: their recorded items still name it.
  const taken = new Set([...drafts.map((d) => d.key), ...view.builtin.map((t) => t.key), ...(view.config.custom ?? []).map((c) => String((c as { key?: unknown }).key))]);
  if (taken.has(input.key)) return 'key_taken';
  if (!input.name.zh.trim() || !input.name.en.trim()) return 'name_missing';
  const prefix = input.numberPrefix.trim();
  if (prefix.length === 0 || prefix.length > 12 || /[〔〕\s]/u.test(prefix)) return 'prefix_format';
  if (!drafts.some((d) => d.key === input.from)) return 'template_missing';
  return null;
}

/**
 * The drafts with a new city type at the end: the key, names and number prefix given, and a copy of the
 * stages, time limit, warning rules, fields and reporting cadence the type `from` has in the editor now.
 * No item can hold the copied fields yet, so they may be removed.
 * @throws Error when `newTypeProblem` finds the input wrong (the editor checks first).
 */
export function withNewType(view: LedgerConfigView, drafts: readonly TypeDraft[], input: NewTypeInput): TypeDraft[] {
  const problem = newTypeProblem(view, drafts, input);
  if (problem) throw new Error(`new ledger type: ${problem}`);
  const from = drafts.find((d) => d.key === input.from)!;
  const defaultCadence = from.created?.defaultCadence ?? view.types.find((t) => t.key === from.key)?.defaultCadence ?? null;
  const draft: TypeDraft = {
    key: input.key,
    custom: true,
    disabled: false,
    name: { zh: input.name.zh.trim(), en: input.name.en.trim() },
    timeLimit: from.timeLimit ? { ...from.timeLimit } : null,
    warningRules: { ...from.warningRules, escalation: from.warningRules.escalation.map((s) => ({ ...s })) },
    stages: from.stages.map((s) => ({ ...s })),
    fields: from.fields.map((f) => ({ def: f.def, stored: false })),
    created: { numberPrefix: input.numberPrefix.trim(), defaultCadence },
  };
  return [...drafts, draft];
}

/** The drafts without the new city type `key`; a type already saved stays (it can only be switched off). */
export const withoutNewType = (drafts: readonly TypeDraft[], key: string): TypeDraft[] => drafts.filter((d) => !(d.key === key && d.created));

/** A step to add at the top of the ladder: the rung after the last one, five working days after it. */
export function nextEscalationStep(steps: readonly EscalationStep[]): EscalationStep {
  const last = steps.at(-1);
  if (!last) return { kind: 'urge', afterWorkingDays: 0 };
  const i = Math.min(ESCALATION_KINDS.length - 1, ESCALATION_KINDS.indexOf(last.kind) + 1);
  return { kind: ESCALATION_KINDS[i]!, afterWorkingDays: Math.min(365, last.afterWorkingDays + 5) };
}

/**
 * The first step due sooner than the one before it, or null. Steps are taken in the order listed (the sweep
 * waits for each before the next), so such a step would in effect come with the one before it.
 */
export function escalationOutOfOrder(steps: readonly EscalationStep[]): number | null {
  const i = steps.findIndex((s, j) => j > 0 && s.afterWorkingDays < steps[j - 1]!.afterWorkingDays);
  return i < 0 ? null : i;
}

export interface Issue {
  readonly path: string;
  readonly message: string;
}

/** The issues of a refused configuration (problem+json `details.issues`), if it has any. */
export function issuesOf(details: Readonly<Record<string, unknown>> | null | undefined): Issue[] {
  const raw = details?.issues;
  if (!Array.isArray(raw)) return [];
  return raw.filter((i): i is Issue => typeof i === 'object' && i !== null && typeof (i as Issue).path === 'string' && typeof (i as Issue).message === 'string');
}

export type IssueSection = 'name' | 'numberPrefix' | 'timeLimit' | 'warnings' | 'escalation' | 'stages' | 'fields' | 'enabled';

/** Where an issue points in the editor: the type, the part of it, and the stage or field. */
export interface IssueWhere {
  readonly typeKey: string | null;
  readonly section: IssueSection | null;
  /** 0-based index of the closure stage. */
  readonly stage?: number;
  /** Code of the field. */
  readonly field?: string;
  /** 0-based index of the escalation step. */
  readonly step?: number;
}

const SECTIONS: Readonly<Record<string, IssueSection>> = {
  name: 'name',
  numberPrefix: 'numberPrefix',
  defaultTimeLimit: 'timeLimit',
  warningRules: 'warnings',
  closureStages: 'stages',
  fields: 'fields',
  addFields: 'fields',
  fieldOverrides: 'fields',
  disabled: 'enabled',
};

/**
 * Reads an issue's path — the server's `directive.closureStages.0.name.zh`, or a request-schema pointer
 * `/overrides/directive/closureStages/0/name/zh` — against the drafts, so the editor can say where it is.
 */
export function issueWhere(path: string, drafts: readonly TypeDraft[]): IssueWhere {
  const parts = path.split(/[./]/).filter(Boolean);
  if (parts[0] === 'overrides') parts.shift();
  const type = drafts.find((d) => d.key === parts[0]);
  if (!type) return { typeKey: null, section: parts[0] === 'disabled' ? 'enabled' : null };
  const at = parts[2];
  if (parts[1] === 'warningRules' && at === 'escalation') {
    const step = parts[3];
    return { typeKey: type.key, section: 'escalation', ...(step !== undefined && /^\d+$/.test(step) && { step: Number(step) }) };
  }
  const section = SECTIONS[parts[1] ?? ''] ?? null;
  const where: IssueWhere = { typeKey: type.key, section };
  if (section === 'stages' && at !== undefined && /^\d+$/.test(at)) return { ...where, stage: Number(at) };
  if (parts[1] === 'fields' && at !== undefined && /^\d+$/.test(at)) return { ...where, field: type.fields[Number(at)]?.def.name };
  if (parts[1] === 'fieldOverrides' && at !== undefined) return { ...where, field: at };
  return where;
}
