import type { TenantId } from '../../domain/ids.js';
import { DomainError } from '../../domain/errors.js';
import type { LedgerType } from '../../domain/ledger-types/index.js';
import { tenantLedgerTypes, type TenantLedgerTypes } from '../../domain/ledger-types/config-change.js';
import type { ReadContext, TransactionContext } from '../../store/index.js';
import type { AppDeps } from '../context.js';

/*
 * Each tenant's ledger types, resolved from its stored configuration and cached per store. A change made in
 * this process replaces the entry at once; other nodes re-read the stored version after at most TTL_MS.
 */

/** How long a node trusts its cached configuration before it reads the stored version again. */
export const LEDGER_TYPES_TTL_MS = 5_000;

interface Entry {
  readonly types: TenantLedgerTypes;
  readonly version: number;
  readonly loadedAt: number;
}

const BUILTIN = tenantLedgerTypes({});
const caches = new WeakMap<object, Map<TenantId, Entry>>();
/** Configs given by `AppDeps.ledgers`, resolved once per object. */
const given = new WeakMap<object, TenantLedgerTypes>();

function entries(owner: object): Map<TenantId, Entry> {
  let known = caches.get(owner);
  if (!known) caches.set(owner, (known = new Map()));
  return known;
}

/** Puts a configuration read or written just now into the cache (the resolution is kept when the version is unchanged). */
export function rememberLedgerConfig(owner: object, tenantId: TenantId, config: unknown, version: number, types?: TenantLedgerTypes): void {
  const known = entries(owner);
  const hit = known.get(tenantId);
  const resolved = types ?? (hit && hit.version === version ? hit.types : version === 0 ? BUILTIN : tenantLedgerTypes(config));
  known.set(tenantId, { types: resolved, version, loadedAt: performance.now() });
}

/**
 * Makes sure the cached types of the tenant are at most LEDGER_TYPES_TTL_MS old, reading the stored
 * configuration when not. Every use case that resolves ledger types calls it first (via actingScope and
 * viewingScope). Nothing to do when `AppDeps.ledgers` fixes the configuration.
 */
export async function refreshLedgerTypes(deps: AppDeps, ctx: ReadContext | TransactionContext, tenantId: TenantId): Promise<void> {
  if (deps.ledgers) return;
  const hit = entries(deps.store).get(tenantId);
  if (hit && performance.now() - hit.loadedAt < LEDGER_TYPES_TTL_MS) return;
  const stored = await ctx.ledgerConfigs.get(tenantId);
  rememberLedgerConfig(deps.store, tenantId, stored?.config, stored?.version ?? 0);
}

/** The tenant's types as last refreshed: `AppDeps.ledgers` when given, else the stored configuration (built-ins when none). */
export function ledgerTypesOf(deps: AppDeps, tenantId: TenantId): TenantLedgerTypes {
  if (deps.ledgers) {
    const config = deps.ledgers(tenantId);
    if (!config) return BUILTIN;
    let types = given.get(config);
    if (!types) given.set(config, (types = tenantLedgerTypes(config)));
    return types;
  }
  return caches.get(deps.store)?.get(tenantId)?.types ?? BUILTIN;
}

const notFound = (key: string): DomainError => new DomainError('ledger_type_not_found', `Unknown ledger type ${key}.`, `台账类型 ${key} 不存在。`, { ledgerType: key });

/** The type of an existing item: switched-off types still serve the items recorded in them. @throws DomainError `ledger_type_not_found`. */
export function itemLedgerType(deps: AppDeps, tenantId: TenantId, key: string): LedgerType {
  const t = ledgerTypesOf(deps, tenantId).all.get(key);
  if (!t) throw notFound(key);
  return t;
}

/**
 * A type new items may be recorded in (not switched off).
 * @throws DomainError `ledger_type_disabled` for a type the tenant switched off (its items are still served,
 *   but no new ones are recorded in it: the message says so and how to get it back); `ledger_type_not_found`.
 */
export function activeLedgerType(deps: AppDeps, tenantId: TenantId, key: string): LedgerType {
  const types = ledgerTypesOf(deps, tenantId);
  const t = types.active.get(key);
  if (t) return t;
  const off = types.all.get(key);
  if (!off) throw notFound(key);
  throw new DomainError(
    'ledger_type_disabled',
    `The ledger type ${off.name.en} (${key}) is switched off: its items can still be worked on, but no new ones are recorded in it. A system admin can switch it back on in the ledger settings.`,
    `台账类型「${off.name.zh}」已停用：已有事项仍可办理，但不能再新建事项。如需使用，请系统管理员在台账设置中重新启用。`,
    { ledgerType: key },
  );
}
