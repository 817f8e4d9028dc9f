import { z } from 'zod';
import { CHANNEL_KINDS } from '../../domain/notify/route.js';
import { AUDIENCES, URGENCIES } from '../../domain/notify/rules.js';

/** The rules table and its audiences, for clients that name them (the web's texts are held to these). */
export { AUDIENCES, DEFAULT_RULES as NOTIFY_RULES } from '../../domain/notify/rules.js';

/** Notification administration (system admin): channels, delivery log, tenant settings, people's contacts. */

export const NotifyChannelViewSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    unitId: z.string().nullable(),
    /** A robot's URL without its query (the token); a vendor API's base URL. Secrets are never shown. */
    url: z.string(),
    settings: z.record(z.string(), z.string()),
    createdAt: z.string(),
    disabledAt: z.string().nullable(),
  })
  .meta({ id: 'NotifyChannel' });
export type NotifyChannelView = z.infer<typeof NotifyChannelViewSchema>;

/** The kinds an admin adds (e-mail is the installation's SMTP server, not a channel). */
const ADDABLE_CHANNEL_KINDS = CHANNEL_KINDS.filter((k) => k !== 'email') as Exclude<(typeof CHANNEL_KINDS)[number], 'email'>[];
const Name = z.string().regex(/^[A-Za-z]\w{0,40}$/);

/** Checked again, kind by kind, by the use case (which settings and secrets each kind needs, the SSRF policy). */
export const NotifyChannelBodySchema = z
  .object({
    kind: z.enum(ADDABLE_CHANNEL_KINDS as [Exclude<(typeof CHANNEL_KINDS)[number], 'email'>, ...Exclude<(typeof CHANNEL_KINDS)[number], 'email'>[]]),
    unitId: z.string().min(1).max(100).nullable(),
    url: z.string().min(1).max(2000).nullable(),
    settings: z.record(Name, z.string().max(500)),
    secrets: z.record(Name, z.string().min(1).max(500)),
  })
  .strict();
export type NotifyChannelBody = z.infer<typeof NotifyChannelBodySchema>;

const DeliveryStatusSchema = z.enum(['pending', 'sent', 'failed']);

export const DeliveryLogQuerySchema = z
  .object({
    status: DeliveryStatusSchema.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

export const DeliveryViewSchema = z
  .object({
    id: z.string(),
    channelKind: z.string(),
    channelId: z.string().nullable(),
    recipientKind: z.enum(['user', 'unit']),
    recipientId: z.string(),
    /** The person's display name or the unit's name, as of now; the id when it no longer exists. */
    recipientName: z.string(),
    itemId: z.string().nullable(),
    urgency: z.string(),
    status: DeliveryStatusSchema,
    attempts: z.number().int(),
    nextAttemptAt: z.string(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
  })
  .meta({ id: 'NotifyDelivery' });
export type DeliveryView = z.infer<typeof DeliveryViewSchema>;

const RuleOverrideViewSchema = z.object({
  key: z.string(),
  ledgerType: z.string().nullable().optional(),
  off: z.boolean().optional(),
  audience: z.array(z.enum(AUDIENCES)).optional(),
  urgency: z.enum(URGENCIES).optional(),
});

export const NotifySettingsViewSchema = z
  .object({
    digestAt: z.string(),
    overrides: z.number().int().describe('how many rule overrides the tenant set'),
    rules: z
      .array(z.object({ key: z.string(), event: z.string(), label: z.string(), audience: z.array(z.enum(AUDIENCES)), urgency: z.enum(URGENCIES) }))
      .describe('the built-in table of what notifies whom, before any override'),
    builtInOverrides: z.array(RuleOverrideViewSchema).describe('overrides the product itself applies (a monitoring alarm is urgent), before the tenant’s'),
    ruleOverrides: z.array(RuleOverrideViewSchema).describe('the tenant’s overrides, for every ledger type or one (a type’s wins)'),
  })
  .meta({ id: 'NotifySettings' });
export type NotifySettingsView = z.infer<typeof NotifySettingsViewSchema>;

export const NotifySettingsBodySchema = z
  .object({
    digestAt: z.string().min(1).max(10).optional(),
    rules: z.array(z.unknown()).max(500).optional().describe('the whole list of rule overrides, checked by the use case (as `luoshi notify settings --rules`)'),
  })
  .strict();

const Contact = z.string().max(300).nullable().optional();
export const ContactsBodySchema = z.object({ email: Contact, phone: Contact, dingtalk: Contact, wecom: Contact }).strict();
export type ContactsBody = z.infer<typeof ContactsBodySchema>;

/** Per user id, the kinds of contact set (email, phone, dingtalk, wecom) — never the values. */
export const ContactKindsSchema = z.record(z.string(), z.array(z.string()));
