import path from 'node:path';
import { z } from 'zod';

/**
 * Runtime settings, read from the environment once at start-up and validated. Command-line flags override
 * the environment (the CLI and the server pass them in `overrides`). Everything else reads the returned
 * object, never process.env.
 */
const EnvSchema = z.object({
  LUOSHI_DATA_DIR: z.string().min(1).default('data'),
  LUOSHI_DB: z.string().min(1).optional(),
  LUOSHI_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  LUOSHI_TENANT: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'lower-case letters, digits, - and _')
    .default('default'),
  LUOSHI_TIME_ZONE: z.string().refine(isTimeZone, 'not an IANA time zone such as Asia/Shanghai').default('Asia/Shanghai'),
  LUOSHI_CHAIN_HASH: z.enum(['sm3', 'sha256']).default('sm3'),
  LUOSHI_HOST: z.string().min(1).default('127.0.0.1'),
  LUOSHI_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  LUOSHI_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** The supervisor (username) the daily jobs run as; unset leaves the scheduler idle. */
  LUOSHI_SCHEDULER_USER: z.string().trim().min(1).max(100).optional(),
  /** City time from which a day's jobs run (the day before's counts should be in by then). */
  LUOSHI_SCHEDULER_TIME: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day written HH:MM, e.g. 07:00')
    .default('07:00'),
  /** A JSON file of holiday notices for years the calendar package does not know yet (see calendar.ts). */
  LUOSHI_HOLIDAYS: z.string().min(1).optional(),
  /** 1: webhooks may post to loopback, private and link-local addresses (intranet deployments); 0 (default): refused. */
  LUOSHI_WEBHOOK_ALLOW_PRIVATE: z.enum(['0', '1'], { message: '0 (webhooks to public addresses only) or 1 (private addresses allowed too)' }).default('0'),
  /** A directory outside the data folder holding the signed checkpoint log (a second host's share). */
  LUOSHI_CHECKPOINT_DIR: z.string().min(1).optional(),
  /** A URL receiving each signed checkpoint line by POST (a second host's append-only log). */
  LUOSHI_CHECKPOINT_URL: z
    .string()
    .url('an http(s) URL')
    .regex(/^https?:\/\//, 'an http(s) URL')
    .optional(),
  /** The SMTP server notifications are mailed through (smtp://host:port, smtps:// for TLS); unset: no e-mail. */
  LUOSHI_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'must look like smtp://host:port or smtps://host:port')
    .optional(),
  /** The From address of notification mail. */
  LUOSHI_MAIL_FROM: z.string().trim().min(3).max(300).optional(),
  /** The address users reach the web app at (https://luoshi.example.gov.cn): links in notifications start here. */
  LUOSHI_PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^\s]+$/, 'must start with http:// or https://')
    .optional(),
  /** 1: the server is reached over HTTPS (usually through a proxy): cookies are Secure and HSTS is sent. */
  LUOSHI_SECURE_COOKIES: z.enum(['0', '1'], { message: '0 (plain HTTP) or 1 (served over HTTPS: Secure cookies, HSTS)' }).default('0'),
  /**
   * Addresses or CIDR ranges of the reverse proxies in front of the server (comma-separated): their
   * X-Forwarded-For names the client, so login throttling and rate limits count real clients, not the proxy.
   */
  LUOSHI_TRUST_PROXY: z
    .string()
    .trim()
    .regex(/^[0-9a-fA-F.:/]+(\s*,\s*[0-9a-fA-F.:/]+)*$/, 'comma-separated IP addresses or CIDR ranges of the proxies, e.g. 127.0.0.1,10.0.0.0/8')
    .optional(),
});

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export interface Config {
  readonly dataDir: string;
  readonly database: { readonly kind: 'sqlite'; readonly file: string } | { readonly kind: 'postgres'; readonly url: string };
  readonly tenant: string;
  readonly timeZone: string;
  readonly chainHash: 'sm3' | 'sha256';
  readonly server: { readonly host: string; readonly port: number };
  readonly logLevel: z.infer<typeof EnvSchema>['LUOSHI_LOG_LEVEL'];
  /** Daily signal detection and escalation sweep: as which supervisor (null: idle), from what city time. */
  readonly scheduler: { readonly user: string | null; readonly at: string };
  /** Path of the city's holiday notices file (null: the package calendar alone). */
  readonly holidays: string | null;
  /** Whether webhooks may target loopback, private and link-local addresses (intranet deployments). */
  readonly webhooks: { readonly allowPrivate: boolean };
  /** Notifications: e-mail by SMTP (null: none), its From address, and the public URL of links (null: no links). */
  readonly notify: { readonly smtpUrl: string | null; readonly mailFrom: string; readonly publicUrl: string | null };
  /** Where the signed checkpoint log is anchored besides (dir: instead of) the data folder. */
  readonly checkpointAnchor: { readonly dir?: string; readonly url?: string };
  /** HTTPS in front: Secure cookies and HSTS. */
  readonly secureCookies: boolean;
  /** Proxies whose X-Forwarded-For is believed (empty: none, the peer address is the client). */
  readonly trustProxy: readonly string[];
}

/** Raised when settings are invalid; lists every problem so the operator fixes them in one go. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration 配置有误:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses settings from `env` with `overrides` (flag values) taking precedence. Throws ConfigError. */
export function loadConfig(env: NodeJS.ProcessEnv, overrides: Partial<Record<keyof z.infer<typeof EnvSchema>, string | undefined>> = {}): Config {
  // An empty variable counts as unset (`LUOSHI_DATABASE_URL= luoshi …` falls back to SQLite).
  const merged: Record<string, string | undefined> = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  for (const [k, v] of Object.entries(overrides)) if (v !== undefined) merged[k] = v;
  const parsed = EnvSchema.safeParse(merged);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  if (overrides.LUOSHI_DB !== undefined && overrides.LUOSHI_DATABASE_URL !== undefined) {
    throw new ConfigError(['--db and --database-url exclude each other (choose SQLite or PostgreSQL) --db 与 --database-url 只能选一个']);
  }
  const dataDir = path.resolve(e.LUOSHI_DATA_DIR);
  // A flag for SQLite beats a PostgreSQL URL inherited from the environment, and vice versa.
  const usePostgres = overrides.LUOSHI_DB === undefined && e.LUOSHI_DATABASE_URL !== undefined;
  return {
    dataDir,
    database: usePostgres ? { kind: 'postgres', url: e.LUOSHI_DATABASE_URL as string } : { kind: 'sqlite', file: path.resolve(e.LUOSHI_DB ?? path.join(dataDir, 'luoshi.db')) },
    tenant: e.LUOSHI_TENANT,
    timeZone: e.LUOSHI_TIME_ZONE,
    chainHash: e.LUOSHI_CHAIN_HASH,
    server: { host: e.LUOSHI_HOST, port: e.LUOSHI_PORT },
    logLevel: e.LUOSHI_LOG_LEVEL,
    scheduler: { user: e.LUOSHI_SCHEDULER_USER ?? null, at: e.LUOSHI_SCHEDULER_TIME },
    holidays: e.LUOSHI_HOLIDAYS === undefined ? null : path.resolve(e.LUOSHI_HOLIDAYS),
    webhooks: { allowPrivate: e.LUOSHI_WEBHOOK_ALLOW_PRIVATE === '1' },
    notify: { smtpUrl: e.LUOSHI_SMTP_URL ?? null, mailFrom: e.LUOSHI_MAIL_FROM ?? 'Luoshi 落实 <noreply@localhost>', publicUrl: e.LUOSHI_PUBLIC_URL ?? null },
    checkpointAnchor: {
      ...(e.LUOSHI_CHECKPOINT_DIR === undefined ? {} : { dir: path.resolve(e.LUOSHI_CHECKPOINT_DIR) }),
      ...(e.LUOSHI_CHECKPOINT_URL === undefined ? {} : { url: e.LUOSHI_CHECKPOINT_URL }),
    },
    secureCookies: e.LUOSHI_SECURE_COOKIES === '1',
    trustProxy: e.LUOSHI_TRUST_PROXY ? e.LUOSHI_TRUST_PROXY.split(',').map((a) => a.trim()) : [],
  };
}
