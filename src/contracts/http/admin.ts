import { z } from 'zod';
import { ROLES } from '../../domain/roles.js';
import { UNIT_KINDS } from '../../domain/units.js';

const Id = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[\w.:-]+$/u, 'letters, digits, _ . : -');

export const UnitViewSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(UNIT_KINDS),
    parentId: z.string().nullable(),
    code: z.string().nullable(),
    staffed: z.boolean().optional().describe('in the unit list: whether the unit has an active handler, who can accept work handed to it'),
  })
  .meta({ id: 'Unit' });

export const UnitCreateBodySchema = z
  .object({ id: Id, name: z.string().trim().min(1).max(200), kind: z.enum(UNIT_KINDS), parentId: Id.nullable(), code: z.string().max(50).nullable().optional() })
  .strict();

export const UserCreateBodySchema = z
  .object({
    username: z
      .string()
      .trim()
      .min(2)
      .max(64)
      .regex(/^[\p{L}\p{N}._-]+$/u, 'letters, digits, . _ -'),
    displayName: z.string().trim().min(1).max(100),
    unitId: Id,
    password: z.string().min(1).max(1000),
  })
  .strict();

export const RolesBodySchema = z.object({ roles: z.array(z.enum(ROLES)).max(6) }).strict();
export const DisableBodySchema = z.object({ disabled: z.boolean() }).strict();
export const UnlockBodySchema = z.object({ username: z.string().min(1).max(200) }).strict();

/** A two-person account change waiting for (or decided by) the second administrator. */
export const AccountRequestViewSchema = z.object({
  id: z.string(),
  kind: z.enum(['password_reset', 'totp_reset', 'set_roles', 'disable', 'enable']),
  userId: z.string(),
  roles: z.array(z.string()).nullable(),
  requestedBy: z.string(),
  requestedAt: z.string(),
  approverRoles: z.array(z.string()),
  decision: z.enum(['approved', 'refused']).nullable(),
});
