import { z } from 'zod';

/** The notification centre (the bell): what the web app reads and sends. */

export const NotificationViewSchema = z
  .object({
    id: z.string(),
    itemId: z.string().nullable(),
    rule: z.string(),
    urgency: z.enum(['urgent', 'normal', 'low']),
    subject: z.string(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .meta({ id: 'Notification' });
export type NotificationView = z.infer<typeof NotificationViewSchema>;

export const NotificationListSchema = z.object({ unread: z.number().int().min(0), notifications: z.array(NotificationViewSchema) });
export type NotificationList = z.infer<typeof NotificationListSchema>;

export const NotificationQuerySchema = z
  .object({
    unread: z.enum(['1', '0']).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export const MarkReadBodySchema = z.object({ ids: z.array(z.string().min(1).max(200)).max(500).nullable() }).strict();
export type MarkReadBody = z.infer<typeof MarkReadBodySchema>;

const Channel = z.enum(['email', 'work', 'sms']);
const HhMm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

export const NotifyPreferencesSchema = z
  .object({
    channels: z.object({ urgent: z.array(Channel).max(3), normal: z.array(Channel).max(3), low: z.array(Channel).max(3) }).strict(),
    quiet: z.object({ from: HhMm, to: HhMm }).strict().nullable(),
    digestOnly: z.boolean(),
  })
  .strict()
  .meta({ id: 'NotifyPreferences' });
export type NotifyPreferencesBody = z.infer<typeof NotifyPreferencesSchema>;
