import { z } from 'zod';
import { DomainError } from '../errors.js';
import { CADENCES, LISTING_LEVELS, PRIORITIES } from '../item.js';
import { ESCALATION_KINDS } from '../warning-rules.js';
import {
  ActorRefSchema,
  DeadlineBasisSchema,
  EvidenceRefsSchema,
  FieldValuesSchema,
  IdSchema,
  InstantSchema,
  ItemSourceSchema,
  LocalDateSchema,
  ReasonSchema,
  VisitRatingSchema,
  WeightSchema,
} from './schemas.js';

/**
 * Events of the loop (past tense). Each carries what `evolve` needs to rebuild the item exactly, including
 * its time: `evolve` never reads a clock. `version` is the item's version after the action; the events of
 * one action (StagePassed + ItemClosed) share it.
 */
const event = <T extends string, D extends z.ZodType>(type: T, data: D) =>
  z.object({ type: z.literal(type), itemId: IdSchema, version: z.number().int().positive(), at: InstantSchema, by: ActorRefSchema, data }).strict();

const empty = z.object({}).strict();
const StageRefSchema = z.object({ stageIndex: z.number().int().min(0), stageKey: z.string().min(1) }).strict();

export const ItemCreatedSchema = event(
  'ItemCreated',
  z
    .object({
      tenantId: IdSchema,
      ledgerType: IdSchema,
      number: z.string().min(1),
      title: z.string().min(1),
      content: z.string(),
      source: ItemSourceSchema,
      fields: FieldValuesSchema,
      priority: z.enum(PRIORITIES),
      ownerUnitId: IdSchema,
      parentId: IdSchema.nullable(),
      weight: WeightSchema,
      /**
       * 上报 by a unit that is not its supervisor: `pending` waits for a supervisor's 立项, `own` is the unit's own
       * case, run by itself. Absent: recorded by a supervisor.
       */
      intake: z.enum(['pending', 'own']).optional(),
    })
    .strict(),
);

/** Only the changed parts; a null field value removes the field. */
export const DraftEditedSchema = event(
  'DraftEdited',
  z
    .object({
      title: z.string().min(1).optional(),
      content: z.string().optional(),
      source: ItemSourceSchema.optional(),
      fields: FieldValuesSchema.optional(),
      priority: z.enum(PRIORITIES).optional(),
      weight: WeightSchema.optional(),
    })
    .strict(),
);

/** An item at work corrected by its supervisor (修改在办事项): only the changed parts; a null field value removes the field. */
export const ItemEditedSchema = event(
  'ItemEdited',
  z
    .object({
      title: z.string().min(1).optional(),
      content: z.string().optional(),
      fields: FieldValuesSchema.optional(),
      priority: z.enum(PRIORITIES).optional(),
    })
    .strict(),
);

export const ItemAssignedSchema = event(
  'ItemAssigned',
  z
    .object({
      leadUnitId: IdSchema,
      coUnitIds: z.array(IdSchema),
      deadline: LocalDateSchema.nullable(),
      cadence: z.enum(CADENCES).nullable(),
      plannedStart: LocalDateSchema,
      contacts: z.record(IdSchema, z.string()),
      deadlineAt: InstantSchema.optional(),
      deadlineBasis: DeadlineBasisSchema.optional(),
      /** 立项 of a reported item (待立项) in the same step: the supervisor's unit takes it over from the reporting unit. */
      ownerUnitId: IdSchema.optional(),
    })
    .strict(),
);

/** `late`: accepted after the type's acceptance window (签收超时), written only when true so on-time events stay as they were. */
export const ItemAcceptedSchema = event('ItemAccepted', z.object({ contact: z.string().nullable(), late: z.literal(true).optional() }).strict());
export const ItemReturnedSchema = event('ItemReturned', z.object({ reason: ReasonSchema, fromUnitId: IdSchema }).strict());
export const ProgressReportedSchema = event('ProgressReported', z.object({ text: z.string(), percent: z.number().min(0).max(100), evidence: EvidenceRefsSchema }).strict());
export const CoUnitReportedSchema = event(
  'CoUnitReported',
  z.object({ unitId: IdSchema, text: z.string(), evidence: EvidenceRefsSchema, contact: z.string().nullable() }).strict(),
);
export const ExtensionRequestedSchema = event('ExtensionRequested', z.object({ deadline: LocalDateSchema, reason: ReasonSchema }).strict());
export const ExtensionApprovedSchema = event(
  'ExtensionApproved',
  z.object({ deadline: LocalDateSchema, previousDeadline: LocalDateSchema, requestedDeadline: LocalDateSchema, note: z.string().nullable() }).strict(),
);
export const ExtensionDeniedSchema = event('ExtensionDenied', z.object({ reason: ReasonSchema, requestedDeadline: LocalDateSchema }).strict());
export const ClosureRequestedSchema = event(
  'ClosureRequested',
  z.object({ summary: z.string(), evidence: EvidenceRefsSchema, fields: FieldValuesSchema, stage: StageRefSchema }).strict(),
);
/** `next` is the stage that now waits, or null when this was the last one (an ItemClosed follows). */
export const StagePassedSchema = event(
  'StagePassed',
  z.object({ stage: StageRefSchema, note: z.string().nullable(), rating: VisitRatingSchema.nullable(), next: StageRefSchema.nullable() }).strict(),
);
export const ClosureRejectedSchema = event('ClosureRejected', z.object({ stage: StageRefSchema, reason: ReasonSchema }).strict());
export const ItemClosedSchema = event('ItemClosed', empty);
export const ItemReopenedSchema = event('ItemReopened', z.object({ reason: ReasonSchema, deadline: LocalDateSchema.nullable() }).strict());
export const ItemCancelledSchema = event('ItemCancelled', z.object({ reason: ReasonSchema, fromStatus: z.enum(['draft', 'assigned', 'in_progress', 'closing']) }).strict());
export const ItemUrgedSchema = event('ItemUrged', z.object({ kind: z.enum(ESCALATION_KINDS), note: z.string().nullable(), automatic: z.boolean() }).strict());
export const InstructionGivenSchema = event('InstructionGiven', z.object({ text: z.string() }).strict());
/** 转办/改派 (`kind` transfer) or 提级 (`kind` escalation): the item goes to a new lead unit, which must accept it. */
export const ItemMovedSchema = event(
  'ItemMoved',
  z
    .object({
      kind: z.enum(['transfer', 'escalation']),
      fromUnitId: IdSchema,
      leadUnitId: IdSchema,
      coUnitIds: z.array(IdSchema),
      reason: ReasonSchema,
      previousDeadline: LocalDateSchema.nullable(),
      deadline: LocalDateSchema.nullable(),
      /** Whether the deadline was reset (else kept): every move says which. */
      deadlineReset: z.boolean(),
    })
    .strict(),
);
export const ReturnRequestedSchema = event('ReturnRequested', z.object({ reason: ReasonSchema, fromUnitId: IdSchema }).strict());
export const ReturnApprovedSchema = event('ReturnApproved', z.object({ fromUnitId: IdSchema, requestReason: ReasonSchema }).strict());
export const ReturnDeniedSchema = event('ReturnDenied', z.object({ reason: ReasonSchema }).strict());

/**
 * A provisional deadline counted again when the year's holiday notice was loaded (see deadline-adjust.ts): not an
 * extension, so the original deadline moves with it when it was the same date.
 */
export const DeadlineAdjustedSchema = event(
  'DeadlineAdjusted',
  z.object({ previousDeadline: LocalDateSchema, deadline: LocalDateSchema, noticeYear: z.number().int(), basis: DeadlineBasisSchema }).strict(),
);

/** 挂牌督办 at a level, with the reason. */
export const ItemListedSchema = event('ItemListed', z.object({ level: z.enum(LISTING_LEVELS), reason: ReasonSchema }).strict());
/** 摘牌: the listing of `listedBy` at `level` ends; `note` is the supervisor's remark. */
export const ItemUnlistedSchema = event('ItemUnlisted', z.object({ level: z.enum(LISTING_LEVELS), listedBy: IdSchema, note: z.string().nullable() }).strict());

/**
 * A reminder that the deadline is near (临期提醒): the item entered its last `warnWorkingDays` working days before
 * `deadline`. Written by the day job once per item and deadline (see reminders.ts), so the lead unit hears of it
 * and the record shows it was told.
 */
export const DeadlineNearSchema = event('DeadlineNear', z.object({ deadline: LocalDateSchema, workingDaysLeft: z.number().int().min(0) }).strict());
/**
 * 回头看 due: `afterDays` after the closure at `closedAt` the supervisor checks that the problem stayed solved.
 * Written by the day job once per closure (see reminders.ts).
 */
export const RecheckDueSchema = event('RecheckDue', z.object({ closedAt: InstantSchema, dueOn: LocalDateSchema, afterDays: z.number().int().positive() }).strict());
/** 回头看 found the problem still solved: the note (and pictures) of what was checked. The item stays closed. */
export const RecheckConfirmedSchema = event('RecheckConfirmed', z.object({ note: ReasonSchema, evidence: EvidenceRefsSchema }).strict());

export const ItemEventSchema = z.discriminatedUnion('type', [
  ItemCreatedSchema,
  DraftEditedSchema,
  ItemEditedSchema,
  ItemAssignedSchema,
  ItemAcceptedSchema,
  ItemReturnedSchema,
  ProgressReportedSchema,
  CoUnitReportedSchema,
  ExtensionRequestedSchema,
  ExtensionApprovedSchema,
  ExtensionDeniedSchema,
  ClosureRequestedSchema,
  StagePassedSchema,
  ClosureRejectedSchema,
  ItemClosedSchema,
  ItemReopenedSchema,
  ItemCancelledSchema,
  ItemUrgedSchema,
  InstructionGivenSchema,
  DeadlineAdjustedSchema,
  ItemMovedSchema,
  ReturnRequestedSchema,
  ReturnApprovedSchema,
  ReturnDeniedSchema,
  ItemListedSchema,
  ItemUnlistedSchema,
  DeadlineNearSchema,
  RecheckDueSchema,
  RecheckConfirmedSchema,
]);

export type ItemEvent = z.output<typeof ItemEventSchema>;
export type ItemEventType = ItemEvent['type'];
export type EventOf<T extends ItemEventType> = Extract<ItemEvent, { type: T }>;
/** What every event carries besides its type and data. */
export type EventMeta = Pick<ItemEvent, 'itemId' | 'version' | 'at' | 'by'>;

export const ITEM_EVENT_TYPES = ItemEventSchema.options.map((o) => o.shape.type.value) as readonly ItemEventType[];

/** Events no command of `decide` produces: consequences of configuration, built by their own pure functions. */
export const CONSEQUENCE_EVENT_TYPES: readonly ItemEventType[] = ['DeadlineAdjusted', 'DeadlineNear', 'RecheckDue'];

/**
 * Parses an event read back from the database.
 * @throws DomainError `invalid_event_stream` naming what is malformed.
 */
export function parseEvent(input: unknown): ItemEvent {
  const r = ItemEventSchema.safeParse(input);
  if (r.success) return r.data;
  const list = r.error.issues.map((i) => `${i.path.map(String).join('.') || '(event)'}: ${i.message}`).join('; ');
  throw new DomainError('invalid_event_stream', `Malformed event: ${list}`, `事件数据损坏:${list}`, {
    issues: r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
  });
}
