import { hash } from '@node-rs/argon2';
import type { TenantId } from '../domain/ids.js';
import type { Role } from '../domain/roles.js';
import { UnitTree } from '../domain/units.js';
import type { NewUnit, NewUser, SigningPolicy, Tenant } from '../store/index.js';
import { nowInstant, type AppDeps } from './context.js';
import { forgetUnitTree } from './unit-trees.js';

/*
 * Setting up a tenant: its units and users. These run for the operator (init, demo, the admin API) and are
 * recorded in the chain like every other change, with the item id null.
 */

export interface TenantSetup {
  readonly id: TenantId;
  readonly name: string;
  readonly timeZone?: string;
  /**
   * 签章要求 (signatures/policy.ts), named at every creation: `luoshi init` and the demo give `required`; tests
   * of other rules than signing say `when_enrolled` — the policy tenants that existed before it keep.
   */
  readonly signingPolicy: SigningPolicy;
}

/** Creates the tenant unless it exists; returns it either way. */
export async function ensureTenant(deps: AppDeps, setup: TenantSetup): Promise<Tenant> {
  return deps.store.transaction(async (tx) => {
    const found = await tx.tenants.get(setup.id);
    if (found) return found;
    const at = nowInstant(deps);
    const tenant = await tx.tenants.insert({ id: setup.id, name: setup.name, timeZone: setup.timeZone, signingPolicy: setup.signingPolicy, createdAt: at });
    await tx.appendEvents(setup.id, [{ itemId: null, type: 'TenantCreated', actorUserId: null, actorUnitId: null, at, payload: { ...tenant } }]);
    return tenant;
  });
}

/**
 * Adds units (parents before children). The whole tree, old and new, is checked first (cycles, unknown
 * parents, nesting rules), so a bad list changes nothing.
 * @throws DomainError `validation_failed`, `unit_not_found`; StoreError `already_exists`.
 */
export async function addUnits(deps: AppDeps, tenantId: TenantId, units: readonly NewUnit[]): Promise<void> {
  await deps.store.transaction(async (tx) => {
    UnitTree.from([...(await tx.units.list(tenantId)), ...units]);
    const at = nowInstant(deps);
    await tx.units.insertMany(tenantId, units, at);
    await tx.appendEvents(tenantId, [
      {
        itemId: null,
        type: 'UnitsAdded',
        actorUserId: null,
        actorUnitId: null,
        at,
        payload: { units: units.map((u) => ({ id: u.id, name: u.name, kind: u.kind, parentId: u.parentId })) },
      },
    ]);
  });
  forgetUnitTree(deps.store, tenantId);
}

export interface UserSetup extends Omit<NewUser, 'passwordHash'> {
  readonly password?: string;
}

/** Argon2id, as 等保 asks for stored passwords (about 30 ms each here). */
export const hashPassword = (password: string): Promise<string> => hash(password, { algorithm: 2 });

/**
 * Adds users with their roles; passwords are hashed before the transaction opens (hashing is slow and
 * must not hold the database). No password or hash enters the chain.
 * @throws StoreError `already_exists` (username taken), `reference_not_found` (unknown unit).
 */
export async function addUsers(deps: AppDeps, tenantId: TenantId, users: readonly UserSetup[]): Promise<void> {
  const hashed = await Promise.all(users.map(async ({ password, ...u }) => ({ ...u, passwordHash: password ? await hashPassword(password) : null })));
  await deps.store.transaction(async (tx) => {
    const at = nowInstant(deps);
    for (const u of hashed) await tx.users.insert(tenantId, u, at);
    await tx.appendEvents(tenantId, [
      {
        itemId: null,
        type: 'UsersAdded',
        actorUserId: null,
        actorUnitId: null,
        at,
        payload: { users: hashed.map((u) => ({ id: u.id, username: u.username, unitId: u.unitId, roles: [...u.roles] as Role[] })) },
      },
    ]);
  });
}
