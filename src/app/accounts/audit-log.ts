import type { ChainVerification, StoredEvent } from '../../store/index.js';
import { resolveActor } from '../actors.js';
import type { ActorRef, AppDeps } from '../context.js';
import { roleRequired } from './errors.js';

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
  readonly actorUnitId: string | null;
  readonly itemId: string | null;
  readonly itemNumber: string | null;
  readonly prevHash: string;
  readonly hash: string;
  readonly payload?: Readonly<Record<string, unknown>>;
}

/** Keys of a security event's payload that could carry business text; the auditor does not get them. */
const FREE_TEXT = /^(title|content|text|fields|reason|note|comment|description|name|displayName|fileName)$/;

function auditEntry(e: StoredEvent, numbers: ReadonlyMap<string, string>): AuditEntry {
  const base = { seq: e.seq, at: e.at, type: e.type, actorUserId: e.actorUserId, actorUnitId: e.actorUnitId, itemId: e.itemId, prevHash: e.prevHash, hash: e.hash };
  if (e.itemId !== null) return { ...base, itemNumber: numbers.get(e.itemId) ?? null };
  return { ...base, itemNumber: null, payload: Object.fromEntries(Object.entries(e.payload).filter(([k]) => !FREE_TEXT.test(k))) };
}

/** A page of the tenant's event log after `afterSeq`, with the head of the chain. @throws `role_required`. */
export async function readAuditLog(deps: AppDeps, ref: ActorRef, afterSeq: number, limit: number): Promise<{ events: AuditEntry[]; head: { seq: number; hash: string | null } }> {
  await requireAuditor(deps, ref);
  const [events, head] = await Promise.all([deps.store.read.events.listAfter(ref.tenantId, afterSeq, limit), deps.store.read.events.head(ref.tenantId)]);
  const ids = [...new Set(events.map((e) => e.itemId).filter((id): id is string => id !== null))];
  const numbers = new Map((await deps.store.read.items.getMany(ref.tenantId, ids)).map((i) => [i.id as string, i.number]));
  return { events: events.map((e) => auditEntry(e, numbers)), head: { seq: head.seq, hash: head.hash } };
}

/** Recomputes the keyed chain against the signed checkpoints. @throws `role_required`. */
export async function verifyAuditLog(deps: AppDeps, ref: ActorRef): Promise<ChainVerification> {
  await requireAuditor(deps, ref);
  return deps.store.verifyChain(ref.tenantId);
}
