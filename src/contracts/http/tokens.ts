import { z } from 'zod';
import { TOKEN_SCOPES } from './scopes.js';

export const TokenCreateBodySchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    unitId: z.string().min(1).max(200),
    scopes: z.array(z.enum(TOKEN_SCOPES)).min(1).max(TOKEN_SCOPES.length),
    expiresAt: z.iso.datetime().nullable().optional(),
  })
  .strict();

export const TokenViewSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    unitId: z.string(),
    scopes: z.array(z.string()),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiToken' });

export const TokenCreatedSchema = z.object({ token: z.string().describe('Shown once: store it now'), record: TokenViewSchema });

export const WebhookCreateBodySchema = z
  .object({
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .describe('http(s), no user name or password; a public address unless the server sets LUOSHI_WEBHOOK_ALLOW_PRIVATE=1 (else webhook_url_forbidden)'),
    unitId: z.string().min(1).max(200),
    ledgerType: z.string().min(1).max(40).nullable().optional(),
  })
  .strict();

export const WebhookViewSchema = z
  .object({ id: z.string(), url: z.string(), unitId: z.string(), ledgerType: z.string().nullable(), createdAt: z.string(), disabledAt: z.string().nullable() })
  .meta({ id: 'Webhook' });

export const DeliveryViewSchema = z.object({
  id: z.string(),
  eventSeq: z.number(),
  eventType: z.string(),
  itemId: z.string().nullable(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number(),
  nextAttemptAt: z.string(),
  lastStatus: z.number().nullable(),
  lastError: z.string().nullable(),
  deliveredAt: z.string().nullable(),
});
