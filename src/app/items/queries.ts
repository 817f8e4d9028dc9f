import type { ItemId, LocalDate, UnitId } from '../../domain/ids.js';
import type { Item, ItemStatus, ListingLevel } from '../../domain/item.js';
import type { Light, LightResult } from '../../domain/lights.js';
import { reportDueDay } from '../../domain/lights-checks.js';
import { isoWeekday, parseDay } from '../../domain/calendar-days.js';
import { toLocalDate } from '../../domain/time.js';
import type { ItemAction } from '../../domain/loop/index.js';
import { pageSize, type ItemSearch, type ItemSort, type Page } from '../../store/index.js';
import type { AppDeps, ViewerRef } from '../context.js';
import { itemNotFound } from '../errors.js';
import { isErasedCase, maskItem } from '../personal.js';
import { itemVisible } from '../visibility.js';
import { ledgerTypeOf, lightOf, readScope, viewingScope, type ViewingScope } from './load.js';
import { offeredActions } from './offered.js';
import { provenanceOf, type Provenance } from './provenance.js';
import { timelineOf, type TimelineEntry } from './timeline.js';
import { itemSignatures } from '../signatures/verify.js';

export type { Provenance } from './provenance.js';
export type { TimelineEntry } from './timeline.js';

export interface ItemListQuery {
  readonly ledgerTypes?: readonly string[];
  readonly statuses?: readonly ItemStatus[];
  /** Items these units lead (within what the reader may see anyway). */
  readonly leadUnitIds?: readonly UnitId[];
  /** Warning lights, computed at the reader's clock (not stored). */
  readonly lights?: readonly Light[];
  /** Children of this item; `null` for top-level items only. */
  readonly parentId?: ItemId | null;
  /** Current deadline on or after / on or before these dates. */
  readonly deadlineFrom?: LocalDate;
  readonly deadlineTo?: LocalDate;
  /** Free text in number, title and content: a plain substring match, so 2-character Chinese terms work. */
  readonly text?: string;
  /** The 待立项 queue: reported items (上报) waiting for a supervisor's 立项, drafts all of them. */
  readonly awaitingIntake?: boolean;
  /** 挂牌督办 items only: listed at this level, or at any (`any`). */
  readonly listed?: ListingLevel | 'any';
  /** 回头看: closed items whose recheck is due now (`due`), or was done either way (`done`), or any of them (`any`). */
  readonly recheck?: 'due' | 'done' | 'any';
  /** 定期报送: in-progress items whose next report by their cadence is due by the end of this week (lapsed included). */
  readonly reportDue?: 'week';
  /** Newest change first by default. */
  readonly sort?: ItemSort;
  readonly limit?: number;
  /** Cursor of the next page, as handed back by the previous one (tied to the sort). */
  readonly after?: string | null;
}

export interface ItemRow {
  readonly item: Item;
  readonly light: LightResult;
}

/** The day number of the Sunday ending the reader's current city week. */
function endOfWeek(scope: ViewingScope): number {
  const today = parseDay(toLocalDate(scope.now, scope.timeZone));
  return today + 7 - isoWeekday(today);
}

/** Rows looked at per round while filtering by light, which is computed rather than stored. */
const SCAN_PAGE = 500;

/**
 * The store search of a list query, within what the reader may see (narrowed to `narrowTo` for a token bound
 * to a unit): the list and its counts (facets.ts) share it, so a count never covers an item the list hides.
 */
export function searchOf(scope: ViewingScope, q: ItemListQuery, narrowTo?: UnitId): ItemSearch {
  return {
    unitScope: readScope(scope, narrowTo) ?? undefined,
    ledgerTypes: q.ledgerTypes,
    statuses: q.awaitingIntake
      ? (q.statuses ?? ['draft']).filter((st) => st === 'draft')
      : q.recheck === 'due'
        ? (q.statuses ?? ['closed']).filter((st) => st === 'closed')
        : q.reportDue
          ? (q.statuses ?? ['in_progress']).filter((st) => st === 'in_progress')
          : q.statuses,
    leadUnitIds: q.leadUnitIds,
    parentId: q.parentId,
    deadlineFrom: q.deadlineFrom,
    deadlineTo: q.deadlineTo,
    text: q.text,
  };
}

/**
 * The one item list of the CLI, the API and the jobs: the items the reader may see — narrowed to a unit's
 * subtree for an API token bound to it (`narrowTo`) — with filters, free text, sort and keyset pages, each
 * row with its warning light; personal fields masked. Nothing outside the scope is counted or returned.
 * @throws AppError `business_data_forbidden` for admin roles; StoreError `invalid_input` (bad cursor, date or page size).
 */
export async function listItems(deps: AppDeps, viewer: ViewerRef, q: ItemListQuery = {}, narrowTo?: UnitId): Promise<Page<ItemRow>> {
  const read = deps.store.read;
  const scope = await viewingScope(deps, read, viewer);
  const filter = searchOf(scope, q, narrowTo);
  const limit = pageSize(q.limit);
  const wanted = q.lights ? new Set(q.lights) : null;
  const sort = q.sort;
  // Whether 上报 waits for 立项 is kept in the item, not in a column: the few drafts are scanned like lights.
  // So is a 挂牌督办: the listed items are few, read from the item like the lights.
  const listedOk = (i: Item): boolean => !q.listed || (!!i.listing && (q.listed === 'any' || i.listing.level === q.listed));
  // And a 回头看, on closed items of the few types that have one.
  const recheckOk = (i: Item): boolean => !q.recheck || (!!i.recheck && (q.recheck === 'any' || (q.recheck === 'due') === (i.recheck.status === 'due')));
  // And when a report is due: counted from the item's cadence and last report, like its light.
  const weekEnd = q.reportDue ? endOfWeek(scope) : Number.NaN;
  const reportOk = (i: Item): boolean => {
    const due = q.reportDue ? reportDueDay(i, scope.timeZone) : null;
    return !q.reportDue || (due !== null && due <= weekEnd);
  };
  const keep = (i: Item, light: LightResult): boolean =>
    (!wanted || wanted.has(light.light)) && (!q.awaitingIntake || i.reported?.pending === true) && listedOk(i) && recheckOk(i) && reportOk(i);
  if (!wanted && !q.awaitingIntake && !q.listed && !q.recheck && !q.reportDue) {
    const page = await read.itemSearch.search(viewer.tenantId, filter, { limit, after: q.after ?? null, sort });
    return { items: page.items.map((i) => ({ item: maskItem(i), light: lightOf(deps, scope, i) })), nextCursor: page.nextCursor };
  }
  // The light is computed, not stored: scan rounds of the store's order until the page is full.
  const rows: ItemRow[] = [];
  let after = q.after ?? null;
  for (;;) {
    const page = await read.itemSearch.search(viewer.tenantId, filter, { limit: Math.max(SCAN_PAGE, limit), after, sort });
    for (const [j, i] of page.items.entries()) {
      const light = lightOf(deps, scope, i);
      if (!keep(i, light)) continue;
      rows.push({ item: maskItem(i), light });
      if (rows.length < limit) continue;
      // Full: the next page resumes right after this row. When rows of the round remain unlooked-at, the store
      // hands out the cursor of this row by reading the round again only up to it.
      if (j === page.items.length - 1) return { items: rows, nextCursor: page.nextCursor };
      const upTo = await read.itemSearch.search(viewer.tenantId, filter, { limit: j + 1, after, sort });
      return { items: rows, nextCursor: upTo.nextCursor };
    }
    after = page.nextCursor;
    if (after === null) return { items: rows, nextCursor: null };
  }
}

export interface ItemDetail {
  readonly item: Item;
  readonly light: LightResult;
  readonly children: readonly ItemRow[];
  readonly timeline: readonly TimelineEntry[];
  /** What this actor may do now (the guards of the loop decide, not the client). */
  readonly actions: readonly ItemAction[];
  /** For items from a readout: the source sentence with the text around it. */
  readonly provenance: Provenance | null;
  /** 已签章: the decisions signed on this item, each with signer, time and whether the signature holds now. */
  readonly signatures: readonly ItemSignature[];
}

export interface ItemSignature {
  readonly seq: number;
  readonly decision: string;
  readonly signerUserId: string | null;
  readonly signerName: string | null;
  readonly at: string;
  readonly keyId: string;
  readonly valid: boolean;
  readonly problem: string | null;
  /** When the signing key was revoked, if it was (a later revocation leaves the signature valid). */
  readonly keyRevokedAt: string | null;
}

/**
 * One item with its light, visible children, timeline and the actions the actor may take now.
 * @throws AppError `item_not_found` (also for items outside the actor's scope), `business_data_forbidden`.
 */
export async function showItem(deps: AppDeps, ref: ViewerRef, id: ItemId): Promise<ItemDetail> {
  const read = deps.store.read;
  const scope = await viewingScope(deps, read, ref);
  // The events and children are read with the item (one statement on a networked database); nothing of them
  // leaves unless the item is visible.
  const page = await read.itemPages.get(ref.tenantId, id);
  if (!page || (scope.visible !== null && !itemVisible(page.item, scope.visible))) throw itemNotFound(id);
  const { item, events, children: allKids } = page;
  const kids = scope.visible === null ? allKids : allKids.filter((c) => itemVisible(c, scope.visible!));
  const type = ledgerTypeOf(deps, ref.tenantId, item.ledgerType);
  const [erased, provenance, signed] = await Promise.all([isErasedCase(read, item), provenanceOf(deps.store, read, item), itemSignatures(deps, ref.tenantId, events)]);
  const timeline = await timelineOf(deps.store, read, scope.units, ref.tenantId, events, erased);
  const names = new Map(timeline.map((e) => [e.seq, e.actorName]));
  return {
    item: maskItem(item, erased),
    light: lightOf(deps, scope, item),
    children: kids.map((c) => ({ item: maskItem(c), light: lightOf(deps, scope, c) })),
    timeline,
    actions: scope.acting ? offeredActions(item, { ...scope.acting.ctx, ledgerType: type }) : [],
    provenance,
    signatures: signed.map((s) => ({
      seq: s.seq,
      decision: s.decision,
      signerUserId: s.signerUserId,
      signerName: names.get(s.seq) ?? null,
      at: s.at,
      keyId: s.keyId,
      valid: s.valid,
      problem: s.problem,
      keyRevokedAt: s.keyRevokedAt,
    })),
  };
}
