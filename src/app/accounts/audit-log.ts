import type { ChainVerification, StoredEvent } from '../../store/index.js';
import { resolveActor } from '../actors.js';
import type { ActorRef, AppDeps } from '../context.js';
import { roleRequired } from './errors.js';

/** Only the auditor reads the audit log (三权分立). */
async function requireAuditor(deps: AppDeps, ref: ActorRef): Promise<void> {
  const { actor } = await resolveActor(deps.store.read, ref);
  if (!actor.roles.includes('auditor')) throw roleRequired('auditor', '审计管理员');
}

/** A page of the tenant's event log after `afterSeq`, with the head of the chain. @throws `role_required`. */
export async function readAuditLog(deps: AppDeps, ref: ActorRef, afterSeq: number, limit: number): Promise<{ events: StoredEvent[]; head: { seq: number; hash: string | null } }> {
  await requireAuditor(deps, ref);
  const [events, head] = await Promise.all([deps.store.read.events.listAfter(ref.tenantId, afterSeq, limit), deps.store.read.events.head(ref.tenantId)]);
  return { events, head: { seq: head.seq, hash: head.hash } };
}

/** Recomputes the keyed chain against the signed checkpoints. @throws `role_required`. */
export async function verifyAuditLog(deps: AppDeps, ref: ActorRef): Promise<ChainVerification> {
  await requireAuditor(deps, ref);
  return deps.store.verifyChain(ref.tenantId);
}
