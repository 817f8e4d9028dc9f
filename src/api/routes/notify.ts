import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { markNotificationsRead, myNotifications, myPreferences, setMyPreferences } from '../../app/notify/inbox.js';
import { MarkReadBodySchema, NotificationListSchema, NotificationQuerySchema, NotifyPreferencesSchema, type NotificationView } from '../../contracts/http/notify.js';
import type { InboxEntry } from '../../store/index.js';
import { principalOf } from '../auth.js';
import type { ApiDeps } from '../deps.js';
import { spec } from '../spec.js';

const present = (n: InboxEntry): NotificationView => ({
  id: n.id,
  itemId: n.itemId,
  rule: n.ruleKey,
  urgency: n.urgency as NotificationView['urgency'],
  subject: n.subject,
  createdAt: n.createdAt,
  readAt: n.readAt,
});

/** The notification centre of the signed-in person: the bell's list and unread count, mark read, preferences. */
export function notifyRoutes(deps: ApiDeps): FastifyPluginCallbackZod {
  return (app, _opts, done) => {
    const s = { auth: 'session' as const };
    app.get(
      '/notifications',
      spec(s, { tags: ['notifications'], summary: '我的通知 My notifications', querystring: NotificationQuerySchema }, { 200: NotificationListSchema }),
      async (request) => {
        const r = await myNotifications(deps.app, principalOf(request).ref, { unreadOnly: request.query.unread === '1', limit: request.query.limit });
        return { unread: r.unread, notifications: r.notifications.map(present) };
      },
    );
    app.post(
      '/notifications/read',
      spec(
        { ...s, writes: true },
        { tags: ['notifications'], summary: '标为已读 Mark read (ids, or null for all)', body: MarkReadBodySchema },
        { 200: z.object({ marked: z.number().int() }) },
      ),
      async (request) => ({
        marked: await markNotificationsRead(deps.app, principalOf(request).ref, request.body.ids),
      }),
    );
    app.get(
      '/notifications/preferences',
      spec(s, { tags: ['notifications'], summary: '通知偏好 My notification preferences' }, { 200: NotifyPreferencesSchema }),
      async (request) => myPreferences(deps.app, principalOf(request).ref),
    );
    app.put(
      '/notifications/preferences',
      spec(
        { ...s, writes: true },
        { tags: ['notifications'], summary: '设置通知偏好 Set my notification preferences', body: NotifyPreferencesSchema },
        { 200: NotifyPreferencesSchema },
      ),
      async (request) => setMyPreferences(deps.app, principalOf(request).ref, request.body),
    );
    done();
  };
}
