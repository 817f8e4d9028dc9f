/*
 * Test support for the use cases: a small city built through the app itself, and a clock the test moves.
 * No vitest imports, so it type-checks like any module.
 */
import type { SigningPolicy, Store } from '../../store/index.js';
import { freshId } from '../../store/testing/dialects.js';
import type { AppDeps } from '../context.js';
import { addUnits, addUsers, ensureTenant } from '../organisation.js';

export interface TestClock {
  now: Date;
  advanceDays(days: number): void;
}

export function testClock(start = '2026-03-02T02:00:00.000Z'): TestClock {
  const c = {
    now: new Date(start),
    advanceDays(days: number) {
      c.now = new Date(c.now.getTime() + days * 86_400_000);
    },
  };
  return c;
}

let ids = 0;

/** Deps on a store with a test clock and readable sequential ids. */
export function testDeps(store: Store, clock: TestClock): AppDeps {
  return { store, now: () => clock.now, newId: () => `it-${process.pid}-${++ids}` };
}

/**
 * A fresh tenant: city 示范市 with 市委督查室 (inside 市委办公室), 市生态环境局, 市水务局, and 东城区 with a street.
 * Users: `sup` (supervisor, 督查室), `env` and `water` (handlers), `leader` (city), `auditor`, `d1sup`
 * (district supervisor), `street` (handler of the street). The tenant's signing policy is `when_enrolled` unless
 * the test asks for `required` (then whoever passes 审签 or 销号 needs a registered key: see signing-keys.ts).
 */
export async function seedCity(deps: AppDeps, options: { signingPolicy?: SigningPolicy } = {}) {
  const tenantId = freshId('app');
  await ensureTenant(deps, { id: tenantId, name: '示范市', signingPolicy: options.signingPolicy ?? 'when_enrolled' });
  await addUnits(deps, tenantId, [
    { id: 'city', name: '示范市', kind: 'city', parentId: null },
    { id: 'swb', name: '市委办公室', kind: 'department', parentId: 'city' },
    { id: 'dcs', name: '市委督查室', kind: 'department', parentId: 'swb' },
    { id: 'env', name: '市生态环境局', kind: 'department', parentId: 'city' },
    { id: 'water', name: '市水务局', kind: 'department', parentId: 'city' },
    { id: 'd1', name: '东城区', kind: 'district', parentId: 'city' },
    { id: 'd1s1', name: '和平街道', kind: 'street', parentId: 'd1' },
  ]);
  await addUsers(deps, tenantId, [
    { id: 'u-sup', username: 'sup', displayName: '督办员', unitId: 'dcs', roles: ['supervisor'] },
    { id: 'u-env', username: 'env', displayName: '生态环境局承办人', unitId: 'env', roles: ['handler'] },
    { id: 'u-water', username: 'water', displayName: '水务局承办人', unitId: 'water', roles: ['handler'] },
    { id: 'u-leader', username: 'leader', displayName: '市领导', unitId: 'city', roles: ['leader'] },
    { id: 'u-auditor', username: 'auditor', displayName: '审计员', unitId: 'city', roles: ['auditor'] },
    { id: 'u-d1sup', username: 'd1sup', displayName: '区督办员', unitId: 'd1', roles: ['supervisor'] },
    { id: 'u-street', username: 'street', displayName: '街道承办人', unitId: 'd1s1', roles: ['handler'] },
  ]);
  const as = (username: string) => ({ tenantId, username });
  return { tenantId, as };
}

/** The stable error code a use case refuses with, or 'ok' when it succeeds: tests assert refusals by code. */
export async function errorCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
}
