import { z } from 'zod';
import { CADENCES } from '../item.js';
import { ESCALATION_KINDS } from '../warning-rules.js';

/** A name or label in both languages of the product (zh-CN first, English). */
export const LabelSchema = z.object({ zh: z.string().trim().min(1).max(100), en: z.string().trim().min(1).max(200) }).strict();
export type Label = z.infer<typeof LabelSchema>;

/** Kinds of extra field a ledger type may declare. `table` is a list of rows (e.g. the parties of a dispute). */
export const FIELD_KINDS = ['text', 'number', 'integer', 'date', 'enum', 'multi_enum', 'boolean', 'text_list', 'evidence', 'table'] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

/** Kinds allowed as a column of a `table` field. */
export const COLUMN_KINDS = ['text', 'number', 'integer', 'date', 'enum', 'boolean'] as const satisfies readonly FieldKind[];

export const EnumOptionSchema = z.object({ value: z.string().regex(/^[a-z0-9][a-z0-9_]*$/, 'snake_case code'), label: LabelSchema }).strict();
export type EnumOption = z.infer<typeof EnumOptionSchema>;

/** "When the enum field `field` holds one of `in`": makes a field required or a closure stage apply. */
export const ConditionSchema = z.object({ field: z.string().min(1), in: z.array(z.string().min(1)).min(1) }).strict();
export type Condition = z.infer<typeof ConditionSchema>;

const FIELD_NAME = /^[a-z][a-zA-Z0-9]{0,39}$/;

const fieldBase = {
  name: z.string().regex(FIELD_NAME, 'camelCase, at most 40 characters'),
  label: LabelSchema,
  required: z.boolean().optional(),
  options: z.array(EnumOptionSchema).optional(),
  min: z.number().finite().optional(),
  max: z.number().finite().optional(),
  maxLength: z.number().int().positive().max(100_000).optional(),
};

export const ColumnDefSchema = z.object({ ...fieldBase, kind: z.enum(COLUMN_KINDS) }).strict();
export type ColumnDef = z.infer<typeof ColumnDefSchema>;

/** One extra field of a ledger type (a column of its 台账). */
export const FieldDefSchema = z
  .object({
    ...fieldBase,
    kind: z.enum(FIELD_KINDS),
    /** Required only when a condition holds (e.g. 五落实 when the hazard is 重大). */
    requiredWhen: ConditionSchema.optional(),
    /** Rows of a `table` field. */
    columns: z.array(ColumnDefSchema).optional(),
    /** Personal information (PIPL): encrypted per case, masked in lists and exports, reads logged. */
    personal: z.boolean().optional(),
    /** `create` (default): filled when the item is recorded. `closure`: filled by the unit when it requests closure. */
    filledAt: z.enum(['create', 'closure']).optional(),
    /** Help text shown beside the input. */
    hint: LabelSchema.optional(),
  })
  .strict();
export type FieldDef = z.infer<typeof FieldDefSchema>;

/** A verification step of closure (审核, 验收, 公示, 审签, 上级复核, 回访 …). */
export const ClosureStageSchema = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'snake_case, at most 40 characters'),
    name: LabelSchema,
    /** Working days the stage should take; past it the stage-waiting light turns yellow. */
    timeLimitWorkingDays: z.number().int().positive().max(365).optional(),
    /** 公示: calendar days the notice runs; the stage cannot pass before it ends, and an objection rejects it. */
    publicNoticeDays: z.number().int().positive().max(90).optional(),
    /** 回访: passing records a satisfaction rating and whether the requester calls the matter solved. */
    rating: z.boolean().optional(),
    /** Who passes or rejects the stage: the supervisor (default) or a leader (审签). */
    by: z.enum(['supervisor', 'leader']).optional(),
    /** 上级复核: only a unit above the item's owner unit may pass or reject it. */
    upperLevel: z.boolean().optional(),
    /** The stage applies only to items whose enum field holds one of the values (e.g. 重大 hazards). */
    appliesWhen: ConditionSchema.optional(),
  })
  .strict();
export type ClosureStage = z.infer<typeof ClosureStageSchema>;

/** A time limit: 24 hours for a signal's verification, 10 working days for an appeal, 30 days for a directive. */
export const TimeLimitSchema = z.object({ amount: z.number().int().positive().max(3650), unit: z.enum(['hours', 'calendar_days', 'working_days']) }).strict();
export type TimeLimit = z.infer<typeof TimeLimitSchema>;

export const WarningRulesSchema = z
  .object({
    warnWorkingDays: z.number().int().min(0).max(60),
    acceptWithinWorkingDays: z.number().int().min(0).max(60),
    stageWaitWorkingDays: z.number().int().min(0).max(60),
    progressLagPercent: z.number().min(0).max(100),
    escalation: z.array(z.object({ kind: z.enum(ESCALATION_KINDS), afterWorkingDays: z.number().int().min(0).max(365) }).strict()).readonly(),
    reportLapse: z
      .object({ urgeAfterWorkingDays: z.number().int().min(0).max(60), redAfterWorkingDays: z.number().int().min(0).max(60) })
      .strict()
      .optional(),
  })
  .strict();

/**
 * 公示: what a ledger type publishes on the login-free public pages — which fields, in this order (never a
 * personal one; the texts are still masked for personal data), and how long closed items stay listed.
 */
export const DisclosureSchema = z
  .object({
    fields: z.array(z.string().min(1)).min(1).max(50),
    /** Items closed (销号) within this many months stay listed; absent or 0: only items in their notice period. */
    closedMonths: z.number().int().min(0).max(60).optional(),
  })
  .strict();

/** Kinds of field a ledger type may publish: single values a reader can take in at a glance. */
export const PUBLISHABLE_KINDS = ['text', 'number', 'integer', 'date', 'enum'] as const satisfies readonly FieldKind[];

/**
 * 上报: who besides supervisors may register items of the type, and whether a supervisor must 立项 first
 * (`approval: 'required'`: the item waits in the 待立项 queue) or the work starts at once with the reporter's own
 * unit as lead (`'none'`: a community's own dispute case). Absent: only supervisors record items of the type.
 */
export const ReportingSchema = z
  .object({
    roles: z
      .array(z.enum(['handler', 'leader']))
      .min(1)
      .max(2),
    approval: z.enum(['required', 'none']),
  })
  .strict()
  .refine((r) => new Set(r.roles).size === r.roles.length, 'each role once');

/** The shape of a ledger type before its cross-field rules are checked (see `validateLedgerType`). */
export const LedgerTypeShape = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'snake_case, 2–40 characters'),
    name: LabelSchema,
    description: LabelSchema.optional(),
    /** Prefix of the human-readable number: 督办 → 督办〔2026〕0012号. */
    numberPrefix: z
      .string()
      .trim()
      .min(1)
      .max(12)
      .refine((p) => !/[〔〕\s]/u.test(p), 'no 〔〕 or spaces'),
    fields: z.array(FieldDefSchema).max(200),
    closureStages: z.array(ClosureStageSchema).min(1).max(20),
    defaultTimeLimit: TimeLimitSchema.nullable(),
    defaultCadence: z.enum(CADENCES).nullable(),
    warningRules: WarningRulesSchema,
    /**
     * 一校一方案: one item per entity of a list; `field` names the text field that holds the entity. `leadUnitSuffix`
     * names the remit of the unit that answers for such entities by how its name ends (教育局 for schools): a plan
     * with no unit of its own goes to that unit of its district, else of the city.
     */
    perEntity: z
      .object({ field: z.string().min(1), entity: LabelSchema, leadUnitSuffix: z.string().trim().min(1).max(40).optional() })
      .strict()
      .optional(),
    /** 公示 on the public pages; absent: the type publishes nothing. */
    disclosure: DisclosureSchema.optional(),
    /** Exports (Excel, CSV) mask personal data found in free text (ID, phone, names …). */
    maskExports: z.boolean().optional(),
    /** Notifications (in-app, e-mail, SMS, corp apps) mask personal data found in the item's title. */
    maskNotifications: z.boolean().optional(),
    reporting: ReportingSchema.optional(),
    /** 回头看: calendar days after 销号 when the supervisor checks the problem stayed solved; absent: no 回头看. */
    recheckAfterDays: z.number().int().min(1).max(365).optional(),
  })
  .strict();

export type LedgerType = z.infer<typeof LedgerTypeShape>;
