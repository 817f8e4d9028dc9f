import { z } from 'zod';
import { CADENCES, ITEM_STATUSES, LISTING_LEVELS, PRIORITIES } from '../../domain/item.js';
import {
  AcceptItemSchema,
  AssignItemSchema,
  CancelItemSchema,
  GiveInstructionSchema,
  PassStageSchema,
  RejectClosureSchema,
  ReopenItemSchema,
  ConfirmRecheckSchema,
  ReportAsCoUnitSchema,
  ReportProgressSchema,
  RequestClosureSchema,
  RequestExtensionSchema,
  ReturnItemSchema,
  UrgeItemSchema,
  TransferItemSchema,
  EscalateItemSchema,
  RequestReturnSchema,
  DecideReturnSchema,
  ListItemSchema,
  UnlistItemSchema,
} from '../../domain/loop/commands.js';
import { ItemSourceSchema, LocalDateSchema, NoteSchema, ReasonSchema, WeightSchema } from '../../domain/loop/schemas.js';
import { LocalDateQuery, listParam } from './common.js';
import type { ActionSlug } from './scopes.js';

export const LIGHTS = ['red', 'yellow', 'green', 'none'] as const;
export const SORTS = ['updated_desc', 'created_desc', 'created_asc', 'deadline_asc', 'deadline_desc'] as const;

/** A ledger type key (snake_case, as LedgerTypeShape requires): junk is refused before it reaches the store. */
const LedgerKey = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'a ledger type key');

export const ItemListQuerySchema = z
  .object({
    ledger: listParam(LedgerKey).optional(),
    state: listParam(z.enum(ITEM_STATUSES)).optional(),
    unit: listParam(z.string().min(1).max(200)).optional().describe('lead unit ids'),
    light: listParam(z.enum(LIGHTS)).optional(),
    parent: z.string().min(1).max(200).optional().describe('an item id, or "none" for top-level items'),
    deadlineFrom: LocalDateQuery.optional(),
    deadlineTo: LocalDateQuery.optional(),
    q: z.string().trim().min(1).max(200).optional().describe('free text in number, title and content; 2-character terms work'),
    queue: z.enum(['intake']).optional().describe("intake: the 待立项 queue, reported items (上报) waiting for a supervisor's 立项"),
    listed: z
      .enum(['any', ...LISTING_LEVELS])
      .optional()
      .describe('挂牌督办 items only: listed at any level, or at city or district level'),
    recheck: z.enum(['due', 'done', 'any']).optional().describe('回头看: closed items whose recheck is due now, was done (confirmed or reopened), or either'),
    reportDue: z.enum(['week']).optional().describe('定期报送: in-progress items whose next report by their cadence is due by the end of this week, lapsed ones included'),
    sort: z.enum(SORTS).default('updated_desc'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().min(1).max(500).optional(),
  })
  .strict();
export type ItemListQueryInput = z.infer<typeof ItemListQuerySchema>;

/** The list's filters (no sort or paging) and the facets wanted (all four by default). */
export const ItemFacetQuerySchema = ItemListQuerySchema.omit({ sort: true, limit: true, cursor: true, queue: true }).extend({
  by: listParam(z.enum(['state', 'light', 'ledger', 'unit']))
    .optional()
    .describe('facets to count: state, light, ledger, unit (default all; light is the costly one)'),
});
export type ItemFacetQueryInput = z.infer<typeof ItemFacetQuerySchema>;

const Counts = z.record(z.string(), z.number().int());
export const ItemFacetsSchema = z
  .object({
    total: z.number().int().describe('items the list with these filters holds'),
    state: Counts.optional().describe('per state, every state listed'),
    light: Counts.optional().describe('per warning light at the reader’s clock, every light listed'),
    ledger: Counts.optional().describe('per ledger type with items'),
    unit: z.object({ counts: Counts.describe('per lead unit with items'), noLeadUnit: z.number().int() }).optional(),
  })
  .meta({ id: 'ItemFacets' });

export const ExportQuerySchema = ItemListQuerySchema.omit({ limit: true, cursor: true, queue: true }).extend({
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
  lang: z.enum(['zh', 'en']).optional(),
});

const LightSchema = z.object({
  light: z.enum(LIGHTS),
  reasons: z.array(z.record(z.string(), z.unknown())),
  calendarApproximate: z.boolean(),
  deadlineProvisional: z
    .boolean()
    .optional()
    .describe('the deadline lies in a year without a holiday notice: counted on the statutory holidays, it may move when the notice is loaded'),
  closure: z
    .object({ onTime: z.boolean(), daysLate: z.number().int().nullable() })
    .optional()
    .describe('closed items with a deadline: 按期办结 (onTime), or 超期办结 by daysLate calendar days, judged against the scoring deadline as 考核 does'),
});

export const ItemViewSchema = z
  .object({
    id: z.string(),
    number: z.string(),
    ledgerType: z.string(),
    title: z.string(),
    content: z.string(),
    source: z.record(z.string(), z.unknown()),
    fields: z.record(z.string(), z.unknown()).describe('personal fields read {"$personal":"masked"}'),
    priority: z.enum(PRIORITIES),
    status: z.enum(ITEM_STATUSES),
    stageKey: z.string().nullable(),
    ownerUnitId: z.string(),
    leadUnitId: z.string().nullable(),
    coUnitIds: z.array(z.string()),
    contacts: z.record(z.string(), z.string()),
    originalDeadline: z.string().nullable(),
    currentDeadline: z.string().nullable(),
    deadlineAt: z.string().nullable().optional().describe('the deadline as an instant, for a time limit in hours (else the end of currentDeadline in the city)'),
    cadence: z.enum(CADENCES).nullable(),
    progress: z.number(),
    progressNote: z.string().nullable(),
    evidence: z.array(z.string()),
    parentId: z.string().nullable(),
    pendingExtension: z.record(z.string(), z.unknown()).nullable(),
    pendingReturn: z.object({ reason: z.string(), requestedAt: z.string(), fromUnitId: z.string() }).nullable().optional().describe('a return request waiting for the supervisor'),
    reported: z
      .object({ unitId: z.string(), at: z.string(), pending: z.boolean(), own: z.boolean() })
      .nullable()
      .optional()
      .describe("上报: the reporting unit; pending while it waits for 立项 (待立项), own for a unit's own case"),
    listing: z
      .object({ level: z.enum(LISTING_LEVELS), reason: z.string(), by: z.string(), unitId: z.string(), at: z.string() })
      .nullable()
      .optional()
      .describe('挂牌督办 in force: its level (city 市级, district 区级), reason, the supervisor and unit that listed it, and when; null when not listed'),
    recheck: z
      .object({ closedAt: z.string(), dueOn: z.string(), status: z.enum(['due', 'confirmed', 'reopened']), decidedAt: z.string().nullable() })
      .nullable()
      .optional()
      .describe('回头看 after 销号: due on dueOn for the closure at closedAt, or its outcome (confirmed, or reopened: 反弹); null when none'),
    createdAt: z.string(),
    closedAt: z.string().nullable(),
    version: z.number().int(),
    light: LightSchema,
  })
  .meta({ id: 'Item' });

/** The item after an action, with what the actor should know though it was carried out. */
export const ActionResultSchema = ItemViewSchema.extend({
  warnings: z
    .array(z.object({ code: z.enum(['no_active_handler']), unitId: z.string(), message: z.string() }))
    .optional()
    .describe('e.g. no_active_handler: the work went to a unit with no active handler account'),
}).meta({ id: 'ActionResult' });

export const TimelineEntrySchema = z
  .object({
    seq: z.number(),
    type: z.string(),
    at: z.string(),
    actorUserId: z.string().nullable(),
    actorName: z.string().nullable().describe("the acting user's display name (null for the system)"),
    actorUnitId: z.string().nullable(),
    unitName: z.string().nullable().describe("the acting unit's name"),
    data: z.unknown(),
  })
  .meta({ id: 'TimelineEntry' });

export const ItemDetailSchema = z
  .object({
    item: ItemViewSchema,
    children: z.array(ItemViewSchema),
    timeline: z.array(TimelineEntrySchema),
    actions: z.array(z.string()).describe('URL slugs of the actions this user may take now'),
    editable: z.boolean(),
    provenance: z
      .object({ documentId: z.string(), title: z.string(), before: z.string(), text: z.string(), after: z.string() })
      .nullable()
      .describe('for items from a readout: the source sentence with the text around it'),
    signatures: z
      .array(
        z.object({
          status: z.literal('已签章'),
          decision: z.string().describe('sign_off (审签), close (销号) or bulletin (通报)'),
          signerUserId: z.string().nullable(),
          signerName: z.string().nullable(),
          at: z.string(),
          keyId: z.string(),
          valid: z.boolean().describe('the SM2 signature holds over what the chain records, with a key registered and not revoked at the time'),
          problem: z.string().nullable(),
          keyRevokedAt: z.string().nullable().describe('when the signing key was revoked, if it was; a signature made before stays valid'),
        }),
      )
      .describe('已签章: decisions signed on this item'),
  })
  .meta({ id: 'ItemDetail' });

/**
 * The body of 交办 (`POST /items/:id/assign`, and `assign` of a creation): without the loop's deadline-or-cadence
 * rule — when both are left out the ledger type's default time limit (or cadence) applies, and the loop checks the
 * command after that.
 */
export const AssignBodySchema = z
  .object({
    ...AssignItemSchema.shape.data.shape,
    workingDays: z
      .number()
      .int()
      .min(1)
      .max(3650)
      .optional()
      .describe('the deadline this many working days from today, instead of `deadline` (provisional in a year without a holiday notice)'),
  })
  .strict();

export const ItemCreateBodySchema = z
  .object({
    ledgerType: z.string().min(1).max(40),
    title: z.string().max(500),
    content: z.string().max(20_000).optional(),
    source: ItemSourceSchema.optional(),
    fields: z.record(z.string(), z.unknown()).optional(),
    priority: z.enum(PRIORITIES).optional(),
    ownerUnitId: z.string().min(1).max(200).optional(),
    parentId: z.string().min(1).max(200).nullable().optional(),
    weight: WeightSchema.optional(),
    assign: AssignBodySchema.optional().describe('立项并交办: assign in the same transaction (lead unit, co-units, deadline or working days)'),
  })
  .strict()
  .meta({ id: 'ItemCreate' });

export const ItemPatchBodySchema = z
  .object({
    title: z.string().max(500).optional(),
    content: z.string().max(20_000).optional(),
    source: ItemSourceSchema.optional(),
    fields: z.record(z.string(), z.unknown()).optional(),
    priority: z.enum(PRIORITIES).optional(),
    weight: WeightSchema.optional(),
  })
  .strict()
  .meta({ id: 'ItemPatch' });

export const DecideExtensionBodySchema = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve'), deadline: LocalDateSchema.optional(), note: NoteSchema.optional() }).strict(),
  z.object({ decision: z.literal('deny'), reason: ReasonSchema }).strict(),
]);

/** The body of each action: the data of the loop's command (the same schema `decide` parses). */
export const ACTION_BODIES: Record<ActionSlug, z.ZodType> = {
  assign: AssignBodySchema,
  accept: AcceptItemSchema.shape.data,
  return: ReturnItemSchema.shape.data,
  report: ReportProgressSchema.shape.data,
  'report-co-unit': ReportAsCoUnitSchema.shape.data,
  'request-extension': RequestExtensionSchema.shape.data,
  'decide-extension': DecideExtensionBodySchema,
  'request-closure': RequestClosureSchema.shape.data,
  // The passphrase of the person's signing key, for a decision that is signed (审签, 销号): used for this request only.
  'pass-stage': PassStageSchema.shape.data.extend({ passphrase: z.string().min(1).max(1024).optional() }),
  reject: RejectClosureSchema.shape.data,
  reopen: ReopenItemSchema.shape.data,
  'confirm-recheck': ConfirmRecheckSchema.shape.data,
  cancel: CancelItemSchema.shape.data,
  urge: UrgeItemSchema.shape.data,
  instruct: GiveInstructionSchema.shape.data,
  transfer: TransferItemSchema.shape.data,
  escalate: EscalateItemSchema.shape.data,
  'request-return': RequestReturnSchema.shape.data,
  'decide-return': DecideReturnSchema.shape.data,
  'list-flag': ListItemSchema.shape.data,
  'unlist-flag': UnlistItemSchema.shape.data,
};

export const EvidenceViewSchema = z
  .object({
    id: z.string(),
    itemId: z.string(),
    fileName: z.string(),
    mediaType: z.string(),
    sizeBytes: z.number(),
    digest: z.string(),
    uploadedBy: z.string(),
    uploadedAt: z.string(),
    public: z.boolean().optional().describe('in the list of an item: shown on its public page (佐证材料公示)'),
  })
  .meta({ id: 'Evidence' });

export const StatsQuerySchema = z
  .object({
    from: LocalDateQuery.optional(),
    to: LocalDateQuery.optional(),
    by: z.enum(['deadline', 'assigned', 'closed']).default('deadline'),
    groupBy: z.enum(['leadUnit', 'ledgerType']).default('leadUnit'),
    ledger: listParam(LedgerKey).optional(),
  })
  .strict()
  .refine((q) => (q.from === undefined) === (q.to === undefined), 'give both from and to, or neither');

/** One light's count of open items, with the item list (API URL) filtered to exactly those items. */
const LightCountSchema = z.object({
  count: z.number().int().min(0),
  items: z
    .string()
    .nullable()
    .describe(
      'GET /api/v1/items?… filtered by light and group (unit or ledger type): the items behind the count; null when no list filter expresses the group (open items without a lead unit)',
    ),
});
const LightCountsSchema = z.object({ red: LightCountSchema, yellow: LightCountSchema, green: LightCountSchema });

/**
 * 红黄绿灯 of the open items (assigned, in progress, closing) the caller may see, at `at`, per group and in
 * total. A light is a state now: the ledger filter applies, the period does not.
 */
export const StatsLightsSchema = z
  .object({ total: LightCountsSchema, groups: z.array(z.object({ key: z.string().nullable(), label: z.string(), counts: LightCountsSchema })) })
  .meta({ id: 'StatsLights' });

const StatsFigureSchema = z.object({
  kind: z.enum(['rate', 'mean', 'count']),
  value: z.number().nullable(),
  name: z.object({ zh: z.string(), en: z.string() }),
  numerator: z.number().optional(),
  denominator: z.number().optional(),
  count: z.number().optional(),
  items: z.string().describe('GET /api/v1/stats/items?…: the items behind the figure (its numerator for a rate)'),
  denominatorItems: z.string().optional(),
});

export const StatsViewSchema = z
  .object({
    at: z.string(),
    itemCount: z.number().int(),
    total: z.record(z.string(), StatsFigureSchema).describe('every metric, by key'),
    groups: z.array(z.object({ key: z.string().nullable(), label: z.string(), itemCount: z.number().int(), figures: z.record(z.string(), StatsFigureSchema) })),
    ranking: z.array(z.object({ key: z.string().nullable(), value: z.number().nullable(), rank: z.number().int().nullable() })),
    lights: StatsLightsSchema,
  })
  .meta({ id: 'Stats' });

export const AuditQuerySchema = z.object({ after: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(1000).default(100) }).strict();

/** The audit log newest first, narrowed (every filter optional): GET /audit/search. */
export const AuditSearchQuerySchema = z
  .object({
    before: z.coerce.number().int().min(1).optional().describe('the next page: events before this sequence number (nextBefore of the last page)'),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    type: z.string().min(1).max(100).optional().describe('one event type, e.g. ItemAssigned, LoginFailed'),
    user: z.string().min(1).max(100).optional().describe('the actor’s login name'),
    unit: z.string().min(1).max(200).optional().describe('the actor’s unit id'),
    item: z.string().min(1).max(200).optional().describe('an item’s number (督办〔2026〕0012号) or id'),
    from: z.string().max(10).optional().describe('first day, YYYY-MM-DD in the city’s zone'),
    to: z.string().max(10).optional().describe('last day, inclusive'),
  })
  .strict();
