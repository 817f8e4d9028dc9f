import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findPublicItem, listPublicItems, readPublicEvidence } from '../../app/public/disclosure.js';
import { fileObjection } from '../../app/public/objections.js';
import type { ApiDeps } from '../deps.js';
import { atomFeed, jsonFeed } from './feeds.js';
import { indexPage, itemPage, notFoundPage } from './html.js';

/*
 * The login-free 公示 pages and feeds under /public/{tenant}/. They call only the disclosure use case: no
 * session or token is read, no /api/v1 route is reachable from here, and every answer that names nothing
 * public is the same 404 page (another tenant, a non-public stage, an unknown number, a malformed one).
 */

const PUBLIC = { auth: 'public' as const, rateLimit: { max: 300, timeWindow: 60_000 } };
const OBJECTION_BODY_LIMIT = 16 * 1024;

function notFound(reply: FastifyReply): FastifyReply {
  return reply.code(404).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(notFoundPage());
}

function origin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

export function registerPublicRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const tenantName = async (tenant: string): Promise<string | null> => {
    if (tenant !== deps.tenantId) return null;
    return (await deps.app.store.read.tenants.get(tenant))?.name ?? null;
  };
  const html = (reply: FastifyReply, body: string) => reply.type('text/html; charset=utf-8').header('cache-control', 'public, max-age=60').send(body);

  app.get<{ Params: { tenant: string } }>('/public/:tenant/', { config: PUBLIC }, async (request, reply) => {
    const name = await tenantName(request.params.tenant);
    if (!name) return notFound(reply);
    return html(reply, indexPage(request.params.tenant, name, await listPublicItems(deps.app, request.params.tenant)));
  });
  app.get<{ Params: { tenant: string } }>('/public/:tenant', { config: PUBLIC }, async (request, reply) => {
    if (!(await tenantName(request.params.tenant))) return notFound(reply);
    return reply.redirect(`/public/${encodeURIComponent(request.params.tenant)}/`, 301);
  });
  app.get<{ Params: { tenant: string; ref: string } }>('/public/:tenant/items/:ref', { config: PUBLIC }, async (request, reply) => {
    const name = await tenantName(request.params.tenant);
    const item = name ? await findPublicItem(deps.app, request.params.tenant, request.params.ref) : null;
    if (!name || !item) return notFound(reply);
    return html(reply, itemPage(request.params.tenant, name, item));
  });
  // A picture marked public, its metadata (EXIF, GPS, XMP, text chunks) removed on the way out.
  app.get<{ Params: { tenant: string; ref: string; evidenceId: string } }>('/public/:tenant/items/:ref/evidence/:evidenceId', { config: PUBLIC }, async (request, reply) => {
    const { tenant, ref, evidenceId } = request.params;
    const file = (await tenantName(tenant)) && evidenceId.length <= 200 ? await readPublicEvidence(deps.app, deps.dataDir, tenant, ref, evidenceId) : null;
    if (!file) return notFound(reply);
    return reply
      .type(file.mediaType)
      .header('content-disposition', 'inline')
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'public, max-age=60')
      .send(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength));
  });
  app.get<{ Params: { tenant: string } }>('/public/:tenant/feed.json', { config: PUBLIC }, async (request, reply) => {
    const name = await tenantName(request.params.tenant);
    if (!name) return notFound(reply);
    const feed = jsonFeed(origin(request), request.params.tenant, name, await listPublicItems(deps.app, request.params.tenant));
    return reply.type('application/feed+json; charset=utf-8').header('cache-control', 'public, max-age=60').send(JSON.stringify(feed));
  });
  app.get<{ Params: { tenant: string } }>('/public/:tenant/feed.atom', { config: PUBLIC }, async (request, reply) => {
    const name = await tenantName(request.params.tenant);
    if (!name) return notFound(reply);
    const xml = atomFeed(origin(request), request.params.tenant, name, await listPublicItems(deps.app, request.params.tenant), deps.app.now());
    return reply.type('application/atom+xml; charset=utf-8').header('cache-control', 'public, max-age=60').send(xml);
  });
  // 异议: a plain HTML form posts here (no JavaScript); a JSON body works too. Limited per address and in size.
  app.register((scope, _opts, done) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: OBJECTION_BODY_LIMIT }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
    scope.post<{ Params: { tenant: string; ref: string }; Body: unknown }>(
      '/public/:tenant/items/:ref/objections',
      { config: { auth: 'public', rateLimit: { max: deps.limits?.objectionsPerHour ?? 5, timeWindow: 3_600_000 } }, bodyLimit: OBJECTION_BODY_LIMIT },
      async (request, reply) => {
        const { tenant, ref } = request.params;
        const name = await tenantName(tenant);
        if (!name) return notFound(reply);
        const body = (request.body ?? {}) as Record<string, unknown>;
        const text = typeof body.text === 'string' ? body.text : '';
        const contact = typeof body.contact === 'string' ? body.contact : undefined;
        const json = request.headers['content-type']?.startsWith('application/json') === true;
        try {
          const { objectionId } = await fileObjection(deps.app, tenant, ref, { text, ...(contact ? { contact } : {}) });
          if (json) return reply.code(201).send({ objectionId });
          const item = await findPublicItem(deps.app, tenant, ref);
          return item ? html(reply.code(201), itemPage(tenant, name, item, '异议已收到，督查部门将在公示期内处理并答复。')) : notFound(reply);
        } catch (err) {
          const code = (err as { code?: string }).code;
          if (code === 'item_not_found') return notFound(reply);
          if (code !== 'invalid_input') throw err;
          const item = await findPublicItem(deps.app, tenant, ref);
          const message = `${(err as { messageZh: string }).messageZh} ${(err as Error).message}`;
          if (json || !item) return reply.code(400).send({ code, message });
          return html(reply.code(400), itemPage(tenant, name, item, message));
        }
      },
    );
    done();
  });
  // Anything else under /public is the same not-found page, never the API's or the web app's.
  app.all('/public/*', { config: PUBLIC }, async (_request, reply) => notFound(reply));
}
