import type { Store } from '../../store/index.js';
import type { AppDeps } from '../context.js';
import { addUnits, addUsers, ensureTenant } from '../organisation.js';
import { DEMO_TENANT, demoUnits, demoUsers } from './organisation.js';
import { demoSteps, stepTime } from './scenario.js';
import { enrolDemoSigners } from './signing-keys.js';
import { NEW_TENANT_SIGNING_POLICY } from '../signatures/policy.js';

export interface DemoOptions {
  /** The demo's "now": items are played from six weeks before it up to it. */
  readonly now: Date;
  readonly newId: () => string;
  /** Password of every demo user; without one the users cannot log in to the web app. */
  readonly password?: string;
  /** Hears progress (steps done, steps in all) for a progress bar. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Tenant to build it in (default `default`); tests use a fresh one each. */
  readonly tenantId?: string;
}

export interface DemoSummary {
  readonly tenantId: string;
  readonly tenantName: string;
  readonly units: number;
  readonly users: readonly { username: string; displayName: string; roles: readonly string[]; unitId: string; unitName: string }[];
  readonly actions: number;
}

/**
 * Builds the demo city 示范市 in an empty tenant: units, users of every role and items of every ledger type
 * in every state, all through the use cases so that every item has a real timeline in the chain; its 审签 and
 * 销号 signed with the keys of signing-keys.ts.
 * @throws AppError / StoreError `already_exists` when the tenant already has the demo's units.
 */
export async function buildDemo(store: Store, options: DemoOptions): Promise<DemoSummary> {
  let clock = new Date(options.now.getTime() - 43 * 86_400_000);
  const deps: AppDeps = { store, now: () => clock, newId: options.newId };
  const tenantId = options.tenantId ?? DEMO_TENANT.id;
  // A tenant `luoshi init` made (empty) is kept with its name; otherwise the demo's is created.
  const tenant = await ensureTenant(deps, { ...DEMO_TENANT, id: tenantId, signingPolicy: NEW_TENANT_SIGNING_POLICY });
  const units = demoUnits();
  await addUnits(deps, tenantId, units);
  const users = demoUsers(options.password);
  await addUsers(deps, tenantId, users);
  await enrolDemoSigners(deps, tenantId);
  const steps = demoSteps(tenantId, options.now, DEMO_TENANT.timeZone);
  for (const [i, step] of steps.entries()) {
    // The simulated clock only moves forward, one second at least per step.
    const t = stepTime(options.now, step);
    clock = new Date(Math.max(t.getTime(), clock.getTime() + 1_000));
    await step.run(deps);
    options.onProgress?.(i + 1, steps.length);
  }
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  return {
    tenantId,
    tenantName: tenant.name,
    units: units.length,
    users: users.map((u) => ({ username: u.username, displayName: u.displayName, roles: u.roles, unitId: u.unitId, unitName: unitName.get(u.unitId) ?? u.unitId })),
    actions: steps.length,
  };
}
