import type { ChainVerification, StoredEvent } from '../store/index.js';
import { resolveActor } from './actors.js';
import { isOperator, type AppDeps, type ViewerRef } from './context.js';
import { AppError } from './errors.js';
import { verifyProjections } from './verify-projections.js';
import { verifySigningPolicy } from './signatures/verify-policy.js';

/** Only the auditor reads the audit log (三权分立); the operator at the command line may verify too. */
async function requireAuditor(deps: AppDeps, viewer: ViewerRef): Promise<void> {
  if (isOperator(viewer)) return;
  const { actor } = await resolveActor(deps.store.read, viewer);
  if (!actor.roles.includes('auditor')) {
    throw new AppError('business_data_forbidden', 'Only the auditor reads the audit log.', '只有审计管理员可以查看审计日志。');
  }
}

/**
 * Recomputes the tenant's keyed chain and checks it against the signed checkpoints, then every item row against
 * the replay of its events: `ok` with the event count and head, or the first bad event (or item) and what is
 * wrong with it.
 * @throws AppError `business_data_forbidden` unless the viewer is the auditor or the operator.
 */
export async function verifyRecord(deps: AppDeps, viewer: ViewerRef): Promise<ChainVerification> {
  await requireAuditor(deps, viewer);
  const chain = await deps.store.verifyChain(viewer.tenantId);
  if (!chain.ok) return chain;
  // The chain holds: now the rows users see must be what the chain's events say.
  const rows = await verifyProjections(deps.store, viewer.tenantId, chain);
  return rows.ok ? verifySigningPolicy(deps.store, viewer.tenantId, rows) : rows;
}

/** A page of the event log after `afterSeq` (auditor or operator). */
export async function auditLog(deps: AppDeps, viewer: ViewerRef, afterSeq = 0, limit = 100): Promise<StoredEvent[]> {
  await requireAuditor(deps, viewer);
  return deps.store.read.events.listAfter(viewer.tenantId, afterSeq, limit);
}
