import { z } from 'zod';
import { DEFAULT_PREFERENCES, PERSONAL_CHANNELS, isHhMm, type NotifyPreferences } from '../../domain/notify/route.js';
import { AUDIENCES, URGENCIES, type RuleOverride } from '../../domain/notify/rules.js';
import type { TenantId } from '../../domain/ids.js';
import type { ReadContext, TransactionContext } from '../../store/index.js';

/** Default city time of the daily digest (working days). */
export const DEFAULT_DIGEST_AT = '08:30';

const HhMm = z.string().refine(isHhMm, 'a time of day written HH:MM');

export const RuleOverrideSchema = z
  .object({
    key: z.string().min(1).max(100),
    ledgerType: z.string().min(1).max(100).nullable().optional(),
    off: z.boolean().optional(),
    audience: z.array(z.enum(AUDIENCES)).max(AUDIENCES.length).optional(),
    urgency: z.enum(URGENCIES).optional(),
  })
  .strict();

export const PreferencesSchema = z
  .object({
    channels: z.object({ urgent: z.array(z.enum(PERSONAL_CHANNELS)), normal: z.array(z.enum(PERSONAL_CHANNELS)), low: z.array(z.enum(PERSONAL_CHANNELS)) }).strict(),
    quiet: z.object({ from: HhMm, to: HhMm }).strict().nullable(),
    digestOnly: z.boolean(),
  })
  .strict();

/** Stored JSON read back: a row that no longer parses counts as the default, never as an error of the sender. */
function parsed<T>(schema: z.ZodType<T>, text: string | undefined, fallback: T): T {
  if (text === undefined) return fallback;
  try {
    const r = schema.safeParse(JSON.parse(text));
    return r.success ? r.data : fallback;
  } catch {
    return fallback;
  }
}

export interface TenantNotifySettings {
  readonly overrides: readonly RuleOverride[];
  readonly digestAt: string;
}

export async function tenantNotifySettings(ctx: ReadContext | TransactionContext, tenantId: TenantId): Promise<TenantNotifySettings> {
  const s = await ctx.notify.getSettings(tenantId);
  return { overrides: parsed(z.array(RuleOverrideSchema), s?.rules, []), digestAt: s && isHhMm(s.digestAt) ? s.digestAt : DEFAULT_DIGEST_AT };
}

export const preferencesFrom = (text: string | undefined): NotifyPreferences => parsed(PreferencesSchema, text, DEFAULT_PREFERENCES);
