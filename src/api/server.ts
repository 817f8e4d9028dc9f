import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import pino from 'pino';
import { loadWorkCalendar, missingNextYear } from '../config/calendar.js';
import type { Config } from '../config/config.js';
import { DEFAULT_ACCOUNT_POLICY, type AccountPolicy } from '../app/accounts/policy.js';
import type { AppDeps } from '../app/context.js';
import { openStore, type Store } from '../store/index.js';
import { startWebhookDispatcher } from '../jobs/webhook-dispatch.js';
import { startDailyScheduler } from '../jobs/daily-scheduler.js';
import { startNotifier } from '../jobs/notify/notifier.js';
import { ChainWatch } from '../app/chain-watch.js';
import { ParsePool } from '../app/parsing/parse-pool.js';
import { notifyTamperAlarm } from '../app/notify/tamper-alarm.js';
import { buildApp } from './app.js';
import type { ApiDeps } from './deps.js';

export interface ServerOptions {
  /** An open store to serve (the caller closes it); otherwise one is opened from the config and closed with the server. */
  readonly store?: Store;
  readonly policy?: Partial<AccountPolicy>;
  readonly limits?: ApiDeps['limits'];
  /** Serve behind TLS: Secure cookies and HSTS. */
  readonly secureCookies?: boolean;
  /** Run the webhook outbox dispatcher in this process (default true). */
  readonly dispatchWebhooks?: boolean;
  /** Run the daily jobs (signal detection, escalation sweep) in this process (default true; idle without LUOSHI_SCHEDULER_USER). */
  readonly schedule?: boolean;
  /** Run the notifier (fan-out of events, the notification outbox, digests) in this process (default true). */
  readonly notify?: boolean;
}

export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Opens the store named by the config (unless one is given), builds the app and listens on the configured host
 * and port (127.0.0.1:8080 by default), with structured logs (pino, one request id per request) and the
 * webhook dispatcher. `close()` stops accepting, finishes requests in flight and closes the database.
 * @throws StoreError from openStore; the listen error when the port is taken.
 */
export async function startServer(config: Config, options: ServerOptions = {}): Promise<RunningServer> {
  const logger = pino({ level: config.logLevel, base: { service: 'luoshi' } });
  const calendar = loadWorkCalendar(config);
  const store =
    options.store ??
    (await openStore({
      database: config.database,
      dataDir: config.dataDir,
      chainAlgorithm: config.chainHash === 'sha256' ? 'hmac-sha256' : 'hmac-sm3',
      checkpointAnchor: config.checkpointAnchor,
    }));
  const parsing = new ParsePool().warm();
  const app: AppDeps = { store, now: () => new Date(), newId: () => randomUUID(), calendar, allowPrivateWebhooks: config.webhooks.allowPrivate, parsing };
  const missing = missingNextYear(calendar, new Intl.DateTimeFormat('en-CA', { timeZone: config.timeZone }).format(new Date()));
  if (missing !== null) {
    logger.warn(
      { year: missing },
      `no holiday notice for ${missing}: working-day deadlines reaching into it are counted provisionally on the statutory holidays until an admin loads it (luoshi calendar load FILE, POST /api/v1/calendar/notices) (${missing} 年节假日安排未载入,相关期限暂定)`,
    );
  }
  if (config.webhooks.allowPrivate) {
    logger.warn('LUOSHI_WEBHOOK_ALLOW_PRIVATE=1: webhooks may post to loopback, private and link-local addresses (Webhook 允许推送到内网地址)');
  }
  const installation = { mail: config.notify.smtpUrl !== null, publicUrl: config.notify.publicUrl };
  // The record is verified as it grows; a mismatch is logged once, kept as the alarm /readyz reads, and sent to
  // the security admins.
  const chainWatch = new ChainWatch(store, config.tenant, {
    onAlarm: (a) => {
      logger.error({ seq: a.seq, problem: a.problem }, `tamper alarm: ${a.message} (防篡改告警：${a.messageZh})`);
      notifyTamperAlarm(app, config.tenant, installation, a).catch((e: unknown) => logger.warn({ err: e }, 'the security admins could not be told of the tamper alarm'));
    },
    onError: (e) => logger.warn({ err: e }, 'chain verification could not run'),
  }).start();
  const server = await buildApp({
    chainAlarm: () => chainWatch.alarm(),
    // A tamper alarm takes the node out of rotation: /readyz answers 503 naming it until someone looks.
    readyChecks: [{ name: 'chain', probe: () => Promise.resolve(chainWatch.alarm()?.message ?? null) }],
    app,
    tenantId: config.tenant,
    dataDir: config.dataDir,
    policy: { ...DEFAULT_ACCOUNT_POLICY, ...options.policy },
    secureCookies: options.secureCookies ?? config.secureCookies,
    trustProxy: config.trustProxy,
    limits: options.limits,
    logger,
  });
  const stopDispatcher =
    options.dispatchWebhooks === false
      ? () => Promise.resolve()
      : startWebhookDispatcher(store, { now: () => new Date(), allowPrivate: config.webhooks.allowPrivate, onError: (e) => logger.warn({ err: e }, 'webhook dispatch failed') });
  const stopScheduler =
    options.schedule === false
      ? () => Promise.resolve()
      : startDailyScheduler(app, { tenantId: config.tenant, username: config.scheduler.user, at: config.scheduler.at, node: `${hostname()}#${process.pid}`, log: logger });
  const stopNotifier =
    options.notify === false
      ? () => Promise.resolve()
      : startNotifier(app, {
          tenantId: config.tenant,
          installation,
          mail: config.notify.smtpUrl === null ? null : { url: config.notify.smtpUrl, from: config.notify.mailFrom },
          http: { allowPrivate: config.webhooks.allowPrivate },
          node: `${hostname()}#${process.pid}`,
          onError: (e) => logger.warn({ err: e }, 'notification round failed'),
        });
  try {
    await server.listen({ host: config.server.host, port: config.server.port });
  } catch (e) {
    await stopNotifier();
    await chainWatch.stop();
    await stopScheduler();
    await stopDispatcher();
    await parsing.close();
    if (!options.store) await store.close();
    throw e;
  }
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : config.server.port;
  const host = config.server.host.includes(':') ? `[${config.server.host}]` : config.server.host;
  return {
    url: `http://${host}:${port}`,
    async close() {
      await stopNotifier();
      await chainWatch.stop();
      await stopScheduler();
      await stopDispatcher();
      await server.close();
      await parsing.close();
      if (!options.store) await store.close();
    },
  };
}
