import type { z } from 'zod';
import type { AccountRequestViewSchema, UnitViewSchema } from '../../../src/contracts/http/admin.js';
import type { CalendarViewSchema, HolidayNoticeBody, NoticeLoadedSchema } from '../../../src/contracts/http/calendar.js';
import type { DocumentViewSchema } from '../../../src/contracts/http/documents.js';
import type { EvidenceViewSchema, ItemDetailSchema, ItemFacetsSchema, ItemViewSchema } from '../../../src/contracts/http/items.js';
import type { ObjectionSchema, OpenObjectionsOfItemSchema, SigningKeySchema, SigningPolicySchema } from '../../../src/contracts/http/signatures.js';
import type { MeSchema, SessionViewSchema, TotpEnrolmentSchema, UserViewSchema } from '../../../src/contracts/http/session.js';

/* Shapes of the API's answers, inferred from the zod contracts the server uses (types only: no zod in the bundle). */

export type Me = z.infer<typeof MeSchema>;
export type SessionView = z.infer<typeof SessionViewSchema>;
export type TotpEnrolment = z.infer<typeof TotpEnrolmentSchema>;
export type UserView = z.infer<typeof UserViewSchema>;
export type ItemView = z.infer<typeof ItemViewSchema>;
export type ItemDetail = z.infer<typeof ItemDetailSchema>;
export type ItemFacets = z.infer<typeof ItemFacetsSchema>;
export type TimelineEntry = ItemDetail['timeline'][number];
export type Evidence = z.infer<typeof EvidenceViewSchema>;
export type Unit = z.infer<typeof UnitViewSchema>;
export type AccountRequest = z.infer<typeof AccountRequestViewSchema>;
export type OfficialDocument = z.infer<typeof DocumentViewSchema>;
export type Light = ItemView['light']['light'];
export type ItemStatus = ItemView['status'];
export type ItemSignature = ItemDetail['signatures'][number];
export type SigningKey = z.infer<typeof SigningKeySchema>;
export type SigningPolicy = z.infer<typeof SigningPolicySchema>['policy'];
export type Objection = z.infer<typeof ObjectionSchema>;
export type CalendarView = z.infer<typeof CalendarViewSchema>;
export type NoticeLoaded = z.infer<typeof NoticeLoadedSchema>;
export type { HolidayNoticeBody };
export type OpenObjectionsOfItem = z.infer<typeof OpenObjectionsOfItemSchema>;

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

export interface Localised {
  readonly zh: string;
  readonly en: string;
}

export interface LedgerField {
  readonly name: string;
  readonly kind: string;
  readonly label: Localised;
  readonly required?: boolean;
  readonly personal?: boolean;
  readonly filledAt?: 'create' | 'closure';
  readonly options?: readonly { readonly value: string; readonly label: Localised }[];
}

export interface LedgerType {
  readonly key: string;
  readonly name: Localised;
  readonly description?: Localised;
  readonly numberPrefix: string;
  readonly fields: readonly LedgerField[];
  readonly closureStages: readonly {
    readonly key: string;
    readonly name: Localised;
    readonly timeLimitWorkingDays?: number;
    readonly publicNoticeDays?: number;
    readonly rating?: boolean;
  }[];
  readonly defaultTimeLimit?: { readonly amount: number; readonly unit: string } | null;
  readonly defaultCadence?: string | null;
  readonly warningRules: { readonly warnWorkingDays: number; readonly acceptWithinWorkingDays: number; readonly progressLagPercent?: number };
  /** 上报: the roles besides supervisors that may register items of the type, and whether 立项 is needed. */
  readonly reporting?: { readonly roles: readonly string[]; readonly approval: 'required' | 'none' };
  /** 公示: the type publishes its items (in their notice period, and closed ones for some months) on public pages. */
  readonly disclosure?: { readonly fields: readonly string[]; readonly closedMonths?: number };
}

export interface Figure {
  readonly kind: 'rate' | 'mean' | 'count';
  readonly value: number | null;
  readonly name: Localised;
  readonly numerator?: number;
  readonly denominator?: number;
  readonly count?: number;
  readonly items: string;
  readonly denominatorItems?: string;
}

export type Figures = Readonly<Record<string, Figure>>;

export interface StatsView {
  readonly at: string;
  readonly itemCount: number;
  readonly total: Figures;
  readonly groups: readonly { readonly key: string | null; readonly label: string; readonly itemCount: number; readonly figures: Figures }[];
  readonly ranking: readonly { readonly key: string | null; readonly value: number | null; readonly rank: number }[];
  /** Lights of the open items now (the period does not apply), per group and in total. */
  readonly lights: { readonly total: LightCounts; readonly groups: readonly { readonly key: string | null; readonly label: string; readonly counts: LightCounts }[] };
}

/** Open items of one light, and the item list (API URL) of exactly those; null when no list filter selects them. */
export interface LightCount {
  readonly count: number;
  readonly items: string | null;
}

export type LightCounts = Readonly<Record<'red' | 'yellow' | 'green', LightCount>>;

export interface AuditEvent {
  readonly seq: number;
  readonly itemId: string | null;
  /** The item's number (督办〔2026〕0012号), never its title. */
  readonly itemNumber: string | null;
  readonly type: string;
  readonly actorUserId: string | null;
  /** The actor's login name; null for the system. */
  readonly actorName?: string | null;
  readonly actorUnitId: string | null;
  readonly at: string;
  readonly hash: string;
  /** Details of a security event (no item), free text removed: e.g. the login name a failed login tried. */
  readonly payload?: Readonly<Record<string, unknown>>;
}

/** A page of GET /audit/search: newest first, `nextBefore` the cursor of the next (older) page. */
export interface AuditSearchPage {
  readonly head: { readonly seq: number; readonly hash: string | null };
  readonly events: readonly AuditEvent[];
  readonly nextBefore: number | null;
}

export interface AuditPage {
  readonly head: { readonly seq: number; readonly hash: string };
  readonly events: readonly AuditEvent[];
  readonly nextAfter: number | null;
}

export type ChainVerification =
  | { readonly ok: true; readonly count: number; readonly headSeq: number; readonly headHash: string; readonly checkpointsChecked: number }
  | { readonly ok: false; readonly seq: number; readonly problem: string; readonly message: string; readonly messageZh: string; readonly count: number };
