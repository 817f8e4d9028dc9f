import { z } from 'zod';
import { CADENCES } from '../../domain/item.js';
import { LocalDateQuery } from './common.js';

export const READOUT_DRAFT_STATUSES = ['open', 'confirmed', 'discarded'] as const;

/** The term 交办 gives a directive that names no deadline or cadence: the ledger type's default time limit. */
export const DefaultTermSchema = z.object({
  deadline: z.string().nullable(),
  cadence: z.enum(CADENCES).nullable(),
  limit: z.object({ amount: z.number(), unit: z.enum(['hours', 'calendar_days', 'working_days']) }).nullable(),
});
export type DefaultTerm = z.infer<typeof DefaultTermSchema>;

/** A directive of a readout draft as the supervisor edits it (see src/app/readouts/draft.ts). */
export const DraftDirectiveSchema = z
  .object({
    i: z.number().int(),
    text: z.string(),
    start: z.number().int(),
    end: z.number().int(),
    kind: z.enum(['task', 'exhortation']),
    level: z.union([z.literal(1), z.literal(2)]),
    parent: z.number().int().nullable(),
    topic: z.string(),
    keep: z.boolean(),
    title: z.string(),
    ledgerType: z.string(),
    leadUnitId: z.string().nullable(),
    leadSuggestions: z.array(z.object({ name: z.string(), unitId: z.string().nullable() })),
    leadExplicit: z.boolean(),
    coUnitIds: z.array(z.string()),
    deadline: z.string().nullable(),
    deadlinePhrase: z.string().nullable(),
    cadence: z.enum(CADENCES).nullable(),
    fields: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'ReadoutDirective' });
export type DraftDirectiveView = z.infer<typeof DraftDirectiveSchema>;

export const ReadoutDraftSchema = z
  .object({
    id: z.string(),
    documentId: z.string(),
    status: z.enum(READOUT_DRAFT_STATUSES),
    version: z.number().int(),
    text: z.string().optional().describe('the decoded document text the offsets point into'),
    data: z.object({
      document: z.object({ title: z.string().nullable(), meetingDate: z.string().nullable(), script: z.string(), fileName: z.string().nullable() }),
      directives: z.array(DraftDirectiveSchema),
      notes: z.array(z.string()),
      items: z.record(z.string(), z.string()).optional(),
    }),
    defaults: z
      .record(z.string(), DefaultTermSchema)
      .optional()
      .describe('per ledger type of the draft: the deadline (or cadence) a directive without either gets when it is assigned, counted from today'),
  })
  .meta({ id: 'ReadoutDraft' });
export type ReadoutDraftViewBody = z.infer<typeof ReadoutDraftSchema>;

/** Pasted text (the upload of a .txt/.docx/.xlsx/.pdf goes as multipart with a `file` field instead). */
export const ReadoutTextBodySchema = z
  .object({ text: z.string().min(1).max(2_000_000), fileName: z.string().max(200).optional(), meetingDate: LocalDateQuery.optional() })
  .strict();

const Unit = z.string().min(1).max(200);
/** One edit of a draft; the app validates it again with the same rules. */
export const ReadoutEditSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('keep'), i: z.number().int(), keep: z.boolean() }).strict(),
  z
    .object({
      op: z.literal('set'),
      i: z.number().int(),
      kind: z.enum(['task', 'exhortation']).optional(),
      title: z.string().trim().min(1).max(200).optional(),
      ledgerType: z.string().min(1).max(40).optional(),
      leadUnitId: Unit.nullable().optional(),
      coUnitIds: z.array(Unit).max(100).optional(),
      deadline: LocalDateQuery.nullable().optional(),
      cadence: z.enum(CADENCES).nullable().optional(),
      fields: z.record(z.string(), z.unknown()).optional(),
    })
    .strict(),
  z.object({ op: z.literal('merge'), i: z.number().int(), with: z.number().int() }).strict(),
  z.object({ op: z.literal('split'), i: z.number().int(), at: z.number().int() }).strict(),
]);
export type ReadoutEdit = z.infer<typeof ReadoutEditSchema>;

export const ReadoutEditBodySchema = z.object({ edits: z.array(ReadoutEditSchema).min(1).max(500), version: z.number().int().positive().optional() }).strict();
export const ReadoutConfirmBodySchema = z.object({ assign: z.boolean().default(false) }).strict();

export const ReadoutConfirmedSchema = z
  .object({
    draftId: z.string(),
    items: z.array(
      z.object({
        directive: z.number(),
        itemId: z.string(),
        number: z.string(),
        title: z.string(),
        parentId: z.string().nullable(),
        assigned: z.boolean(),
        leadUnitId: z.string().nullable().describe('as assigned; null when the item was not assigned'),
        coUnitIds: z.array(z.string()),
        deadline: z.string().nullable().describe("the deadline the assignment gave (the type's default when the directive had none)"),
      }),
    ),
  })
  .meta({ id: 'ReadoutConfirmed' });
export type ReadoutConfirmedBody = z.infer<typeof ReadoutConfirmedSchema>;

/** 导入记录: one of the caller's drafts, without its text and directives. */
export const ReadoutDraftSummarySchema = z
  .object({
    id: z.string(),
    status: z.enum(READOUT_DRAFT_STATUSES),
    version: z.number().int(),
    title: z.string().nullable(),
    fileName: z.string().nullable(),
    meetingDate: z.string().nullable(),
    authorName: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    directives: z.number().int().describe('directives found'),
    kept: z.number().int().describe('directives kept for confirmation'),
    items: z.number().int().describe('items its confirmation created'),
  })
  .meta({ id: 'ReadoutDraftSummary' });
export type ReadoutDraftSummaryBody = z.infer<typeof ReadoutDraftSummarySchema>;
export const ReadoutDraftListSchema = z.object({ drafts: z.array(ReadoutDraftSummarySchema) });
export type ReadoutDraftListBody = z.infer<typeof ReadoutDraftListSchema>;
export const ReadoutDiscardBodySchema = z.object({ version: z.number().int().positive().optional() }).strict();
