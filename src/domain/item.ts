import type { Instant, ItemId, LocalDate, TenantId, UnitId, UserId } from './ids.js';

/** The states of the one loop every ledger shares (DESIGN.md, "The loop"). */
export const ITEM_STATUSES = ['draft', 'assigned', 'in_progress', 'closing', 'closed', 'cancelled'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export const PRIORITIES = ['normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** Report cadence of an ongoing item (长期坚持). */
export const CADENCES = ['weekly', 'biweekly', 'monthly', 'quarterly'] as const;
export type Cadence = (typeof CADENCES)[number];

/** Where an item came from; a readout keeps the document and the sentence span as provenance. */
export type ItemSource =
  | { readonly kind: 'manual' }
  | { readonly kind: 'readout'; readonly documentId: string; readonly start: number; readonly end: number; readonly directiveIndex?: number }
  | { readonly kind: 'instruction'; readonly reference: string }
  | { readonly kind: 'inspection'; readonly reference: string }
  | { readonly kind: 'signal'; readonly seriesKey: string; readonly period: string }
  | { readonly kind: 'appeal'; readonly reference: string }
  | { readonly kind: 'import'; readonly reference: string };

/** Satisfaction scale of a 回访 (follow-up visit), the usual five 好差评 levels. */
export const SATISFACTION_LEVELS = ['very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied', 'very_dissatisfied'] as const;
export type Satisfaction = (typeof SATISFACTION_LEVELS)[number];

/** What a 回访 closure stage records: how satisfied the requester is and whether they call it solved (解决率). */
export interface VisitRating {
  readonly satisfaction: Satisfaction;
  readonly resolved: boolean;
}

/** An extension request waiting for the supervisor's decision. */
export interface PendingExtension {
  readonly requestedDeadline: LocalDate;
  readonly reason: string;
  readonly requestedAt: Instant;
  readonly requestedBy: UserId;
}

/**
 * One unit of work: the state that `evolve` folds out of an item's events. Every field is plain JSON so a
 * snapshot can be stored, revived and replayed (replaying all events rebuilds it exactly).
 */
export interface Item {
  readonly id: ItemId;
  readonly tenantId: TenantId;
  /** Ledger type key, e.g. `directive`, `rectification`, `hazard` (see ledger-types). */
  readonly ledgerType: string;
  /** Human-readable number per ledger and year, e.g. 督办〔2026〕0012号; minted by the app on create. */
  readonly number: string;
  readonly title: string;
  readonly content: string;
  readonly source: ItemSource;
  /** Extra fields declared by the ledger type; personal ones hold an encrypted envelope, never plain text. */
  readonly fields: Readonly<Record<string, unknown>>;
  readonly priority: Priority;
  /** The unit that runs the item (its supervisor's unit); supervisors of this unit's ancestors see it too. */
  readonly ownerUnitId: UnitId;
  readonly createdBy: UserId;
  readonly leadUnitId: UnitId | null;
  readonly coUnitIds: readonly UnitId[];
  /** Responsible staff member per unit, by name or title as the unit gives it (工作联系人). */
  readonly contacts: Readonly<Record<UnitId, string>>;
  /** Deadline as first assigned: overdue items without an approved extension are scored against it. */
  readonly originalDeadline: LocalDate | null;
  /** Deadline in force (moves only by an approved extension). */
  readonly currentDeadline: LocalDate | null;
  /** Ongoing items have a cadence instead of (or beside) a deadline. */
  readonly cadence: Cadence | null;
  /** Start of the planned span, for 序时进度 (expected progress); the assign time by default. */
  readonly plannedStart: LocalDate | null;
  readonly progress: number;
  readonly status: ItemStatus;
  /** Index into the ledger type's closure stages while `status === 'closing'`, else null. */
  readonly stageIndex: number | null;
  /** Key of that stage (e.g. `public_notice`), kept so the item reads right even if the type changes later. */
  readonly stageKey: string | null;
  /** Text of the latest progress report (进展情况 column); null before the first report. */
  readonly progressNote: string | null;
  /** Evidence refs (佐证材料: stored file ids) attached by reports and closure requests, first-seen order. */
  readonly evidence: readonly string[];
  /** Result of the last 回访 stage since the item was (re)opened; null when none was recorded. */
  readonly rating: VisitRating | null;
  readonly parentId: ItemId | null;
  /** Weight in the parent's progress roll-up; null = plain mean. */
  readonly weight: number | null;
  readonly pendingExtension: PendingExtension | null;
  readonly createdAt: Instant;
  readonly assignedAt: Instant | null;
  readonly acceptedAt: Instant | null;
  readonly lastReportAt: Instant | null;
  readonly closureRequestedAt: Instant | null;
  /** When the current closure stage began waiting. */
  readonly stageEnteredAt: Instant | null;
  readonly closedAt: Instant | null;
  readonly cancelledAt: Instant | null;
  readonly lastUrgedAt: Instant | null;
  readonly counters: ItemCounters;
  /** Optimistic concurrency: bumped by every accepted action. */
  readonly version: number;
  /**
   * The first lead unit the item was handed to, kept through 转办 and 提级 so that 考核 can score it (absent on items
   * recorded before work could move: their lead never changed, so it is `leadUnitId`).
   */
  readonly originalLeadUnitId?: UnitId | null;
  /**
   * The deadline as an instant, when the time limit is in hours (a signal's 24-hour verification): the light turns
   * red when it passes, not at the end of its day. Absent or null: `currentDeadline` means the end of that day.
   */
  readonly deadlineAt?: Instant | null;
  /** A lead unit's request to give the item back after 签收 (退回), waiting for the supervisor's consent. */
  readonly pendingReturn?: PendingReturn | null;
  /** How often the item moved: 转办/改派 by a supervisor, 提级 by its lead unit (absent: never). */
  readonly moves?: { readonly transfers: number; readonly escalations: number };
  /** 上报: the unit that reported the item and whether it still waits for 立项 (absent: recorded by a supervisor). */
  readonly reported?: ReportedBy | null;
  /** 挂牌督办: the item is listed for supervision at a level, until 摘牌 (absent or null: not listed). */
  readonly listing?: Listing | null;
  /** 临期提醒: the deadline the lead unit was last reminded of (absent or null: none yet). */
  readonly remindedFor?: LocalDate | null;
  /** 回头看 after 销号: due, or its outcome (absent or null: none scheduled since the item last closed). */
  readonly recheck?: Recheck | null;
}

/**
 * A 回头看 of a closed item: scheduled for the closure at `closedAt`, due on `dueOn`; `confirmed` when the problem
 * stayed solved, `reopened` when it came back (反弹) and the item went back to work.
 */
export interface Recheck {
  readonly closedAt: Instant;
  readonly dueOn: LocalDate;
  readonly status: 'due' | 'confirmed' | 'reopened';
  /** When the outcome was recorded (null while due). */
  readonly decidedAt: Instant | null;
}

/** Levels of 挂牌督办: by the city (市级) or by a district (区级). */
export const LISTING_LEVELS = ['city', 'district'] as const;
export type ListingLevel = (typeof LISTING_LEVELS)[number];

/** A 挂牌督办 in force: who listed the item, at which level, why and when (摘牌 by that supervisor or one above). */
export interface Listing {
  readonly level: ListingLevel;
  readonly reason: string;
  readonly by: UserId;
  readonly unitId: UnitId;
  readonly at: Instant;
}

/** Who reported an item (上报), and whether it waits in the 待立项 queue. */
export interface ReportedBy {
  readonly unitId: UnitId;
  readonly by: UserId;
  readonly at: Instant;
  /** true while a supervisor has not yet registered it (立项); false once registered, or for a unit's own case. */
  readonly pending: boolean;
  /** The unit's own case, run by itself without 立项. */
  readonly own: boolean;
}

/** A lead unit's request to return an accepted item, with its reason. */
export interface PendingReturn {
  readonly reason: string;
  readonly requestedAt: Instant;
  readonly requestedBy: UserId;
  readonly fromUnitId: UnitId;
}

/** Running counts that feed the accountability statistics. */
export interface ItemCounters {
  readonly returns: number;
  readonly rejections: number;
  readonly extensionsGranted: number;
  readonly extensionsDenied: number;
  readonly urges: number;
  readonly reopens: number;
  readonly reports: number;
  readonly instructions: number;
}
