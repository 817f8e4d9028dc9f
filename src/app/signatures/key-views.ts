import { resolveActor } from '../actors.js';
import { roleRequired } from '../accounts/errors.js';
import type { ActorRef, AppDeps } from '../context.js';
import { tenantKeys, type SigningKeyState } from './keys.js';

/*
 * What people may see of signing keys: the person their own keys (to know whether they can sign, and whether
 * the security admin has registered them yet), the security admin every key with its owner (to register or
 * revoke). Neither view carries the sealed box: it is of no use outside the signing step.
 */

export type SigningKeyPhase = 'enrolled' | 'registered' | 'revoked';

export interface SigningKeyView {
  readonly keyId: string;
  readonly userId: string;
  readonly userName: string | null;
  readonly state: SigningKeyPhase;
  readonly publicKeyPem: string;
  readonly enrolledAt: string;
  readonly registeredAt: string | null;
  readonly revokedAt: string | null;
}

const phaseOf = (k: SigningKeyState): SigningKeyPhase => (k.revokedSeq !== null ? 'revoked' : k.registeredSeq !== null ? 'registered' : 'enrolled');

function viewOf(k: SigningKeyState, names: ReadonlyMap<string, string>): SigningKeyView {
  return {
    keyId: k.keyId,
    userId: k.userId,
    userName: names.get(k.userId) ?? null,
    state: phaseOf(k),
    publicKeyPem: k.publicKeyPem,
    enrolledAt: k.enrolledAt,
    registeredAt: k.registeredAt,
    revokedAt: k.revokedAt,
  };
}

/** The acting person's own keys, newest last. @throws AppError `user_not_found`, `user_disabled`. */
export async function mySigningKeys(deps: AppDeps, ref: ActorRef): Promise<SigningKeyView[]> {
  const { user } = await resolveActor(deps.store.read, ref);
  const names = new Map([[user.id, user.displayName]]);
  return [...(await tenantKeys(deps, ref.tenantId)).values()].filter((k) => k.userId === user.id).map((k) => viewOf(k, names));
}

/** Every key of the tenant with its owner's name (security admin). @throws AccountError `role_required`. */
export async function allSigningKeys(deps: AppDeps, ref: ActorRef): Promise<SigningKeyView[]> {
  const { actor } = await resolveActor(deps.store.read, ref);
  if (!actor.roles.includes('security_admin')) throw roleRequired('security_admin', '安全管理员');
  const names = new Map((await deps.store.read.users.list(ref.tenantId)).map((u) => [u.id, u.displayName]));
  return [...(await tenantKeys(deps, ref.tenantId)).values()].map((k) => viewOf(k, names));
}
