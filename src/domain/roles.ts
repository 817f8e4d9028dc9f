import type { UnitId, UserId } from './ids.js';

/**
 * Roles of DESIGN.md. The three admin roles (system, security, auditor) are held by separate people
 * (三权分立) and never read business data.
 */
export const ROLES = ['supervisor', 'handler', 'leader', 'auditor', 'system_admin', 'security_admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who performs an action: a user acting for a unit with a set of roles. */
export interface Actor {
  readonly userId: UserId;
  readonly unitId: UnitId;
  readonly roles: readonly Role[];
}

export const hasRole = (actor: Actor, role: Role): boolean => actor.roles.includes(role);
