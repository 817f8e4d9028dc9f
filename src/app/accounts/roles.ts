import { ROLES, type Role } from '../../domain/roles.js';
import { AccountError } from './errors.js';

/** The three admin roles of 三权分立: each held by its own person, none with business data. */
export const ADMIN_ROLES = ['system_admin', 'security_admin', 'auditor'] as const satisfies readonly Role[];

export const isAdminRole = (r: Role): boolean => (ADMIN_ROLES as readonly Role[]).includes(r);
export const hasAdminRole = (roles: readonly Role[]): boolean => roles.some(isAdminRole);
export const hasBusinessRole = (roles: readonly Role[]): boolean => roles.some((r) => !isAdminRole(r));

/**
 * Checks a set of roles for one person: at most one admin role, and no admin role beside a business role.
 * @throws AccountError `role_conflict`.
 */
export function checkRoleSet(roles: readonly Role[]): void {
  const admin = roles.filter(isAdminRole);
  if (admin.length > 1 || (admin.length === 1 && roles.length > 1)) {
    throw new AccountError(
      'role_conflict',
      'System admin, security admin and auditor are separate people and hold no business role (三权分立).',
      '系统管理员、安全管理员、审计管理员须由不同人员担任，且不得兼任业务角色(三权分立)。',
      { roles },
    );
  }
  for (const r of roles) if (!(ROLES as readonly string[]).includes(r)) throw new AccountError('role_conflict', `Unknown role ${r}.`, `未知角色 ${r}。`);
}
