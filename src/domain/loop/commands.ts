import { z } from 'zod';
import { DomainError } from '../errors.js';
import { CADENCES, LISTING_LEVELS, PRIORITIES } from '../item.js';
import { ESCALATION_KINDS } from '../warning-rules.js';
import {
  DeadlineBasisSchema,
  InstantSchema,
  EvidenceRefsSchema,
  FieldValuesSchema,
  IdSchema,
  ItemSourceSchema,
  LocalDateSchema,
  NoteSchema,
  ReasonSchema,
  TextSchema,
  TitleSchema,
  VisitRatingSchema,
  WeightSchema,
} from './schemas.js';

/**
 * Commands of the loop (imperative, DESIGN.md "The loop"). They arrive from the CLI and the API, so `decide`
 * parses them with these schemas. `expectedVersion`, when given, must match the item's version.
 */
const command = <T extends string, D extends z.ZodType>(type: T, data: D) =>
  z.object({ type: z.literal(type), itemId: IdSchema, expectedVersion: z.number().int().positive().optional(), data }).strict();

/** 立项: record a draft. The app mints the id and the number (see numbering.ts). */
export const CreateItemSchema = command(
  'CreateItem',
  z
    .object({
      tenantId: IdSchema,
      ledgerType: IdSchema,
      number: z.string().trim().min(1).max(100),
      title: TitleSchema,
      content: z.string().max(20_000).default(''),
      source: ItemSourceSchema.default({ kind: 'manual' }),
      fields: FieldValuesSchema.default({}),
      priority: z.enum(PRIORITIES).default('normal'),
      ownerUnitId: IdSchema,
      parentId: IdSchema.nullable().default(null),
      weight: WeightSchema.default(null),
    })
    .strict(),
);

/** Change a draft; fields are a patch (null clears one). */
export const EditDraftSchema = command(
  'EditDraft',
  z
    .object({
      title: TitleSchema.optional(),
      content: z.string().max(20_000).optional(),
      source: ItemSourceSchema.optional(),
      fields: FieldValuesSchema.optional(),
      priority: z.enum(PRIORITIES).optional(),
      weight: WeightSchema.optional(),
    })
    .strict()
    .refine((d) => Object.values(d).some((v) => v !== undefined), 'nothing to change'),
);

/**
 * 修改在办事项: a supervisor corrects what an item at work says — title, requirement, priority, fields (a patch; null
 * clears one) — while its lead unit holds it. The assignment (units, deadline) changes only by 转办 or 延期.
 */
export const EditItemSchema = command(
  'EditItem',
  z
    .object({
      title: TitleSchema.optional(),
      content: z.string().max(20_000).optional(),
      fields: FieldValuesSchema.optional(),
      priority: z.enum(PRIORITIES).optional(),
    })
    .strict()
    .refine((d) => Object.values(d).some((v) => v !== undefined), 'nothing to change'),
);

/** 交办: hand the item to a lead unit and co-units, with a deadline, a report cadence, or both. */
export const AssignItemSchema = command(
  'AssignItem',
  z
    .object({
      leadUnitId: IdSchema,
      coUnitIds: z.array(IdSchema).max(100).default([]),
      deadline: LocalDateSchema.nullable().default(null),
      cadence: z.enum(CADENCES).nullable().default(null),
      /** Start of the planned span for 序时进度; today (city time) when omitted. */
      plannedStart: LocalDateSchema.optional(),
      contacts: z.record(IdSchema, z.string().trim().min(1).max(200)).default({}),
      /** The deadline as an instant, for a time limit in hours; `deadline` must be its date in the city. */
      deadlineAt: InstantSchema.optional(),
      /** How the deadline was counted, when from working days (the app fills it): it moves with a later holiday notice. */
      deadlineBasis: DeadlineBasisSchema.optional(),
    })
    .strict()
    .refine((d) => d.deadline !== null || d.cadence !== null, 'a deadline or a report cadence is needed'),
);

export const AcceptItemSchema = command('AcceptItem', z.object({ contact: z.string().trim().min(1).max(200).optional() }).strict());
export const ReturnItemSchema = command('ReturnItem', z.object({ reason: ReasonSchema }).strict());

export const ReportProgressSchema = command(
  'ReportProgress',
  z.object({ text: TextSchema, percent: z.number().min(0).max(100), evidence: EvidenceRefsSchema.default([]) }).strict(),
);

/** A co-unit's report (配合单位反馈): recorded, the state does not change. */
export const ReportAsCoUnitSchema = command(
  'ReportAsCoUnit',
  z.object({ text: TextSchema, evidence: EvidenceRefsSchema.default([]), contact: z.string().trim().min(1).max(200).optional() }).strict(),
);

export const RequestExtensionSchema = command('RequestExtension', z.object({ deadline: LocalDateSchema, reason: ReasonSchema }).strict());
/** Approve the pending extension; `deadline` lets the supervisor grant another date than the one asked. */
export const ApproveExtensionSchema = command('ApproveExtension', z.object({ deadline: LocalDateSchema.optional(), note: NoteSchema.optional() }).strict());
export const DenyExtensionSchema = command('DenyExtension', z.object({ reason: ReasonSchema }).strict());

/** 申请办结: with a summary, evidence, and the fields the type fills at closure (e.g. 调解结果). */
export const RequestClosureSchema = command(
  'RequestClosure',
  z.object({ summary: TextSchema, evidence: EvidenceRefsSchema.min(1), fields: FieldValuesSchema.default({}) }).strict(),
);

/** Pass the current closure stage; `stageKey` guards against passing a stage other than the one seen. */
export const PassStageSchema = command(
  'PassStage',
  z.object({ stageKey: z.string().min(1).optional(), note: NoteSchema.optional(), rating: VisitRatingSchema.optional() }).strict(),
);
export const RejectClosureSchema = command('RejectClosure', z.object({ stageKey: z.string().min(1).optional(), reason: ReasonSchema }).strict());

/** 回头看 found a rebound: back to work, optionally with a new deadline. */
export const ReopenItemSchema = command('ReopenItem', z.object({ reason: ReasonSchema, deadline: LocalDateSchema.optional() }).strict());
/** 回头看 found the problem still solved: what was checked, with pictures. The item stays closed. */
export const ConfirmRecheckSchema = command('ConfirmRecheck', z.object({ note: ReasonSchema, evidence: EvidenceRefsSchema.default([]) }).strict());
export const CancelItemSchema = command('CancelItem', z.object({ reason: ReasonSchema }).strict());

/** 催办 (or a later rung of the escalation ladder), by hand or by the sweep. */
export const UrgeItemSchema = command(
  'UrgeItem',
  z.object({ kind: z.enum(ESCALATION_KINDS).default('urge'), note: NoteSchema.optional(), automatic: z.boolean().default(false) }).strict(),
);

/**
 * 转办 / 改派: a supervisor moves assigned or in-progress work to another lead unit of the area. The deadline is
 * kept unless `deadline` resets it (stated in the event either way); the new lead receives it to accept.
 */
export const TransferItemSchema = command(
  'TransferItem',
  z.object({ leadUnitId: IdSchema, coUnitIds: z.array(IdSchema).max(100).optional(), reason: ReasonSchema, deadline: LocalDateSchema.optional() }).strict(),
);

/**
 * 提级: the lead unit of a dispute, appeal or hazard hands it to the unit above it, or to a named unit above it;
 * that unit receives it to accept. The deadline is kept.
 */
export const EscalateItemSchema = command('EscalateItem', z.object({ toUnitId: IdSchema.optional(), reason: ReasonSchema }).strict());

/** 退回 after 签收: the lead unit asks the supervisor's consent to give the item back (not its job). */
export const RequestReturnSchema = command('RequestReturn', z.object({ reason: ReasonSchema }).strict());
/** The supervisor's answer to a return request: approve (the item becomes a draft again) or deny with a reason. */
export const DecideReturnSchema = command('DecideReturn', z.object({ approve: z.boolean(), reason: ReasonSchema.optional() }).strict());

/** 挂牌督办: a supervisor lists a major hazard or key item at a level (市级 / 区级), with a reason. */
export const ListItemSchema = command('ListItem', z.object({ level: z.enum(LISTING_LEVELS), reason: ReasonSchema }).strict());
/** 摘牌: the listing ends once the item is closed, by the supervisor who listed it or one above. */
export const UnlistItemSchema = command('UnlistItem', z.object({ note: NoteSchema.optional() }).strict());

/** 批示: a leader's comment. */
export const GiveInstructionSchema = command('GiveInstruction', z.object({ text: TextSchema }).strict());

export const CommandSchema = z.discriminatedUnion('type', [
  CreateItemSchema,
  EditDraftSchema,
  EditItemSchema,
  AssignItemSchema,
  AcceptItemSchema,
  ReturnItemSchema,
  ReportProgressSchema,
  ReportAsCoUnitSchema,
  RequestExtensionSchema,
  ApproveExtensionSchema,
  DenyExtensionSchema,
  RequestClosureSchema,
  PassStageSchema,
  RejectClosureSchema,
  ReopenItemSchema,
  ConfirmRecheckSchema,
  CancelItemSchema,
  UrgeItemSchema,
  GiveInstructionSchema,
  TransferItemSchema,
  EscalateItemSchema,
  RequestReturnSchema,
  DecideReturnSchema,
  ListItemSchema,
  UnlistItemSchema,
]);

/** A parsed command (defaults filled in). */
export type Command = z.output<typeof CommandSchema>;
/** A command as callers may write it (defaults optional). */
export type CommandInput = z.input<typeof CommandSchema>;
export type CommandType = Command['type'];
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;

/**
 * Parses a command from the CLI or the API.
 * @throws DomainError `validation_failed` with the zod issues in `details.issues`.
 */
export function parseCommand(input: unknown): Command {
  const r = CommandSchema.safeParse(input);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  const list = issues.map((i) => `${i.path || '(command)'}: ${i.message}`).join('; ');
  throw new DomainError('validation_failed', `Invalid command: ${list}`, `指令格式有误:${list}`, { issues });
}
