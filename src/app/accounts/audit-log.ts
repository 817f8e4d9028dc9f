import { isLocalDate, addDays, startOfLocalDay } from '../../domain/time.js';
import type { ChainVerification, EventQuery, StoredEvent } from '../../store/index.js';
import { resolveActor } from '../actors.js';
import type { ActorRef, AppDeps } from '../context.js';
import { ledgerTypesOf, refreshLedgerTypes } from '../ledger-types/cache.js';
import { AppError } from '../errors.js';
import { roleRequired } from './errors.js';
import { EVIDENCE_WITHDRAWN } from '../evidence/withdrawn.js';

/** Only the auditor reads the audit log (三权分立). */
async function requireAuditor(deps: AppDeps, ref: ActorRef): Promise<void> {
  const { actor } = await resolveActor(deps.store.read, ref);
  if (!actor.roles.includes('auditor')) throw roleRequired('auditor', '审计管理员');
}

/**
 * What the auditor sees of an event (三权分立: who did what and when, never the content of the work): its place
 * in the chain, type, actor, time, and for an item's event the item's number; the details only of the security
 * log (logins, account and admin actions, configuration: events without an item), minus any free text.
 */
export interface AuditEntry {
  readonly seq: number;
  readonly at: string;
  readonly type: string;
  readonly actorUserId: string | null;
  /** The actor's login name (who did it, as the auditor recognises them); null for the system. */
  readonly actorName: string | null;
  readonly actorUnitId: string | null;
  readonly itemId: string | null;
  readonly itemNumber: string | null;
  readonly prevHash: string;
  readonly hash: string;
  readonly payload?: Readonly<Record<string, unknown>>;
}

/** Keys of a security event's payload that could carry business text; the auditor does not get them. */
const FREE_TEXT = /^(title|content|text|fields|reason|note|comment|description|name|displayName|fileName)$/;

function auditEntry(e: StoredEvent, numbers: ReadonlyMap<string, string>, names: ReadonlyMap<string, string>): AuditEntry {
  const actorName = e.actorUserId === null ? null : (names.get(e.actorUserId) ?? null);
  const base = { seq: e.seq, at: e.at, type: e.type, actorUserId: e.actorUserId, actorName, actorUnitId: e.actorUnitId, itemId: e.itemId, prevHash: e.prevHash, hash: e.hash };
  if (e.itemId !== null) {
    // A withdrawn file is named by id, so that the auditor can fetch what was taken back (GET /audit/evidence/:id).
    const withdrawn = e.type === EVIDENCE_WITHDRAWN ? { payload: { evidenceId: (e.payload as { evidenceId?: unknown }).evidenceId } } : {};
    return { ...base, itemNumber: numbers.get(e.itemId) ?? null, ...withdrawn };
  }
  return { ...base, itemNumber: null, payload: Object.fromEntries(Object.entries(e.payload).filter(([k]) => !FREE_TEXT.test(k))) };
}

/** A page of the tenant's event log after `afterSeq`, with the head of the chain. @throws `role_required`. */
export async function readAuditLog(deps: AppDeps, ref: ActorRef, afterSeq: number, limit: number): Promise<{ events: AuditEntry[]; head: { seq: number; hash: string | null } }> {
  await requireAuditor(deps, ref);
  const [events, head] = await Promise.all([deps.store.read.events.listAfter(ref.tenantId, afterSeq, limit), deps.store.read.events.head(ref.tenantId)]);
  return { events: await entries(deps, ref.tenantId, events), head: { seq: head.seq, hash: head.hash } };
}

/** The events as the auditor sees them, with item numbers and the actors' login names. */
async function entries(deps: AppDeps, tenantId: string, events: readonly StoredEvent[]): Promise<AuditEntry[]> {
  const ids = [...new Set(events.map((e) => e.itemId).filter((id): id is string => id !== null))];
  const [items, users] = await Promise.all([deps.store.read.items.getMany(tenantId, ids), deps.store.read.users.list(tenantId)]);
  const numbers = new Map(items.map((i) => [i.id as string, i.number]));
  const names = new Map(users.map((u) => [u.id as string, u.username]));
  return events.map((e) => auditEntry(e, numbers, names));
}

/** What the auditor narrows the log to: a person by login name, a unit, an item by number or id, days. */
export interface AuditSearch {
  /** The next page: events before this sequence number. */
  readonly before?: number;
  readonly limit: number;
  readonly type?: string;
  readonly user?: string;
  readonly unit?: string;
  readonly item?: string;
  /** Days in the tenant's zone, inclusive. */
  readonly from?: string;
  readonly to?: string;
}

/**
 * The event log newest first, narrowed by person, unit, item, event type and days (the audit page and its
 * export). A person or item that does not exist narrows to nothing rather than failing: the auditor is searching.
 * @throws `role_required`; AppError `invalid_input` for a day that is not YYYY-MM-DD.
 */
export async function searchAuditLog(
  deps: AppDeps,
  ref: ActorRef,
  q: AuditSearch,
): Promise<{ events: AuditEntry[]; nextBefore: number | null; head: { seq: number; hash: string | null } }> {
  await requireAuditor(deps, ref);
  const head = await deps.store.read.events.head(ref.tenantId);
  const query = await eventQuery(deps, ref.tenantId, q);
  const events = query === null ? [] : await deps.store.read.events.listNewestFirst(ref.tenantId, query, q.limit);
  const last = events[events.length - 1];
  return { events: await entries(deps, ref.tenantId, events), nextBefore: last && events.length === q.limit ? last.seq : null, head: { seq: head.seq, hash: head.hash } };
}

/** The store's query for a search, or null when a named person or item does not exist (nothing matches). */
async function eventQuery(deps: AppDeps, tenantId: string, q: AuditSearch): Promise<EventQuery | null> {
  for (const [name, day] of [
    ['from', q.from],
    ['to', q.to],
  ] as const) {
    if (day !== undefined && !isLocalDate(day)) {
      throw new AppError('invalid_input', `${name} must be a date written YYYY-MM-DD: ${day}`, `${name} 须为 YYYY-MM-DD 格式的日期：${day}`);
    }
  }
  const tenant = await deps.store.read.tenants.get(tenantId);
  const zone = tenant?.timeZone;
  let actorUserId: string | undefined;
  if (q.user !== undefined) {
    const user = await deps.store.read.users.getByUsername(tenantId, q.user);
    if (!user) return null;
    actorUserId = user.id;
  }
  let itemId: string | undefined;
  if (q.item !== undefined) {
    const found = await itemByNumberOrId(deps, tenantId, q.item);
    if (found === null) return null;
    itemId = found;
  }
  return {
    ...(q.before !== undefined && { beforeSeq: q.before }),
    ...(q.type !== undefined && { type: q.type }),
    ...(actorUserId !== undefined && { actorUserId }),
    ...(q.unit !== undefined && { actorUnitId: q.unit }),
    ...(itemId !== undefined && { itemId }),
    ...(q.from !== undefined && { fromAt: startOfLocalDay(q.from, zone) }),
    ...(q.to !== undefined && { toAt: startOfLocalDay(addDays(q.to, 1), zone) }),
  };
}

/** An item's id from its number (督办〔2026〕0012号, looked up per ledger type on the number index) or its id. */
async function itemByNumberOrId(deps: AppDeps, tenantId: string, numberOrId: string): Promise<string | null> {
  const byId = await deps.store.read.items.get(tenantId, numberOrId);
  if (byId) return byId.id;
  await refreshLedgerTypes(deps, deps.store.read, tenantId);
  for (const key of ledgerTypesOf(deps, tenantId).all.keys()) {
    const [hit] = await deps.store.read.items.getByNumbers(tenantId, key, [numberOrId]);
    if (hit) return hit.id;
  }
  return null;
}

/** Recomputes the keyed chain against the signed checkpoints. @throws `role_required`. */
export async function verifyAuditLog(deps: AppDeps, ref: ActorRef): Promise<ChainVerification> {
  await requireAuditor(deps, ref);
  return deps.store.verifyChain(ref.tenantId);
}
