import { z } from 'zod';
import { ROLES } from '../../domain/roles.js';

export const LoginBodySchema = z
  .object({
    username: z.string().min(1).max(200),
    password: z.string().min(1).max(1000),
    totp: z.string().max(20).optional().describe('6-digit code: required for system admin, security admin and auditor'),
  })
  .strict()
  .meta({ id: 'LoginBody' });
export type LoginBody = z.infer<typeof LoginBodySchema>;

export const UserViewSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    unitId: z.string(),
    roles: z.array(z.enum(ROLES)),
    disabled: z.boolean(),
  })
  .meta({ id: 'User' });

export const SessionViewSchema = z
  .object({
    user: UserViewSchema,
    csrfToken: z.string().describe('Send as X-CSRF-Token with every write made with the session cookie'),
    expiresAt: z.string(),
    idleTimeoutMinutes: z.number(),
    secondFactor: z.enum(['none', 'totp']),
    secondFactorEnrolmentRequired: z.boolean(),
    /** The password is a one-time reset password: only PUT /me/password works until it is replaced. */
    passwordChangeRequired: z.boolean().optional(),
  })
  .meta({ id: 'Session' });

export const MeSchema = z
  .object({
    user: UserViewSchema,
    unit: z.object({ id: z.string(), name: z.string(), kind: z.string() }).nullable(),
    auth: z.enum(['session', 'token']),
    csrfToken: z.string().nullable(),
    /** What the user may do, for the UI to enable or disable (the server still checks every request). */
    can: z.object({
      readItems: z.boolean(),
      createItems: z.boolean(),
      readStats: z.boolean(),
      export: z.boolean(),
      administerUnitsAndUsers: z.boolean(),
      administerRoles: z.boolean(),
      readAudit: z.boolean(),
      manageWebhooks: z.boolean(),
      manageTokens: z.boolean(),
    }),
    tokenScopes: z.array(z.string()).nullable(),
  })
  .meta({ id: 'Me' });

export const PasswordBodySchema = z.object({ current: z.string().max(1000).optional(), password: z.string().min(1).max(1000) }).strict();
export const TotpEnrolmentSchema = z.object({ secret: z.string(), uri: z.string() });
export const TotpConfirmBodySchema = z.object({ code: z.string().min(1).max(20) }).strict();
