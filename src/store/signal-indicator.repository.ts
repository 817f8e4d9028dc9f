import type { Kysely } from 'kysely';
import type { Instant, TenantId, UnitId } from '../domain/ids.js';
import { readInstant, readJson, readInstantOrNull, writeInstant } from './convert.js';
import type { Database } from './database.js';
import { mappingWriteErrors } from './db-errors.js';

export type SignalFrequency = 'day' | 'week';

/** An indicator a city monitors, with the detection algorithm and controls its series are run through. */
export interface SignalIndicator {
  readonly key: string;
  readonly name: string;
  /** One of the algorithms of src/signals (farringtonFlexible, earsC, …). */
  readonly algorithm: string;
  /** The control object as configured (validated by the algorithm's schema before it is saved). */
  readonly control: unknown;
  readonly frequency: SignalFrequency;
  /** Trailing periods the algorithm runs over at each detection; the result of the last one counts. */
  readonly windowPeriods: number;
  /** Ledger type of the items its alarms open (`signal` unless the city configured its own). */
  readonly ledgerType: string;
  readonly createdAt: Instant;
  readonly updatedAt: Instant;
  /** When it was switched off (停用): detection leaves it alone; null while it is monitored. */
  readonly disabledAt: Instant | null;
}

export type NewSignalIndicator = Omit<SignalIndicator, 'createdAt' | 'updatedAt' | 'disabledAt'>;

/** Who answers for a region's alarms: `indicatorKey` '*' stands for every indicator. */
export interface SignalResponsible {
  readonly regionUnitId: UnitId;
  readonly indicatorKey: string;
  readonly unitId: UnitId;
}

/** Wildcard indicator key of a responsibility that covers every indicator of the region. */
export const ANY_INDICATOR = '*';

function toIndicator(r: {
  indicator_key: string;
  name: string;
  algorithm: string;
  control: unknown;
  frequency: string;
  window_periods: number;
  ledger_type: string;
  created_at: Date | string;
  updated_at: Date | string;
  disabled_at: Date | string | null;
}): SignalIndicator {
  return {
    key: r.indicator_key,
    name: r.name,
    algorithm: r.algorithm,
    control: readJson(r.control),
    frequency: r.frequency as SignalFrequency,
    windowPeriods: r.window_periods,
    ledgerType: r.ledger_type,
    createdAt: readInstant(r.created_at),
    updatedAt: readInstant(r.updated_at),
    disabledAt: readInstantOrNull(r.disabled_at),
  };
}

/** Indicators and the responsible units of regions, per tenant. */
export class SignalIndicatorRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Saves an indicator: inserts it, or replaces the configuration of the one with the same key (its
   * creation time stays). Returns whether it existed.
   * @throws StoreError `reference_not_found` (unknown tenant), `invalid_input`.
   */
  async save(tenantId: TenantId, indicator: NewSignalIndicator, at: Instant): Promise<{ replaced: boolean }> {
    const when = writeInstant(at);
    const values = {
      name: indicator.name,
      algorithm: indicator.algorithm,
      control: JSON.stringify(indicator.control ?? {}),
      frequency: indicator.frequency,
      window_periods: indicator.windowPeriods,
      ledger_type: indicator.ledgerType,
      updated_at: when,
    };
    return mappingWriteErrors(`indicator ${indicator.key}`, async () => {
      const updated = await this.db.updateTable('signal_indicators').set(values).where('tenant_id', '=', tenantId).where('indicator_key', '=', indicator.key).executeTakeFirst();
      if (Number(updated.numUpdatedRows) > 0) return { replaced: true };
      await this.db
        .insertInto('signal_indicators')
        .values({ tenant_id: tenantId, indicator_key: indicator.key, created_at: when, ...values })
        .execute();
      return { replaced: false };
    });
  }

  async get(tenantId: TenantId, key: string): Promise<SignalIndicator | undefined> {
    const r = await this.db.selectFrom('signal_indicators').selectAll().where('tenant_id', '=', tenantId).where('indicator_key', '=', key).executeTakeFirst();
    return r ? toIndicator(r) : undefined;
  }

  /** Every indicator of the tenant, by key. */
  async list(tenantId: TenantId): Promise<SignalIndicator[]> {
    const rows = await this.db.selectFrom('signal_indicators').selectAll().where('tenant_id', '=', tenantId).orderBy('indicator_key').execute();
    return rows.map(toIndicator);
  }

  /**
   * Switches an indicator off (at an instant) or on again (null); its configuration, counts and detections
   * stay. Returns whether an indicator of that key exists.
   */
  async setDisabled(tenantId: TenantId, key: string, disabledAt: Instant | null, at: Instant): Promise<boolean> {
    const r = await this.db
      .updateTable('signal_indicators')
      .set({ disabled_at: disabledAt === null ? null : writeInstant(disabledAt), updated_at: writeInstant(at) })
      .where('tenant_id', '=', tenantId)
      .where('indicator_key', '=', key)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /**
   * Names the unit that answers for a region's alarms (of one indicator, or of all with ANY_INDICATOR).
   * @throws StoreError `reference_not_found` for an unknown unit.
   */
  async setResponsible(tenantId: TenantId, r: SignalResponsible, at: Instant): Promise<void> {
    const when = writeInstant(at);
    await mappingWriteErrors(`responsible unit of ${r.regionUnitId}`, () =>
      this.db
        .insertInto('signal_responsibles')
        .values({ tenant_id: tenantId, region_unit_id: r.regionUnitId, indicator_key: r.indicatorKey, unit_id: r.unitId, updated_at: when })
        .onConflict((oc) => oc.columns(['tenant_id', 'region_unit_id', 'indicator_key']).doUpdateSet({ unit_id: r.unitId, updated_at: when }))
        .execute(),
    );
  }

  async listResponsibles(tenantId: TenantId): Promise<SignalResponsible[]> {
    const rows = await this.db
      .selectFrom('signal_responsibles')
      .select(['region_unit_id', 'indicator_key', 'unit_id'])
      .where('tenant_id', '=', tenantId)
      .orderBy('region_unit_id')
      .orderBy('indicator_key')
      .execute();
    return rows.map((r) => ({ regionUnitId: r.region_unit_id, indicatorKey: r.indicator_key, unitId: r.unit_id }));
  }
}
