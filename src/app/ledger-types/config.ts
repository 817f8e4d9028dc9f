import type { Instant, UserId } from '../../domain/ids.js';
import { BUILTIN_LEDGER_TYPES, LedgerConfigSchema, validateLedgerType, type LedgerConfig, type LedgerType } from '../../domain/ledger-types/index.js';
import { checkConfigChange, removedStages, tenantLedgerTypes, type TenantLedgerTypes } from '../../domain/ledger-types/config-change.js';
import { DomainError } from '../../domain/errors.js';
import { StoreError, type TransactionContext } from '../../store/index.js';
import { roleRequired } from '../accounts/errors.js';
import { resolveActor, type ResolvedActor } from '../actors.js';
import { isOperator, nowInstant, type ActorRef, type AppDeps, type ViewerRef } from '../context.js';
import { ledgerTypesOf, refreshLedgerTypes, rememberLedgerConfig } from './cache.js';

/*
 * The tenant's ledger configuration (DESIGN.md, 台账类型 built in and configurable): everyone signed in reads
 * the resulting types; the system admin (units, users and settings, never business data) reads and changes
 * the configuration. A change is validated as a whole before anything is written, may not break the items
 * already recorded, and is recorded on the tenant's event chain like every other admin change.
 */

/** A type as the tenant has it, with whether it is switched off (existing items keep it). */
export type ConfiguredLedgerType = LedgerType & { readonly disabled: boolean };

export interface LedgerConfigView {
  /** 0 while the tenant has stored no configuration (the built-ins as shipped). */
  readonly version: number;
  readonly config: LedgerConfig;
  readonly updatedAt: Instant | null;
  readonly updatedBy: UserId | null;
  /** The built-in types as shipped, which `config.overrides` change. */
  readonly builtin: readonly LedgerType[];
  /** Every resulting type, switched-off ones included. */
  readonly types: readonly ConfiguredLedgerType[];
}

async function requireSystemAdmin(deps: AppDeps, ref: ActorRef): Promise<ResolvedActor> {
  const resolved = await resolveActor(deps.store.read, ref);
  if (!resolved.actor.roles.includes('system_admin')) throw roleRequired('system_admin', '系统管理员');
  return resolved;
}

function viewOf(stored: { config: unknown; version: number; updatedAt: Instant; updatedBy: UserId | null } | undefined, types: TenantLedgerTypes): LedgerConfigView {
  return {
    version: stored?.version ?? 0,
    config: (stored?.config ?? {}) as LedgerConfig,
    updatedAt: stored?.updatedAt ?? null,
    updatedBy: stored?.updatedBy ?? null,
    builtin: BUILTIN_LEDGER_TYPES,
    types: [...types.all.values()].map((t) => ({ ...t, disabled: types.disabled.has(t.key) })),
  };
}

/**
 * The ledger types items can be recorded in now (every signed-in user; admins too: it is configuration, not
 * business data).
 * @throws AppError `user_not_found`, `user_disabled`.
 */
export async function listLedgerTypes(deps: AppDeps, viewer: ViewerRef): Promise<LedgerType[]> {
  if (!isOperator(viewer)) await resolveActor(deps.store.read, viewer);
  await refreshLedgerTypes(deps, deps.store.read, viewer.tenantId);
  return [...ledgerTypesOf(deps, viewer.tenantId).active.values()];
}

/**
 * The stored configuration with its version and the types it results in: the system admin, or the operator at
 * the command line.
 * @throws AccountError `role_required`.
 */
export async function readLedgerConfig(deps: AppDeps, viewer: ViewerRef): Promise<LedgerConfigView> {
  if (!isOperator(viewer)) await requireSystemAdmin(deps, viewer);
  const stored = await deps.store.read.ledgerConfigs.get(viewer.tenantId);
  const types = tenantLedgerTypes(stored?.config ?? {});
  rememberLedgerConfig(deps.store, viewer.tenantId, stored?.config, stored?.version ?? 0, types);
  return viewOf(stored, types);
}

/** The stored form of a valid configuration: parsed strictly, custom types in their validated form. */
function normalise(config: unknown): LedgerConfig {
  const parsed = LedgerConfigSchema.parse(config);
  return { ...parsed, ...(parsed.custom && { custom: parsed.custom.map((c) => validateLedgerType(c)) }) };
}

/** Refuses dropping a stage that items are waiting in: they could neither pass nor be rejected. */
async function checkWaitingItems(tx: TransactionContext, tenantId: string, before: TenantLedgerTypes, after: TenantLedgerTypes): Promise<void> {
  const issues: { path: string; message: string }[] = [];
  for (const [key, gone] of removedStages(before, after)) {
    const dropped = new Set(gone);
    let after_: string | undefined;
    const waiting = new Map<string, number>();
    do {
      const page = await tx.items.list(tenantId, { ledgerTypes: [key], statuses: ['closing'] }, { limit: 1000, after: after_, order: 'created_asc' });
      for (const i of page.items) if (i.stageKey !== null && dropped.has(i.stageKey)) waiting.set(i.stageKey, (waiting.get(i.stageKey) ?? 0) + 1);
      after_ = page.nextCursor ?? undefined;
    } while (after_);
    for (const [stage, n] of waiting) {
      issues.push({ path: `${key}.closureStages.${stage}`, message: `${n} item(s) of ${key} wait in stage ${stage}: it cannot be removed until they move on` });
    }
  }
  if (issues.length === 0) return;
  const list = issues.map((i) => i.message).join('; ');
  throw new DomainError('validation_failed', `Ledger configuration: ${list}`, `台账配置有误:仍有事项处于将被删除的验收环节,待其办理完毕后再删除(${list})`, { issues });
}

/** What an alarm fills in the item it opens (app/signals/open-item.ts). */
const ALARM_FILLS = new Set(['region', 'indicator', 'series', 'period', 'algorithm', 'observed', 'threshold', 'expected']);

/**
 * Refuses settings under which monitoring alarms could no longer open their items: the type an indicator opens
 * them in switched off, or given a required field an alarm does not fill.
 */
async function checkIndicators(tx: TransactionContext, tenantId: string, after: TenantLedgerTypes): Promise<void> {
  const issues: { path: string; message: string }[] = [];
  for (const ind of await tx.signals.indicators.list(tenantId)) {
    const type = after.active.get(ind.ledgerType);
    if (!type) {
      issues.push({ path: `disabled.${ind.ledgerType}`, message: `indicator ${ind.key} opens its alarms as items of ${ind.ledgerType}: that type cannot be switched off` });
      continue;
    }
    for (const f of type.fields) {
      if (f.required && (f.filledAt ?? 'create') === 'create' && !ALARM_FILLS.has(f.name)) {
        issues.push({
          path: `${type.key}.fields.${f.name}`,
          message: `indicator ${ind.key} opens alarms as ${type.key} items without ${f.name}: it cannot be required at creation`,
        });
      }
    }
  }
  if (issues.length === 0) return;
  const list = issues.map((i) => i.message).join('; ');
  throw new DomainError(
    'validation_failed',
    `Ledger configuration: ${list}`,
    `台账配置有误:监测预警指标的报警须能自动立项,其台账类型不能停用,也不能新增报警无法填写的必填字段(${list})`,
    { issues },
  );
}

/**
 * Replaces the tenant's ledger configuration (system admin). The new configuration must resolve into valid
 * types, keep every type and field existing items may use (see checkConfigChange), every stage items wait
 * in, and the types monitoring alarms open items in; `expectedVersion` must be the version read (0 when none is stored). Nothing is written when it throws.
 * On success the change is appended to the chain (`LedgerConfigSet`, with the whole configuration) and the
 * new types apply at once in this process, and within LEDGER_TYPES_TTL_MS on other nodes.
 * @throws AccountError `role_required`; DomainError `validation_failed` (with `details.issues`); StoreError
 *   `version_conflict`.
 */
export async function setLedgerConfig(deps: AppDeps, ref: ActorRef, input: { readonly config: unknown; readonly expectedVersion: number }): Promise<LedgerConfigView> {
  const { user } = await requireSystemAdmin(deps, ref);
  const next = tenantLedgerTypes(input.config);
  const config = normalise(input.config);
  const at = nowInstant(deps);
  const stored = await deps.store.transaction(async (tx) => {
    const current = await tx.ledgerConfigs.get(ref.tenantId);
    const actual = current?.version ?? 0;
    if (actual !== input.expectedVersion) {
      throw new StoreError(
        'version_conflict',
        `The ledger configuration changed meanwhile (version ${actual}, expected ${input.expectedVersion}); reload it.`,
        '台账配置已被他人修改,请刷新后重试。',
        {
          expectedVersion: input.expectedVersion,
          actualVersion: actual,
        },
      );
    }
    const before = tenantLedgerTypes(current?.config ?? {});
    checkConfigChange(before, next);
    await checkWaitingItems(tx, ref.tenantId, before, next);
    await checkIndicators(tx, ref.tenantId, next);
    const version = await tx.ledgerConfigs.put(ref.tenantId, actual, config, at, user.id);
    await tx.appendEvents(ref.tenantId, [{ itemId: null, type: 'LedgerConfigSet', actorUserId: user.id, actorUnitId: user.unitId, at, payload: { version, config } }]);
    return { config, version, updatedAt: at, updatedBy: user.id };
  });
  rememberLedgerConfig(deps.store, ref.tenantId, stored.config, stored.version, next);
  return viewOf(stored, next);
}
