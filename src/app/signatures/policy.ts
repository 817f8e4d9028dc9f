import type { TenantId } from '../../domain/ids.js';
import { SIGNING_POLICIES, type ReadContext, type SigningPolicy, type TransactionContext } from '../../store/index.js';
import { roleRequired } from '../accounts/errors.js';
import { resolveActor } from '../actors.js';
import { isOperator, nowInstant, type ActorRef, type AppDeps, type ViewerRef } from '../context.js';
import { AppError } from '../errors.js';

/*
 * 签章要求, the tenant's signing policy: whether a decision that is signed (审签, 销号, 印发通报) may be taken by a
 * person without an active registered key. It is a column of the tenant, set like the tenant's other settings:
 * by the admin whose area it is — here the security admin, who also registers and revokes the keys (三权分立) —
 * and recorded on the chain (SigningPolicySet) in the same transaction.
 */

export { SIGNING_POLICIES, type SigningPolicy };

/** The policy `luoshi init` and the demo give a new tenant. */
export const NEW_TENANT_SIGNING_POLICY: SigningPolicy = 'required';

/** The tenant's policy, read inside the caller's transaction (or on the read side). Unknown tenant: `required`. */
export async function signingPolicyOf(ctx: ReadContext | TransactionContext, tenantId: TenantId): Promise<SigningPolicy> {
  return (await ctx.tenants.get(tenantId))?.signingPolicy ?? 'required';
}

/**
 * The tenant's signing policy: every signed-in person may read it (the web says before an action whether it will
 * be refused), and the operator at the command line.
 * @throws AppError `user_not_found`, `user_disabled`.
 */
export async function readSigningPolicy(deps: AppDeps, viewer: ViewerRef): Promise<SigningPolicy> {
  if (!isOperator(viewer)) await resolveActor(deps.store.read, viewer);
  return signingPolicyOf(deps.store.read, viewer.tenantId);
}

/**
 * Sets the tenant's signing policy (security admin) and records the change on the chain (`SigningPolicySet`,
 * with the policy before and after). Setting the policy it already has records nothing.
 * @throws AccountError `role_required`; AppError `invalid_input` (not a policy), `user_not_found`, `user_disabled`.
 */
export async function setSigningPolicy(deps: AppDeps, ref: ActorRef, policy: string): Promise<SigningPolicy> {
  const { user, actor } = await resolveActor(deps.store.read, ref);
  if (!actor.roles.includes('security_admin')) throw roleRequired('security_admin', '安全管理员');
  if (!(SIGNING_POLICIES as readonly string[]).includes(policy)) {
    throw new AppError('invalid_input', `The signing policy is one of: ${SIGNING_POLICIES.join(', ')}.`, `签章要求只能是 ${SIGNING_POLICIES.join('、')} 之一。`, {
      policy,
    });
  }
  const next = policy as SigningPolicy;
  await deps.store.transaction(async (tx) => {
    const before = await signingPolicyOf(tx, ref.tenantId);
    if (before === next) return;
    await tx.tenants.setSigningPolicy(ref.tenantId, next);
    await tx.appendEvents(ref.tenantId, [
      { itemId: null, type: 'SigningPolicySet', actorUserId: user.id, actorUnitId: user.unitId, at: nowInstant(deps), payload: { policy: next, before } },
    ]);
  });
  return next;
}
