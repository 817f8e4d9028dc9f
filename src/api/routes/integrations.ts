import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createToken, listTokens, revokeToken } from '../../app/accounts/tokens.js';
import { createWebhook, disableWebhook, listWebhooks, showWebhook } from '../../app/accounts/webhooks.js';
import { readAuditLog, searchAuditLog, verifyAuditLog } from '../../app/accounts/audit-log.js';
import { IdParamSchema, OkSchema } from '../../contracts/http/common.js';
import { AuditQuerySchema, AuditSearchQuerySchema } from '../../contracts/http/items.js';
import { DeliveryViewSchema, TokenCreateBodySchema, TokenCreatedSchema, TokenViewSchema, WebhookCreateBodySchema, WebhookViewSchema } from '../../contracts/http/tokens.js';
import { principalOf } from '../auth.js';
import type { ApiDeps } from '../deps.js';
import { presentDelivery, presentToken, presentWebhook } from '../presenters.js';
import { spec } from '../spec.js';

/** API tokens, webhooks with their deliveries, and the audit log (auditor only). */
export function integrationRoutes(deps: ApiDeps): FastifyPluginCallbackZod {
  return (app, _opts, done) => {
    const s = { auth: 'session' as const };
    app.get('/tokens', spec(s, { tags: ['tokens'], summary: '我的 API 令牌 My API tokens' }, { 200: z.array(TokenViewSchema) }), async (request) =>
      (await listTokens(deps.app, principalOf(request).ref)).map(presentToken),
    );
    app.post(
      '/tokens',
      spec(
        { ...s, writes: true },
        { tags: ['tokens'], summary: '创建 API 令牌（仅显示一次）Create a token (shown once)', body: TokenCreateBodySchema },
        { 201: TokenCreatedSchema },
      ),
      async (request, reply) => {
        const { token, record } = await createToken(deps.app, principalOf(request).ref, request.body);
        reply.code(201).header('cache-control', 'no-store');
        return { token, record: presentToken(record) };
      },
    );
    app.delete('/tokens/:id', spec({ ...s, writes: true }, { tags: ['tokens'], summary: '吊销令牌 Revoke a token', params: IdParamSchema }, { 200: OkSchema }), async (request) => {
      await revokeToken(deps.app, principalOf(request).ref, request.params.id);
      return { ok: true as const };
    });

    app.get('/webhooks', spec(s, { tags: ['webhooks'], summary: 'Webhook 列表 Webhooks in my scope' }, { 200: z.array(WebhookViewSchema) }), async (request) =>
      (await listWebhooks(deps.app, principalOf(request).ref)).map(presentWebhook),
    );
    app.post(
      '/webhooks',
      spec({ ...s, writes: true }, { tags: ['webhooks'], summary: '注册 Webhook（签名密钥仅显示一次）Register a webhook', body: WebhookCreateBodySchema }),
      async (request, reply) => {
        const { webhook, secret } = await createWebhook(deps.app, principalOf(request).ref, request.body);
        reply.code(201).header('cache-control', 'no-store');
        return { webhook: presentWebhook(webhook), secret };
      },
    );
    app.get(
      '/webhooks/:id',
      spec(
        s,
        { tags: ['webhooks'], summary: 'Webhook 及投递状态 A webhook and its deliveries', params: IdParamSchema },
        { 200: z.object({ webhook: WebhookViewSchema, deliveries: z.array(DeliveryViewSchema) }) },
      ),
      async (request) => {
        const { webhook, deliveries } = await showWebhook(deps.app, principalOf(request).ref, request.params.id);
        return { webhook: presentWebhook(webhook), deliveries: deliveries.map(presentDelivery) };
      },
    );
    app.delete(
      '/webhooks/:id',
      spec({ ...s, writes: true }, { tags: ['webhooks'], summary: '停用 Webhook Disable a webhook', params: IdParamSchema }, { 200: OkSchema }),
      async (request) => {
        await disableWebhook(deps.app, principalOf(request).ref, request.params.id);
        return { ok: true as const };
      },
    );

    app.get('/audit', spec(s, { tags: ['audit'], summary: '审计日志（审计管理员）Event log (auditor)', querystring: AuditQuerySchema }), async (request) => {
      const { events, head } = await readAuditLog(deps.app, principalOf(request).ref, request.query.after, request.query.limit);
      const last = events[events.length - 1];
      return { head, events, nextAfter: last && events.length === request.query.limit ? last.seq : null };
    });
    app.get(
      '/audit/search',
      spec(s, {
        tags: ['audit'],
        summary: '审计日志查询（审计管理员）Event log newest first, by person, unit, item, event type and days (auditor)',
        querystring: AuditSearchQuerySchema,
      }),
      async (request) => searchAuditLog(deps.app, principalOf(request).ref, request.query),
    );
    app.get('/audit/verify', spec(s, { tags: ['audit'], summary: '校验事件链 Verify the chain (auditor)' }), async (request) => verifyAuditLog(deps.app, principalOf(request).ref));
    done();
  };
}
