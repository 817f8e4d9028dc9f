import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import { ParsePool } from '../app/parsing/parse-pool.js';
import { installAuth } from './auth.js';
import { installWellFormedCheck } from './well-formed.js';
import type { ApiDeps } from './deps.js';
import { registerDocs } from './docs.js';
import { installObserve } from './observe.js';
import { installProblemHandlers, sendProblem } from './problem.js';
import { installSecurityHeaders } from './security-headers.js';
import { actionRoutes } from './routes/actions.js';
import { adminRoutes } from './routes/admin.js';
import { evidenceRoutes } from './routes/evidence.js';
import { exportRoutes } from './routes/export.js';
import { importRoutes } from './routes/import.js';
import { campaignRoutes } from './routes/campaigns.js';
import { documentRoutes } from './routes/documents.js';
import { integrationRoutes } from './routes/integrations.js';
import { notifyRoutes } from './routes/notify.js';
import { notifyAdminRoutes } from './routes/notify-admin.js';
import { itemRoutes } from './routes/items.js';
import { ledgerTypeRoutes } from './routes/ledger-types.js';
import { calendarRoutes } from './routes/calendar.js';
import { inspectionRoutes } from './routes/inspection.js';
import { bulkRoutes } from './routes/bulk.js';
import { personalRoutes } from './routes/personal.js';
import { readoutRoutes } from './routes/readouts.js';
import { sessionRoutes } from './routes/session.js';
import { signalRoutes } from './routes/signals.js';
import { statsRoutes } from './routes/stats.js';
import { registerWebApp } from './web-static.js';
import { registerPublicRoutes } from './public/routes.js';
import { objectionRoutes } from './routes/objections.js';
import { signingKeyRoutes } from './routes/signing-keys.js';

export const API_PREFIX = '/api/v1';

/**
 * The HTTP application, not listening: tests drive it with `inject()`, `startServer` binds it to a port.
 * Every request passes the same chain: security headers → rate limit → authentication, CSRF, second factor and
 * token scope (by the route's config) → zod validation → use case → presenter; errors leave as problem+json.
 */
export async function buildApp(given: ApiDeps): Promise<FastifyInstance> {
  // Uploaded files are parsed in child processes, never in the process that answers everyone (parse-pool.ts).
  const ownPool = given.app.parsing ? null : new ParsePool();
  const deps: ApiDeps = ownPool ? { ...given, app: { ...given.app, parsing: ownPool } } : given;
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger | undefined,
    bodyLimit: deps.limits?.bodyBytes ?? 1024 * 1024,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{8,80}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    // Fastify's own request lines carry the URL, query string included: search text, names typed in a filter.
    // One line per request is written below instead, with the route's pattern and never its values.
    logController: new LogController({ disableRequestLogging: true }),
    // Only the configured proxies may name the client; anyone else's X-Forwarded-For is ignored.
    trustProxy: deps.trustProxy && deps.trustProxy.length > 0 ? [...deps.trustProxy] : false,
    routerOptions: { maxParamLength: 300 },
    // Errors raised before routing (a malformed URL, a bad header) get the same problem+json answer.
    frameworkErrors: (err, request, reply) => {
      void sendProblem(reply, request, { code: 'bad_request', status: 400, en: 'The request is malformed.', zh: '请求格式有误。', details: { reason: err.code } });
    },
  }).withTypeProvider<ZodTypeProvider>() as unknown as FastifyInstance;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installProblemHandlers(app);
  if (ownPool) app.addHook('onClose', () => ownPool.close());
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', (request, reply, done) => {
    request.log.info({ method: request.method, route: request.routeOptions.url ?? null, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request completed');
    done();
  });

  installSecurityHeaders(app, deps.secureCookies ?? false);
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: deps.limits?.evidenceBytes ?? 20 * 1024 * 1024, files: 1 } });

  const writes = deps.limits?.writes ?? { max: 600, windowMs: 60_000 };
  // Writes are limited per user (after authentication), so one integration cannot starve the others.
  app.addHook('onRoute', (route) => {
    if (route.config?.writes && writes.max > 0 && !route.config.rateLimit) {
      route.config = { ...route.config, rateLimit: { max: writes.max, timeWindow: writes.windowMs, hook: 'preHandler' } };
    }
  });
  await app.register(rateLimit, {
    global: false,
    keyGenerator: (request) => request.principal?.user.id ?? request.ip,
    errorResponseBuilder: (_req, ctx) => Object.assign(new Error('rate limited'), { statusCode: 429, retryAfter: ctx.after }),
  });

  installWellFormedCheck(app);
  installAuth(app, deps);
  installObserve(app, deps);
  await registerDocs(app, API_PREFIX);
  await app.register(
    async (api) => {
      for (const routes of [
        sessionRoutes,
        itemRoutes,
        actionRoutes,
        evidenceRoutes,
        exportRoutes,
        statsRoutes,
        adminRoutes,
        ledgerTypeRoutes,
        integrationRoutes,
        readoutRoutes,
        personalRoutes,
        signalRoutes,
        notifyRoutes,
        notifyAdminRoutes,
        importRoutes,
        documentRoutes,
        objectionRoutes,
        signingKeyRoutes,
        calendarRoutes,
        bulkRoutes,
        inspectionRoutes,
        campaignRoutes,
      ]) {
        await api.register(routes(deps));
      }
    },
    { prefix: API_PREFIX },
  );
  registerPublicRoutes(app, deps);
  await registerWebApp(app);
  return app;
}
