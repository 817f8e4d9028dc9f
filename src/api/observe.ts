import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { baseReadyChecks, opsFigures, runReadyChecks } from '../app/ops.js';
import { ACTION_SLUGS } from '../contracts/http/scopes.js';
import type { ApiDeps } from './deps.js';

/*
 * What a load balancer and Prometheus ask of each node, outside /api/v1 and without a session:
 *   /healthz  the process answers (liveness: restart it when this fails)
 *   /readyz   it can serve: database reachable, migrations current, keys readable, and any check added to
 *             ApiDeps.readyChecks (readiness: send it no traffic while this fails)
 *   /metrics  Prometheus text format (prom-client)
 * None of them names an item, a unit or a person. The reverse proxy keeps /metrics and /readyz to the
 * operations network (see deploy/nginx.conf).
 */

const ACTION_ROUTE = new RegExp(`^/api/v1/items/:id/(${ACTION_SLUGS.map((s) => s.replace(/[-]/g, '\\-')).join('|')})$`);
const OPS_ROUTES = new Set(['/healthz', '/readyz', '/metrics']);

interface HttpMetrics {
  readonly registry: Registry;
  readonly requests: Counter;
  readonly latency: Histogram;
  readonly actions: Counter;
  /** Reads the shared figures from the database into the gauges. */
  refresh(): Promise<void>;
}

/** Process figures (CPU, memory, event-loop delay, GC), collected once per process however many apps it builds. */
let processRegistry: Registry | undefined;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry, prefix: 'luoshi_' });
  }
  return processRegistry;
}

function metricsOf(deps: ApiDeps): HttpMetrics {
  const registry = new Registry();
  const requests = new Counter({
    name: 'luoshi_http_requests_total',
    help: 'HTTP requests by route, method and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'luoshi_http_request_duration_seconds',
    help: 'HTTP request latency by route and method',
    labelNames: ['method', 'route'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const actions = new Counter({ name: 'luoshi_actions_total', help: 'Actions of the loop accepted through this node, by type', labelNames: ['type'], registers: [registry] });
  const gauges = {
    outboxPending: new Gauge({ name: 'luoshi_outbox_pending', help: 'Deliveries waiting in the outbox, by channel', labelNames: ['channel'], registers: [registry] }),
    outboxFailed: new Gauge({ name: 'luoshi_outbox_failed', help: 'Deliveries given up after every retry, by channel', labelNames: ['channel'], registers: [registry] }),
    outboxLag: new Gauge({
      name: 'luoshi_outbox_lag_seconds',
      help: 'Age of the oldest waiting delivery, by channel (0 when none waits)',
      labelNames: ['channel'],
      registers: [registry],
    }),
    chainHead: new Gauge({ name: 'luoshi_chain_head_seq', help: 'Sequence number of the head of the tenant event chain', registers: [registry] }),
    checkpointAge: new Gauge({
      name: 'luoshi_checkpoint_age_seconds',
      help: 'Seconds since the last signed checkpoint of the chain head (-1 when none yet)',
      registers: [registry],
    }),
    jobStarted: new Gauge({
      name: 'luoshi_scheduler_last_run_timestamp_seconds',
      help: 'Start of the latest run of each daily job (Unix time), with its status',
      labelNames: ['job', 'status'],
      registers: [registry],
    }),
    jobFinished: new Gauge({
      name: 'luoshi_scheduler_last_finish_timestamp_seconds',
      help: 'End of the latest finished run of each daily job (Unix time)',
      labelNames: ['job'],
      registers: [registry],
    }),
  };
  const scrapeOk = new Gauge({
    name: 'luoshi_ops_scrape_ok',
    help: '1 when the figures read from the database at this scrape were read, 0 when the read failed',
    registers: [registry],
  });
  // Read from the database before each scrape (prom-client reads the metrics in parallel, so an async collect
  // of one gauge cannot feed the others), so every node reports the same shared figures.
  const refresh = async (): Promise<void> => {
    try {
      const f = await opsFigures(deps.app, deps.tenantId);
      const nowMs = deps.app.now().getTime();
      for (const o of f.outbox) {
        gauges.outboxPending.set({ channel: o.channel }, o.pending);
        gauges.outboxFailed.set({ channel: o.channel }, o.failed);
        gauges.outboxLag.set({ channel: o.channel }, o.oldestPendingAt === null ? 0 : Math.max(0, (nowMs - Date.parse(o.oldestPendingAt)) / 1000));
      }
      gauges.chainHead.set(f.chainHeadSeq);
      gauges.checkpointAge.set(f.checkpointAgeSeconds ?? -1);
      gauges.jobStarted.reset();
      for (const j of f.jobs) {
        gauges.jobStarted.set({ job: j.job, status: j.status }, Date.parse(j.startedAt) / 1000);
        if (j.finishedAt !== null) gauges.jobFinished.set({ job: j.job }, Date.parse(j.finishedAt) / 1000);
      }
      scrapeOk.set(1);
    } catch {
      scrapeOk.set(0);
    }
  };
  return { registry, requests, latency, actions, refresh };
}

/** Adds /healthz, /readyz, /metrics and the request metrics to the app. */
export function installObserve(app: FastifyInstance, deps: ApiDeps): void {
  const { registry, requests: req, latency: lat, actions: act, refresh } = metricsOf(deps);
  const checks = [...baseReadyChecks(deps.app), ...(deps.readyChecks ?? [])];

  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    if (!OPS_ROUTES.has(route)) {
      const labels = { method: request.method, route };
      req.inc({ ...labels, status: String(reply.statusCode) });
      lat.observe(labels, reply.elapsedTime / 1000);
      const action = ACTION_ROUTE.exec(route);
      if (action && reply.statusCode < 300) act.inc({ type: action[1]! });
    }
    done();
  });

  const open = { config: { auth: 'public' as const }, schema: { hide: true } };
  app.get('/healthz', open, async (_request, reply) => {
    await reply.header('cache-control', 'no-store').send({ status: 'ok' });
  });
  app.get('/readyz', open, async (_request, reply) => {
    const results = await runReadyChecks(checks);
    const ready = results.every((r) => r.ok);
    await reply
      .code(ready ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ status: ready ? 'ready' : 'not_ready', checks: results });
  });
  app.get('/metrics', open, async (_request, reply) => {
    await refresh();
    const text = `${await processMetrics().metrics()}\n${await registry.metrics()}`;
    await reply.header('content-type', registry.contentType).header('cache-control', 'no-store').send(text);
  });
}
