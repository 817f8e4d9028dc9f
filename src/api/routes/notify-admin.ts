import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  addNotifyChannel,
  contactKinds,
  disableNotifyChannel,
  listNotifyChannels,
  notifyLog,
  notifySettings,
  resendDelivery,
  setNotifySettings,
  setUserContacts,
  type DeliveryLogEntry,
} from '../../app/notify/admin.js';
import { AppError } from '../../app/errors.js';
import type { TenantNotifySettings } from '../../app/notify/settings.js';
import { DEFAULT_OVERRIDES, DEFAULT_RULES } from '../../domain/notify/rules.js';
import { IdParamSchema, OkSchema } from '../../contracts/http/common.js';
import {
  ContactKindsSchema,
  ContactsBodySchema,
  DeliveryLogQuerySchema,
  DeliveryViewSchema,
  NotifyChannelBodySchema,
  NotifyChannelViewSchema,
  NotifySettingsBodySchema,
  NotifySettingsViewSchema,
  type DeliveryView,
  type NotifyChannelView,
} from '../../contracts/http/notify-admin.js';
import type { NotifyChannel } from '../../store/index.js';
import { principalOf } from '../auth.js';
import type { ApiDeps } from '../deps.js';
import { spec } from '../spec.js';

const presentChannel = (c: NotifyChannel): NotifyChannelView => ({
  id: c.id,
  kind: c.kind,
  unitId: c.unitId,
  url: c.url,
  settings: { ...c.settings },
  createdAt: c.createdAt,
  disabledAt: c.disabledAt,
});

/** Notification administration for the system admin: the same use cases as `luoshi notify …` and `luoshi user set`. */
export function notifyAdminRoutes(deps: ApiDeps): FastifyPluginCallbackZod {
  return (app, _opts, done) => {
    const r = { auth: 'session' as const };
    const w = { auth: 'session' as const, writes: true };
    const tags = ['notifications'];
    app.get('/admin/notify/channels', spec(r, { tags, summary: '通知渠道 Notification channels (system admin)' }, { 200: z.array(NotifyChannelViewSchema) }), async (request) =>
      (await listNotifyChannels(deps.app, principalOf(request).ref)).map(presentChannel),
    );
    app.post(
      '/admin/notify/channels',
      spec(w, { tags, summary: '新增通知渠道 Add a channel (system admin)', body: NotifyChannelBodySchema }, { 201: NotifyChannelViewSchema }),
      async (request, reply) => {
        const channel = await addNotifyChannel(deps.app, principalOf(request).ref, request.body);
        reply.code(201);
        return presentChannel(channel);
      },
    );
    app.post(
      '/admin/notify/channels/:id/disable',
      spec(w, { tags, summary: '停用通知渠道 Disable a channel (system admin)', params: IdParamSchema }, { 200: OkSchema }),
      async (request) => {
        await disableNotifyChannel(deps.app, principalOf(request).ref, request.params.id);
        return { ok: true as const };
      },
    );
    app.get(
      '/admin/notify/log',
      spec(r, { tags, summary: '发送记录 Delivery log (system admin)', querystring: DeliveryLogQuerySchema }, { 200: z.array(DeliveryViewSchema) }),
      async (request) => {
        const rows = await notifyLog(deps.app, principalOf(request).ref, { status: request.query.status, limit: request.query.limit });
        return named(deps, rows);
      },
    );
    app.post('/admin/notify/log/:id/resend', spec(w, { tags, summary: '重新发送 Resend a delivery (system admin)', params: IdParamSchema }, { 200: OkSchema }), async (request) => {
      await resendDelivery(deps.app, principalOf(request).ref, request.params.id);
      return { ok: true as const };
    });
    app.get('/admin/notify/settings', spec(r, { tags, summary: '通知设置 Notification settings (system admin)' }, { 200: NotifySettingsViewSchema }), async (request) => {
      return settingsView(await notifySettings(deps.app, principalOf(request).ref));
    });
    app.put(
      '/admin/notify/settings',
      spec(
        w,
        { tags, summary: '设置每日汇总时间和通知规则 Set the digest time and rule overrides (system admin)', body: NotifySettingsBodySchema },
        { 200: NotifySettingsViewSchema },
      ),
      async (request) => {
        const { digestAt, rules } = request.body;
        return settingsView(await setNotifySettings(deps.app, principalOf(request).ref, { digestAt, rules }));
      },
    );
    app.get('/admin/notify/contacts', spec(r, { tags, summary: '联系方式（仅种类） Contact kinds per user (system admin)' }, { 200: ContactKindsSchema }), async (request) => {
      const kinds = await contactKinds(deps.app, principalOf(request).ref);
      return Object.fromEntries([...kinds].map(([user, set]) => [user, [...set].sort()]));
    });
    app.put(
      '/admin/users/:id/contacts',
      spec(
        w,
        { tags, summary: "设置联系方式 Set a user's contacts (system admin)", params: IdParamSchema, body: ContactsBodySchema },
        { 200: z.object({ changed: z.array(z.string()) }) },
      ),
      async (request) => {
        const user = await deps.app.store.read.users.get(deps.tenantId, request.params.id);
        if (!user) throw new AppError('user_not_found', `No user ${request.params.id}.`, `用户 ${request.params.id} 不存在。`, { user: request.params.id });
        const r = await setUserContacts(deps.app, principalOf(request).ref, user.username, request.body);
        return { changed: r.changed };
      },
    );
    done();
  };
}

/** The log's recipients by name: one look-up per distinct person or unit of the page. */
async function named(deps: ApiDeps, rows: readonly DeliveryLogEntry[]): Promise<DeliveryView[]> {
  const names = new Map<string, string>();
  for (const d of rows) {
    const key = `${d.recipientKind}:${d.recipientId}`;
    if (names.has(key)) continue;
    const name =
      d.recipientKind === 'user'
        ? (await deps.app.store.read.users.get(deps.tenantId, d.recipientId))?.displayName
        : (await deps.app.store.read.units.get(deps.tenantId, d.recipientId))?.name;
    names.set(key, name ?? d.recipientId);
  }
  return rows.map((d) => ({
    id: d.id,
    channelKind: d.channelKind,
    channelId: d.channelId,
    recipientKind: d.recipientKind,
    recipientId: d.recipientId,
    recipientName: names.get(`${d.recipientKind}:${d.recipientId}`)!,
    itemId: d.itemId,
    urgency: d.urgency,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.nextAttemptAt,
    lastError: d.lastError,
    createdAt: d.createdAt,
    sentAt: d.sentAt,
  }));
}

/** The settings as the admin page shows them: the digest time, the built-in rules and every override. */
function settingsView(s: TenantNotifySettings) {
  return {
    digestAt: s.digestAt,
    overrides: s.overrides.length,
    rules: DEFAULT_RULES.map((r) => ({ key: r.key, event: r.event, label: r.label, audience: [...r.audience], urgency: r.urgency })),
    builtInOverrides: DEFAULT_OVERRIDES.map((o) => ({ ...o, ...(o.audience && { audience: [...o.audience] }) })),
    ruleOverrides: s.overrides.map((o) => ({ ...o, ...(o.audience && { audience: [...o.audience] }) })),
  };
}
