import { verify } from '@node-rs/argon2';
import type { UnitId, UserId } from '../../domain/ids.js';
import type { Role } from '../../domain/roles.js';
import type { NewUnit, StoredUnit, User } from '../../store/index.js';
import { forgetActors } from '../actor-cache.js';
import { resolveActor, type ResolvedActor } from '../actors.js';
import { nowInstant, type ActorRef, type AppDeps } from '../context.js';
import { addUnits, addUsers, hashPassword } from '../organisation.js';
import { AppError } from '../errors.js';
import { AccountError, roleRequired } from './errors.js';
import { checkPassword, type PasswordPolicy } from './policy.js';
import { checkRoleSet, hasAdminRole } from './roles.js';

/** Changes that take two administrators go through a request (two-person.ts). */
const secondPersonRequired = (): AccountError =>
  new AccountError('role_required', 'This change needs a second administrator: file it as a request for the other admin to approve.', '此变更须经另一名管理员审批，请提交申请。', {
    twoPerson: true,
  });

/*
 * Administration under 三权分立: the system admin keeps units and accounts (no roles, no business data); the
 * security admin grants roles, resets second factors and lifts lockouts; neither acts on their own account.
 */

async function requireRole(deps: AppDeps, ref: ActorRef, role: 'system_admin' | 'security_admin'): Promise<ResolvedActor> {
  const resolved = await resolveActor(deps.store.read, ref);
  if (!resolved.actor.roles.includes(role)) throw roleRequired(role, role === 'system_admin' ? '系统管理员' : '安全管理员');
  return resolved;
}

/** Units of the tenant (organisation, not business data: every signed-in user reads them). */
export async function listUnits(deps: AppDeps, ref: ActorRef): Promise<(StoredUnit & { readonly staffed: boolean })[]> {
  await resolveActor(deps.store.read, ref);
  const [units, users] = await Promise.all([deps.store.read.units.list(ref.tenantId), deps.store.read.users.list(ref.tenantId)]);
  // Whether anyone there can accept work: the assign and transfer forms warn before handing work to a unit
  // where it would sit unseen (the same rule as the warning an assignment answers with, items/warnings.ts).
  const staffed = new Set(users.filter((u) => u.disabledAt === null && u.roles.includes('handler')).map((u) => u.unitId));
  return units.map((u) => ({ ...u, staffed: staffed.has(u.id) }));
}

/**
 * Adds a unit (system admin).
 * @throws AccountError `role_required`; DomainError `validation_failed` (tree rules); StoreError `already_exists`.
 */
export async function createUnit(deps: AppDeps, ref: ActorRef, unit: NewUnit): Promise<void> {
  await requireRole(deps, ref, 'system_admin');
  await addUnits(deps, ref.tenantId, [unit]);
}

/** Users of the tenant, for the two admins who manage accounts and roles. */
export async function listUsers(deps: AppDeps, ref: ActorRef): Promise<User[]> {
  const { actor } = await resolveActor(deps.store.read, ref);
  if (!actor.roles.includes('system_admin') && !actor.roles.includes('security_admin')) throw roleRequired('system_admin', '系统管理员');
  return deps.store.read.users.list(ref.tenantId);
}

export interface NewAccount {
  readonly username: string;
  readonly displayName: string;
  readonly unitId: UnitId;
  readonly password: string;
}

/**
 * Creates an account without roles (system admin); the security admin grants them.
 * @throws AccountError `role_required`, `password_too_weak`; StoreError `already_exists`, `reference_not_found`.
 */
export async function createAccount(deps: AppDeps, ref: ActorRef, policy: PasswordPolicy, input: NewAccount): Promise<User> {
  await requireRole(deps, ref, 'system_admin');
  checkPassword(policy, input.password, input.username);
  const id = deps.newId();
  await addUsers(deps, ref.tenantId, [{ id, username: input.username, displayName: input.displayName, unitId: input.unitId, roles: [], password: input.password }]);
  const user = await deps.store.read.users.get(ref.tenantId, id);
  return user!;
}

async function targetUser(deps: AppDeps, ref: ActorRef, actor: ResolvedActor, userId: UserId): Promise<User> {
  if (actor.user.id === userId) throw new AccountError('role_required', 'Administrators do not change their own account.', '管理员不能修改本人账号。');
  const user = await deps.store.read.users.get(ref.tenantId, userId);
  if (!user) throw new AppError('user_not_found', `No user ${userId}.`, `用户 ${userId} 不存在。`, { user: userId });
  return user;
}

/**
 * Grants a user's roles (security admin), ending their sessions so the new roles apply at once.
 * @throws AccountError `role_required`, `role_conflict` (三权分立).
 */
export async function setRoles(deps: AppDeps, ref: ActorRef, userId: UserId, roles: readonly Role[]): Promise<User> {
  const actor = await requireRole(deps, ref, 'security_admin');
  const user = await targetUser(deps, ref, actor, userId);
  if (hasAdminRole(user.roles) || hasAdminRole(roles)) throw secondPersonRequired();
  checkRoleSet(roles);
  await deps.store.transaction(async (tx) => {
    const at = nowInstant(deps);
    await tx.users.setRoles(ref.tenantId, userId, roles);
    await tx.sessions.revokeForUser(ref.tenantId, userId, at);
    await tx.appendEvents(ref.tenantId, [
      { itemId: null, type: 'UserRolesSet', actorUserId: actor.user.id, actorUnitId: actor.user.unitId, at, payload: { userId, roles: [...roles] } },
    ]);
  });
  forgetActors(deps.store, ref.tenantId);
  return { ...user, roles: [...roles] };
}

/**
 * Disables or re-enables an account (system admin); disabling ends its sessions.
 * @throws AccountError `role_required`.
 */
export async function setDisabled(deps: AppDeps, ref: ActorRef, userId: UserId, disabled: boolean): Promise<void> {
  const actor = await requireRole(deps, ref, 'system_admin');
  const user = await targetUser(deps, ref, actor, userId);
  if (hasAdminRole(user.roles)) throw secondPersonRequired();
  await deps.store.transaction(async (tx) => {
    const at = nowInstant(deps);
    await tx.users.setDisabled(ref.tenantId, userId, disabled ? at : null);
    if (disabled) await tx.sessions.revokeForUser(ref.tenantId, userId, at);
    await tx.appendEvents(ref.tenantId, [
      { itemId: null, type: disabled ? 'UserDisabled' : 'UserEnabled', actorUserId: actor.user.id, actorUnitId: actor.user.unitId, at, payload: { userId } },
    ]);
  });
  forgetActors(deps.store, ref.tenantId);
}

/**
 * Changes one's own password, given the current one; ends one's sessions and clears the mark of a one-time reset
 * password. Another user's password is reset only through a two-person request (two-person.ts).
 * @throws AccountError `invalid_credentials` (wrong current password), `password_too_weak`.
 */
export async function setPassword(deps: AppDeps, ref: ActorRef, policy: PasswordPolicy, userId: UserId, password: string, current?: string): Promise<void> {
  const actor = await resolveActor(deps.store.read, ref);
  if (actor.user.id !== userId) throw secondPersonRequired();
  const user = actor.user;
  const ok = user.passwordHash !== null && current !== undefined && (await verify(user.passwordHash, current).catch(() => false));
  if (!ok) throw new AccountError('invalid_credentials', 'The current password is wrong.', '当前密码错误。');
  checkPassword(policy, password, user.username);
  if (await verify(user.passwordHash!, password).catch(() => false)) {
    throw new AccountError('password_too_weak', 'The new password must differ from the current one.', '新密码不得与当前密码相同。', {
      rules: ['must differ from the current password'],
    });
  }
  const hash = await hashPassword(password);
  await deps.store.transaction(async (tx) => {
    const at = nowInstant(deps);
    await tx.users.setPasswordHash(ref.tenantId, userId, hash, null);
    await tx.sessions.revokeForUser(ref.tenantId, userId, at);
    await tx.appendEvents(ref.tenantId, [{ itemId: null, type: 'PasswordSet', actorUserId: actor.user.id, actorUnitId: actor.user.unitId, at, payload: { userId } }]);
  });
  forgetActors(deps.store, ref.tenantId);
}

/**
 * Lifts the lockout of a name (security admin).
 * @throws AccountError `role_required`.
 */
export async function unlockAccount(deps: AppDeps, ref: ActorRef, username: string): Promise<void> {
  const actor = await requireRole(deps, ref, 'security_admin');
  await deps.store.transaction(async (tx) => {
    await tx.loginFailures.clear(ref.tenantId, username);
    await tx.appendEvents(ref.tenantId, [
      { itemId: null, type: 'AccountUnlocked', actorUserId: actor.user.id, actorUnitId: actor.user.unitId, at: nowInstant(deps), payload: { username } },
    ]);
  });
}
