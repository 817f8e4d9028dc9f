import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import { installAuth } from './auth.js';
import type { ApiDeps } from './deps.js';
import { registerDocs } from './docs.js';
import { installProblemHandlers, sendProblem } from './problem.js';
import { installSecurityHeaders } from './security-headers.js';
import { actionRoutes } from './routes/actions.js';
import { adminRoutes } from './routes/admin.js';
import { evidenceRoutes } from './routes/evidence.js';
import { exportRoutes } from './routes/export.js';
import { integrationRoutes } from './routes/integrations.js';
import { itemRoutes } from './routes/items.js';
import { ledgerTypeRoutes } from './routes/ledger-types.js';
import { calendarRoutes } from './routes/calendar.js';
import { bulkRoutes } from './routes/bulk.js';
import { personalRoutes } from './routes/personal.js';
import { readoutRoutes } from './routes/readouts.js';
import { sessionRoutes } from './routes/session.js';
import { signalRoutes } from './routes/signals.js';
import { statsRoutes } from './routes/stats.js';
import { registerWebApp } from './web-static.js';

export const API_PREFIX = '/api/v1';

/**
 * The HTTP application, not listening: tests drive it with `inject()`, `startServer` binds it to a port.
 * Every request passes the same chain: security headers → rate limit → authentication, CSRF, second factor and
 * token scope (by the route's config) → zod validation → use case → presenter; errors leave as problem+json.
 */
export async function buildApp(deps: ApiDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger | undefined,
    bodyLimit: deps.limits?.bodyBytes ?? 1024 * 1024,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{8,80}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    routerOptions: { maxParamLength: 300 },
    // Errors raised before routing (a malformed URL, a bad header) get the same problem+json answer.
    frameworkErrors: (err, request, reply) => {
      void sendProblem(reply, request, { code: 'bad_request', status: 400, en: 'The request is malformed.', zh: '请求格式有误。', details: { reason: err.code } });
    },
  }).withTypeProvider<ZodTypeProvider>() as unknown as FastifyInstance;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installProblemHandlers(app);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
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

  installAuth(app, deps);
  await registerDocs(app, API_PREFIX);
  await app.register(
    async (api) => {
      for (const routes of [sessionRoutes, itemRoutes, actionRoutes, evidenceRoutes, exportRoutes, statsRoutes, adminRoutes, ledgerTypeRoutes, integrationRoutes, readoutRoutes, personalRoutes, signalRoutes, calendarRoutes, bulkRoutes]) {
        await api.register(routes(deps));
      }
    },
    { prefix: API_PREFIX },
  );
  await registerWebApp(app);
  return app;
}
