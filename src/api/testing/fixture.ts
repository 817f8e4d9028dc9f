/*
 * Test support for the API suite (no vitest imports): a small city built in-process with factories, the app
 * built on it, a settable clock, and helpers to log in and call endpoints. Each fixture uses a fresh tenant,
 * so files share one PostgreSQL schema safely.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { TOTP, Secret } from 'otpauth';
import { addUnits, addUsers, ensureTenant } from '../../app/organisation.js';
import type { AppDeps } from '../../app/context.js';
import type { ParsePool } from '../../app/parsing/parse-pool.js';
import { DEFAULT_ACCOUNT_POLICY, type AccountPolicy } from '../../app/accounts/policy.js';
import type { Role } from '../../domain/roles.js';
import { freshId, openTestStore, type DialectName, type TestStore } from '../../store/testing/dialects.js';
import type { SigningPolicy } from '../../store/index.js';
import { buildApp } from '../app.js';
import type { ApiDeps } from '../deps.js';

export const PASSWORD = 'Luoshi-2026-test!';
export const T0 = Date.parse('2026-03-02T01:00:00.000Z');

/** The city: a supervision office and departments under the city, a district with a street, and a foreign district. */
export const UNITS = [
  { id: 'city', name: '示范市', kind: 'city', parentId: null },
  { id: 'office', name: '市委督查室', kind: 'department', parentId: 'city' },
  { id: 'env', name: '市生态环境局', kind: 'department', parentId: 'city' },
  { id: 'water', name: '市水务局', kind: 'department', parentId: 'city' },
  { id: 'east', name: '东城区', kind: 'district', parentId: 'city' },
  { id: 'east-office', name: '东城区督查室', kind: 'department', parentId: 'east' },
  { id: 'east-street', name: '东华街道', kind: 'street', parentId: 'east' },
  { id: 'west', name: '西城区', kind: 'district', parentId: 'city' },
  { id: 'west-office', name: '西城区督查室', kind: 'department', parentId: 'west' },
  { id: 'west-street', name: '西华街道', kind: 'street', parentId: 'west' },
] as const;

/** Users by their part in the matrix. */
export const USERS: readonly { username: string; unitId: string; roles: Role[] }[] = [
  { username: 'sup', unitId: 'office', roles: ['supervisor'] },
  { username: 'leader', unitId: 'city', roles: ['leader'] },
  { username: 'env', unitId: 'env', roles: ['handler'] },
  { username: 'water', unitId: 'water', roles: ['handler'] },
  { username: 'east-sup', unitId: 'east-office', roles: ['supervisor'] },
  { username: 'east-street', unitId: 'east-street', roles: ['handler'] },
  { username: 'west-sup', unitId: 'west-office', roles: ['supervisor'] },
  { username: 'west-street', unitId: 'west-street', roles: ['handler'] },
  { username: 'sysadmin', unitId: 'city', roles: ['system_admin'] },
  { username: 'secadmin', unitId: 'city', roles: ['security_admin'] },
  { username: 'auditor', unitId: 'city', roles: ['auditor'] },
];
export const ADMIN_USERS = ['sysadmin', 'secadmin', 'auditor'];

export interface Caller {
  readonly username: string;
  readonly headers: Record<string, string>;
}

export interface ApiFixture {
  readonly app: FastifyInstance;
  readonly deps: ApiDeps;
  readonly ts: TestStore;
  readonly tenantId: string;
  /** TOTP secrets of the admins, enrolled and confirmed. */
  readonly totpSecrets: Map<string, string>;
  now: number;
  advance(ms: number): void;
  /** Logs in (with a TOTP code for admins) and returns the headers of later calls. */
  login(username: string, password?: string): Promise<Caller>;
  call(caller: Caller | null, opts: InjectOptions): Promise<LightMyRequestResponse>;
  totpCode(username: string): string;
  close(): Promise<void>;
}

export interface FixtureOptions {
  readonly policy?: Partial<AccountPolicy>;
  readonly limits?: ApiDeps['limits'];
  readonly principalTtlMs?: number;
  /** Where the app logs (silent when absent). */
  readonly logger?: ApiDeps['logger'];
  /** Reverse proxies whose X-Forwarded-For is believed. */
  readonly trustProxy?: readonly string[];
  /** The parser pool of the app (default: the app's own). */
  readonly parsing?: ParsePool;
  /** The tenant's 签章要求 (default `when_enrolled`: the rules tested elsewhere are not about signing). */
  readonly signingPolicy?: SigningPolicy;
}

/** Builds the city on a fresh tenant and the app on it. */
export async function apiFixture(dialect: DialectName, options: FixtureOptions = {}): Promise<ApiFixture> {
  const ts = await openTestStore(dialect);
  const tenantId = freshId('api');
  let ids = 0;
  const fx = { now: T0 } as ApiFixture;
  const appDeps: AppDeps = { store: ts.store, now: () => new Date(fx.now), newId: () => `${tenantId}-${(ids += 1)}`, parsing: options.parsing };
  await ensureTenant(appDeps, { id: tenantId, name: '示范市', signingPolicy: options.signingPolicy ?? 'when_enrolled' });
  await addUnits(
    appDeps,
    tenantId,
    UNITS.map((u) => ({ ...u })),
  );
  await addUsers(
    appDeps,
    tenantId,
    USERS.map((u) => ({ id: `u-${u.username}`, username: u.username, displayName: u.username, unitId: u.unitId, roles: u.roles, password: PASSWORD })),
  );
  const totpSecrets = new Map<string, string>();
  await ts.store.transaction(async (tx) => {
    for (const name of ADMIN_USERS) {
      const secret = new Secret({ size: 20 }).base32;
      totpSecrets.set(name, secret);
      await tx.totp.put(tenantId, `u-${name}`, secret, new Date(T0).toISOString());
      await tx.totp.accept(tenantId, `u-${name}`, 1, new Date(T0).toISOString());
    }
  });
  const deps: ApiDeps = {
    app: appDeps,
    tenantId,
    dataDir: ts.dir,
    policy: { ...DEFAULT_ACCOUNT_POLICY, ...options.policy },
    limits: options.limits ?? { login: { max: 0, windowMs: 60_000 }, writes: { max: 0, windowMs: 60_000 } },
    principalTtlMs: options.principalTtlMs,
    trustProxy: options.trustProxy,
    logger: options.logger,
  };
  const app = await buildApp(deps);
  const codeFor = (username: string) => new TOTP({ secret: Secret.fromBase32(totpSecrets.get(username)!), digits: 6, period: 30 }).generate({ timestamp: fx.now });
  return Object.assign(fx, {
    app,
    deps,
    ts,
    tenantId,
    totpSecrets,
    advance(ms: number) {
      fx.now += ms;
    },
    totpCode: codeFor,
    async login(username: string, password = PASSWORD): Promise<Caller> {
      const payload: Record<string, string> = { username, password };
      if (totpSecrets.has(username)) {
        // Each code is accepted once: step past the last one used.
        fx.now += 30_000;
        payload.totp = codeFor(username);
      }
      const res = await app.inject({ method: 'POST', url: '/api/v1/session', payload });
      if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'luoshi_session')!;
      const csrf = (res.json() as { csrfToken: string }).csrfToken;
      return { username, headers: { cookie: `luoshi_session=${cookie.value}`, 'x-csrf-token': csrf } };
    },
    call(caller: Caller | null, opts: InjectOptions) {
      return app.inject({ ...opts, headers: { ...(caller?.headers ?? {}), ...(opts.headers ?? {}) } });
    },
    /** Closes the app and the store and drops the test's PostgreSQL schema. */
    async close() {
      await app.close();
      await ts.dispose();
    },
  });
}
