import { z } from 'zod';
import type { LedgerType } from '../../domain/ledger-types/index.js';
import {
  cidarsControl,
  cusumControl,
  earsControl,
  farringtonControl,
  farringtonFlexibleControl,
  glrnbControl,
  SIGNAL_ALGORITHMS,
  type SignalAlgorithm,
} from '../../signals/index.js';
import { ANY_INDICATOR, StoreError, type SignalIndicator, type SignalResponsible } from '../../store/index.js';
import { nowInstant, type AppDeps, type ViewerRef } from '../context.js';
import { AppError } from '../errors.js';
import { activeLedgerType, refreshLedgerTypes } from '../ledger-types/cache.js';
import { eventActor, signalsScope } from './scope.js';
import { unitLookup, unitLookupMessage } from './units.js';

/** Validates a control with the algorithm's zod schema (R's defaults filled in); throws SignalsError `invalid_control`. */
export const CONTROL_PARSERS: Readonly<Record<SignalAlgorithm, (control: unknown) => unknown>> = {
  farringtonFlexible: farringtonFlexibleControl,
  farrington: farringtonControl,
  earsC: earsControl,
  cusum: cusumControl,
  glrnb: glrnbControl,
  cidars: cidarsControl,
};

/** Algorithms whose statistic accumulates over the periods it runs over: their window must be chosen. */
const SEQUENTIAL: ReadonlySet<SignalAlgorithm> = new Set(['cusum', 'glrnb']);

/** Fields an alarm writes into its item: any ledger type chosen for alarms must declare them. */
const ALARM_FIELDS = ['region', 'indicator', 'series', 'period', 'algorithm', 'observed', 'threshold'] as const;

export const IndicatorConfigSchema = z
  .object({
    key: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'letters, digits, _ . - (up to 64), starting with a letter or digit'),
    name: z.string().trim().min(1).max(200),
    algorithm: z.enum(SIGNAL_ALGORITHMS),
    control: z.record(z.string(), z.unknown()).default({}),
    frequency: z.enum(['day', 'week']),
    /** Trailing periods the algorithm runs over at each detection; 1 unless the algorithm is sequential. */
    windowPeriods: z.number().int().min(1).max(3660).optional(),
    ledgerType: z.string().trim().min(1).max(100).default('signal'),
  })
  .strict();
export type IndicatorConfigInput = z.input<typeof IndicatorConfigSchema>;

function invalid(en: string, zh: string, details?: Record<string, unknown>): AppError {
  return new AppError('invalid_input', en, zh, details);
}

function parseConfig(input: unknown) {
  const r = IndicatorConfigSchema.safeParse(input);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  const list = issues.map((i) => `${i.path || '(indicator)'}: ${i.message}`).join('; ');
  throw invalid(`Invalid indicator: ${list}`, `指标配置有误：${list}`, { issues });
}

function checkAlarmLedger(type: LedgerType): void {
  const missing = ALARM_FIELDS.filter((f) => !type.fields.some((d) => d.name === f));
  if (missing.length > 0) {
    throw invalid(`Ledger type ${type.key} lacks the alarm fields ${missing.join(', ')}.`, `台账类型「${type.name.zh}」缺少预警字段：${missing.join('、')}。`, { missing });
  }
}

/**
 * Adds an indicator or replaces its configuration: the control is checked with the algorithm's zod
 * schema, sequential charts (cusum, glrnb) need a window, and the ledger type of its alarms must carry the
 * signal fields. Recorded in the chain.
 * @throws AppError `invalid_input`; StoreError `already_exists` when it exists and `replace` is not set;
 *   SignalsError `invalid_control`, `unsupported_option`; DomainError `ledger_type_not_found`, `forbidden`
 *   (not a supervisor).
 */
export async function configureIndicator(deps: AppDeps, by: ViewerRef, input: IndicatorConfigInput, options: { replace?: boolean } = {}): Promise<SignalIndicator> {
  const c = parseConfig(input);
  CONTROL_PARSERS[c.algorithm](c.control);
  if (SEQUENTIAL.has(c.algorithm) && c.windowPeriods === undefined) {
    throw invalid(
      `${c.algorithm} accumulates over the periods it runs over: give the window (windowPeriods), e.g. 52 weeks.`,
      `${c.algorithm} 为累积型检测，须指定检测窗口期数（windowPeriods），例如 52 周。`,
    );
  }
  await refreshLedgerTypes(deps, deps.store.read, by.tenantId);
  checkAlarmLedger(activeLedgerType(deps, by.tenantId, c.ledgerType));
  return deps.store.transaction(async (tx) => {
    const scope = await signalsScope(deps, tx, by, 'write');
    const at = nowInstant(deps);
    const indicator = {
      key: c.key,
      name: c.name,
      algorithm: c.algorithm,
      control: c.control,
      frequency: c.frequency,
      windowPeriods: c.windowPeriods ?? 1,
      ledgerType: c.ledgerType,
    };
    const before = await tx.signals.indicators.get(by.tenantId, c.key);
    if (before && !options.replace) {
      throw new StoreError('already_exists', `Indicator ${c.key} exists; replace it explicitly.`, `指标 ${c.key} 已存在；如需修改请明确选择替换。`, { key: c.key });
    }
    if (before && before.frequency !== c.frequency) {
      throw invalid(
        `Indicator ${c.key} has ${before.frequency}ly counts; its frequency cannot change.`,
        `指标 ${c.key} 已有按${before.frequency === 'day' ? '日' : '周'}统计的数据，不能更改统计频率。`,
      );
    }
    await tx.signals.indicators.save(by.tenantId, indicator, at);
    await tx.appendEvents(by.tenantId, [{ itemId: null, type: 'SignalIndicatorConfigured', ...eventActor(scope), at, payload: { ...indicator, replaced: before !== undefined } }]);
    return (await tx.signals.indicators.get(by.tenantId, c.key))!;
  });
}

/**
 * Switches an indicator off (停用: the daily detection leaves it alone; its counts, alarms and items stay, and
 * counts can still be imported) or on again. Recorded in the chain; switching to the state it has changes nothing.
 * @throws AppError `indicator_not_found`; DomainError `forbidden` (not a supervisor).
 */
export async function switchIndicator(deps: AppDeps, by: ViewerRef, key: string, on: boolean): Promise<SignalIndicator> {
  return deps.store.transaction(async (tx) => {
    const scope = await signalsScope(deps, tx, by, 'write');
    const before = await tx.signals.indicators.get(by.tenantId, key);
    if (!before) throw new AppError('indicator_not_found', `No indicator ${key}.`, `指标 ${key} 不存在。`, { indicator: key });
    if ((before.disabledAt === null) === on) return before;
    const at = nowInstant(deps);
    await tx.signals.indicators.setDisabled(by.tenantId, key, on ? null : at, at);
    await tx.appendEvents(by.tenantId, [{ itemId: null, type: on ? 'SignalIndicatorEnabled' : 'SignalIndicatorDisabled', ...eventActor(scope), at, payload: { key } }]);
    return (await tx.signals.indicators.get(by.tenantId, key))!;
  });
}

/** The tenant's indicators. @throws AppError `business_data_forbidden` for admin roles, `user_not_found`. */
export async function listIndicators(deps: AppDeps, by: ViewerRef): Promise<SignalIndicator[]> {
  await signalsScope(deps, deps.store.read, by, 'read');
  return deps.store.read.signals.indicators.list(by.tenantId);
}

export interface ResponsibleInput {
  /** The region unit (id, code or unique name). */
  readonly region: string;
  /** The unit that answers for its alarms (id, code or unique name). */
  readonly unit: string;
  /** One indicator's key, or every indicator when absent. */
  readonly indicator?: string;
}

/**
 * Names the unit that answers for a region's alarms (a district's 卫健局 for its fever-clinic counts);
 * without one the region unit itself does. Recorded in the chain.
 * @throws AppError `invalid_input` (unknown or ambiguous unit), `indicator_not_found`; DomainError `forbidden`.
 */
export async function setResponsibleUnit(deps: AppDeps, by: ViewerRef, input: ResponsibleInput): Promise<SignalResponsible> {
  return deps.store.transaction(async (tx) => {
    const scope = await signalsScope(deps, tx, by, 'write');
    const find = unitLookup(await tx.units.list(by.tenantId));
    const resolve = (ref: string) => {
      const r = find(ref);
      if (!r.ok) {
        const m = unitLookupMessage(ref, r.code);
        throw invalid(m.message, m.messageZh, { unit: ref });
      }
      return r.unit;
    };
    const region = resolve(input.region);
    const unit = resolve(input.unit);
    const indicatorKey = input.indicator ?? ANY_INDICATOR;
    if (input.indicator !== undefined && !(await tx.signals.indicators.get(by.tenantId, input.indicator))) {
      throw new AppError('indicator_not_found', `No indicator ${input.indicator}.`, `指标 ${input.indicator} 不存在。`, { indicator: input.indicator });
    }
    const r: SignalResponsible = { regionUnitId: region.id, indicatorKey, unitId: unit.id };
    const at = nowInstant(deps);
    await tx.signals.indicators.setResponsible(by.tenantId, r, at);
    await tx.appendEvents(by.tenantId, [{ itemId: null, type: 'SignalResponsibleSet', ...eventActor(scope), at, payload: { ...r } }]);
    return r;
  });
}

/** The region → responsible unit table. @throws AppError `business_data_forbidden`. */
export async function listResponsibleUnits(deps: AppDeps, by: ViewerRef): Promise<SignalResponsible[]> {
  await signalsScope(deps, deps.store.read, by, 'read');
  return deps.store.read.signals.indicators.listResponsibles(by.tenantId);
}

/** The unit answering for a region's alarms of an indicator: its own entry, the region's '*' entry, or the region. */
export function responsibleUnitOf(table: readonly SignalResponsible[], regionUnitId: string, indicatorKey: string): string {
  const own = table.find((r) => r.regionUnitId === regionUnitId && r.indicatorKey === indicatorKey);
  const any = table.find((r) => r.regionUnitId === regionUnitId && r.indicatorKey === ANY_INDICATOR);
  return own?.unitId ?? any?.unitId ?? regionUnitId;
}
