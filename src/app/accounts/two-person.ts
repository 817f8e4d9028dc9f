import type { UserId } from '../../domain/ids.js';
import type { Role } from '../../domain/roles.js';
import type { AccountRequest, AccountRequestKind, TransactionContext, User } from '../../store/index.js';
import { forgetActors } from '../actor-cache.js';
import { resolveActor, type ResolvedActor } from '../actors.js';
import { nowInstant, type ActorRef, type AppDeps } from '../context.js';
import { AppError } from '../errors.js';
import { hashPassword } from '../organisation.js';
import { AccountError } from './errors.js';
import { checkPassword, type PasswordPolicy } from './policy.js';
import { checkRoleSet, hasAdminRole } from './roles.js';

/*
 * 双人复核 of account changes. Nobody takes over an account alone:
 *  - a reset of anyone's password or second factor is requested by the system admin and carried out when the
 *    security admin approves (the security admin may request it for an admin account; the system admin then
 *    approves): the requester chooses the one-time password and the approver never sees it, so neither can log
 *    in as the user, and the user must replace it at the next login;
 *  - disabling, re-enabling or changing the roles of an admin account (or granting an admin role) needs a
 *    second admin of another role: the other of the two managing admins or, when that one is the account
 *    concerned (the system admin's lost phone), the auditor.
 * The auditor never requests. Nobody requests or approves for their own account, and a requester never
 * approves their own request.
 */

const MANAGERS = ['system_admin', 'security_admin'] as const;
type Manager = (typeof MANAGERS)[number];

const managerOf = (a: ResolvedActor): Manager | null => MANAGERS.find((r) => a.actor.roles.includes(r)) ?? null;
const other = (r: Manager): Manager => (r === 'system_admin' ? 'security_admin' : 'system_admin');
const ROLE_ZH: Record<Manager, string> = { system_admin: '系统管理员', security_admin: '安全管理员' };

export const isAdminAccount = (u: Pick<User, 'roles'>): boolean => hasAdminRole(u.roles);
export const grantsAdmin = (roles: readonly Role[]): boolean => hasAdminRole(roles);

export interface AccountChange {
  readonly kind: AccountRequestKind;
  readonly userId: UserId;
  /** The one-time password of a reset. */
  readonly password?: string;
  readonly roles?: readonly Role[];
}

/** Who may request a change of this kind for this account. */
function requesterMay(kind: AccountRequestKind, role: Manager, target: User, roles: readonly Role[] | undefined): boolean {
  switch (kind) {
    case 'password_reset':
    case 'totp_reset':
      // Business accounts: the system admin asks. Admin accounts: either admin may ask; the other approves.
      return role === 'system_admin' || isAdminAccount(target);
    case 'disable':
    case 'enable':
      return role === 'system_admin' || isAdminAccount(target);
    case 'set_roles':
      return role === 'security_admin' || isAdminAccount(target) || grantsAdmin(roles ?? []);
  }
}

async function targetOf(deps: AppDeps, ref: ActorRef, actor: ResolvedActor, userId: UserId): Promise<User> {
  if (actor.user.id === userId) throw new AccountError('role_required', 'Administrators do not change their own account.', '管理员不能修改本人账号。');
  const user = await deps.store.read.users.get(ref.tenantId, userId);
  if (!user) throw new AppError('user_not_found', `No user ${userId}.`, `用户 ${userId} 不存在。`, { user: userId });
  return user;
}

export interface AccountRequestView {
  readonly id: string;
  readonly kind: AccountRequestKind;
  readonly userId: UserId;
  readonly roles: readonly Role[] | null;
  readonly requestedBy: UserId;
  readonly requestedAt: string;
  /** The admin roles that may approve. */
  readonly approverRoles: readonly Role[];
  readonly decision: 'approved' | 'refused' | null;
}

const view = (r: AccountRequest, approverRoles: readonly Role[]): AccountRequestView => ({
  id: r.id,
  kind: r.kind,
  userId: r.userId,
  roles: r.roles,
  requestedBy: r.requestedBy,
  requestedAt: r.requestedAt,
  approverRoles,
  decision: r.decision,
});

/**
 * Records a change that waits for the second administrator (双人复核).
 * @throws AccountError `role_required`, `password_too_weak`, `role_conflict`; AppError `user_not_found`.
 */
export async function requestAccountChange(deps: AppDeps, ref: ActorRef, policy: PasswordPolicy, change: AccountChange): Promise<AccountRequestView> {
  const actor = await resolveActor(deps.store.read, ref);
  const role = managerOf(actor);
  if (!role) {
    throw new AccountError('role_required', 'Only the system admin or the security admin may ask for this.', '只有系统管理员或安全管理员可以提出此申请。', {
      role: 'system_admin',
    });
  }
  const target = await targetOf(deps, ref, actor, change.userId);
  if (!requesterMay(change.kind, role, target, change.roles)) {
    const who: Manager = change.kind === 'set_roles' ? 'security_admin' : 'system_admin';
    throw new AccountError('role_required', `Only the ${who.replace('_', ' ')} may ask for this.`, `只有${ROLE_ZH[who]}可以提出此申请。`, { role: who });
  }
  let passwordHash: string | null = null;
  if (change.kind === 'password_reset') {
    checkPassword(policy, change.password ?? '', target.username);
    passwordHash = await hashPassword(change.password ?? '');
  }
  if (change.kind === 'set_roles') checkRoleSet(change.roles ?? []);
  const at = nowInstant(deps);
  const request: AccountRequest = {
    id: deps.newId(),
    kind: change.kind,
    userId: target.id,
    passwordHash,
    roles: change.kind === 'set_roles' ? [...(change.roles ?? [])] : null,
    requestedBy: actor.user.id,
    requestedAt: at,
    decidedBy: null,
    decidedAt: null,
    decision: null,
  };
  await deps.store.transaction(async (tx) => {
    await tx.accountRequests.insert(ref.tenantId, request);
    await tx.appendEvents(ref.tenantId, [
      {
        itemId: null,
        type: 'AccountChangeRequested',
        actorUserId: actor.user.id,
        actorUnitId: actor.user.unitId,
        at,
        payload: { requestId: request.id, kind: request.kind, userId: target.id, ...(request.roles ? { roles: [...request.roles] } : {}) },
      },
    ]);
  });
  return view(request, approversOf(role, target, request));
}

/**
 * Roles that may approve: the other managing admin for a business account; for an admin account (or a grant
 * of an admin role) any admin role but the requester's, the auditor included, so that the account concerned
 * never has to approve its own change.
 */
function approversOf(requesterRole: Manager, target: User, r: Pick<AccountRequest, 'roles'>): Role[] {
  if (isAdminAccount(target) || grantsAdmin(r.roles ?? [])) return (['system_admin', 'security_admin', 'auditor'] as const).filter((x) => x !== requesterRole);
  return [other(requesterRole)];
}

/** Pending requests, for the admins who may decide them. @throws AccountError `role_required`. */
export async function listAccountRequests(deps: AppDeps, ref: ActorRef): Promise<AccountRequestView[]> {
  const actor = await resolveActor(deps.store.read, ref);
  if (!managerOf(actor) && !actor.actor.roles.includes('auditor')) {
    throw new AccountError('role_required', 'Only the admins may see this.', '只有管理员可以查看。', { role: 'security_admin' });
  }
  const pending = await deps.store.read.accountRequests.listPending(ref.tenantId);
  const out: AccountRequestView[] = [];
  for (const r of pending) {
    const requester = await deps.store.read.users.get(ref.tenantId, r.requestedBy);
    const target = await deps.store.read.users.get(ref.tenantId, r.userId);
    if (target) out.push(view(r, approversOf(requester?.roles.includes('security_admin') ? 'security_admin' : 'system_admin', target, r)));
  }
  return out;
}

/**
 * Approves (carries out) or refuses a pending request: only the other admin role, never the requester and never
 * for one's own account; one decision per request.
 * @throws AccountError `role_required`; AppError `user_not_found` (no such pending request), `invalid_input` (decided).
 */
export async function decideAccountChange(deps: AppDeps, ref: ActorRef, requestId: string, approve: boolean): Promise<AccountRequestView> {
  const actor = await resolveActor(deps.store.read, ref);
  const request = await deps.store.read.accountRequests.get(ref.tenantId, requestId);
  if (!request) throw new AppError('user_not_found', `No account request ${requestId}.`, `未找到账号变更申请 ${requestId}。`, { requestId });
  const requester = await deps.store.read.users.get(ref.tenantId, request.requestedBy);
  const target = await deps.store.read.users.get(ref.tenantId, request.userId);
  if (!target) throw new AppError('user_not_found', `No user ${request.userId}.`, `用户 ${request.userId} 不存在。`, { user: request.userId });
  const approvers = approversOf(requester?.roles.includes('security_admin') ? 'security_admin' : 'system_admin', target, request);
  if (!actor.actor.roles.some((r) => approvers.includes(r)) || actor.user.id === request.requestedBy || actor.user.id === request.userId) {
    const zh = approvers.map((r) => (r === 'auditor' ? '审计管理员' : ROLE_ZH[r as Manager])).join('或');
    throw new AccountError(
      'role_required',
      `Only ${approvers.join(' or ')}, not the requester nor the account concerned, may decide this request.`,
      `此申请须由${zh}（非申请人、非当事人）审批。`,
      {
        role: approvers[0],
      },
    );
  }
  const at = nowInstant(deps);
  await deps.store.transaction(async (tx) => {
    if (!(await tx.accountRequests.decide(ref.tenantId, requestId, actor.user.id, at, approve ? 'approved' : 'refused'))) {
      throw new AppError('invalid_input', `Account request ${requestId} was decided already.`, `账号变更申请 ${requestId} 已审批。`, { requestId });
    }
    if (approve) await carryOut(tx, ref, request, at);
    await tx.appendEvents(ref.tenantId, [
      {
        itemId: null,
        type: approve ? 'AccountChangeApproved' : 'AccountChangeRefused',
        actorUserId: actor.user.id,
        actorUnitId: actor.user.unitId,
        at,
        payload: { requestId, kind: request.kind, userId: request.userId, requestedBy: request.requestedBy },
      },
    ]);
  });
  forgetActors(deps.store, ref.tenantId);
  return { ...view(request, approvers), decision: approve ? 'approved' : 'refused' };
}

async function carryOut(tx: TransactionContext, ref: ActorRef, r: AccountRequest, at: string): Promise<void> {
  switch (r.kind) {
    case 'password_reset':
      // A one-time password: the user must replace it at the next login (users.password_reset_at).
      await tx.users.setPasswordHash(ref.tenantId, r.userId, r.passwordHash, at);
      break;
    case 'totp_reset':
      await tx.totp.remove(ref.tenantId, r.userId);
      break;
    case 'set_roles':
      await tx.users.setRoles(ref.tenantId, r.userId, r.roles ?? []);
      break;
    case 'disable':
      await tx.users.setDisabled(ref.tenantId, r.userId, at);
      break;
    case 'enable':
      await tx.users.setDisabled(ref.tenantId, r.userId, null);
      return;
  }
  await tx.sessions.revokeForUser(ref.tenantId, r.userId, at);
}
