import type { Kysely } from 'kysely';
import type { Instant, LocalDate, TenantId, UnitId } from '../domain/ids.js';
import { writeInstant, writeLocalDate } from './convert.js';
import type { Database } from './database.js';
import { mappingWriteErrors } from './db-errors.js';

/** One aggregate count: how many of an indicator a region had in a period (null: reported missing, NA). */
export interface SignalCount {
  readonly indicatorKey: string;
  readonly regionUnitId: UnitId;
  /** YYYY-MM-DD for a day, YYYY-Www for an ISO week. */
  readonly period: string;
  /** First day of the period (the Monday of a week). */
  readonly periodStart: LocalDate;
  readonly count: number | null;
}

/** A series: the counts of one indicator in one region. */
export interface SeriesRef {
  readonly indicatorKey: string;
  readonly regionUnitId: UnitId;
}

const CHUNK = 2000;

type CountRow = { indicator_key: string; region_unit_id: string; period: string; period_start: string | null; count: number | string | null };

const toCount = (r: CountRow): SignalCount => ({
  indicatorKey: r.indicator_key,
  regionUnitId: r.region_unit_id,
  period: r.period,
  periodStart: r.period_start ?? '',
  count: r.count === null ? null : Number(r.count),
});

/** Count series. Writes are upserts keyed by (tenant, indicator, region, period), so a re-sent file changes nothing. */
export class SignalCountRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Inserts counts, or replaces the count of a period already stored.
   * @throws StoreError `reference_not_found` (unknown indicator or unit), `invalid_input` (negative count, bad date).
   */
  async upsertMany(tenantId: TenantId, counts: readonly SignalCount[], at: Instant): Promise<void> {
    const when = writeInstant(at);
    const rows = counts.map((c) => ({
      tenant_id: tenantId,
      indicator_key: c.indicatorKey,
      region_unit_id: c.regionUnitId,
      period: c.period,
      period_start: writeLocalDate(c.periodStart, 'periodStart'),
      count: c.count,
      updated_at: when,
    }));
    await mappingWriteErrors('count', async () => {
      for (let i = 0; i < rows.length; i += CHUNK) {
        await this.db
          .insertInto('signal_counts')
          .values(rows.slice(i, i + CHUNK))
          .onConflict((oc) =>
            oc.columns(['tenant_id', 'indicator_key', 'region_unit_id', 'period']).doUpdateSet((eb) => ({
              count: eb.ref('excluded.count'),
              updated_at: eb.ref('excluded.updated_at'),
            })),
          )
          .execute();
      }
    });
  }

  /** The stored counts of the given series between two period starts (inclusive), for comparing a file with them. */
  async listBetween(tenantId: TenantId, indicatorKeys: readonly string[], from: LocalDate, to: LocalDate): Promise<SignalCount[]> {
    if (indicatorKeys.length === 0) return [];
    const rows = await this.db
      .selectFrom('signal_counts')
      .select(['indicator_key', 'region_unit_id', 'period', 'period_start', 'count'])
      .where('tenant_id', '=', tenantId)
      .where('indicator_key', 'in', [...indicatorKeys])
      .where('period_start', '>=', from)
      .where('period_start', '<=', to)
      .execute();
    return rows.map(toCount);
  }

  /** Every count of an indicator up to a period start (inclusive), by region then period. */
  async listByIndicator(tenantId: TenantId, indicatorKey: string, upTo: LocalDate): Promise<SignalCount[]> {
    const rows = await this.db
      .selectFrom('signal_counts')
      .select(['indicator_key', 'region_unit_id', 'period', 'period_start', 'count'])
      .where('tenant_id', '=', tenantId)
      .where('indicator_key', '=', indicatorKey)
      .where('period_start', '<=', upTo)
      .orderBy('region_unit_id')
      .orderBy('period_start')
      .execute();
    return rows.map(toCount);
  }

  /** One series, oldest period first. */
  async listSeries(tenantId: TenantId, series: SeriesRef): Promise<SignalCount[]> {
    const rows = await this.db
      .selectFrom('signal_counts')
      .select(['indicator_key', 'region_unit_id', 'period', 'period_start', 'count'])
      .where('tenant_id', '=', tenantId)
      .where('indicator_key', '=', series.indicatorKey)
      .where('region_unit_id', '=', series.regionUnitId)
      .orderBy('period_start')
      .execute();
    return rows.map(toCount);
  }

  /** The series of the tenant (one per indicator and region that has a count), with their count of periods. */
  async listSeriesRefs(tenantId: TenantId): Promise<(SeriesRef & { periods: number; first: LocalDate; last: LocalDate })[]> {
    const rows = await this.db
      .selectFrom('signal_counts')
      .select((eb) => ['indicator_key', 'region_unit_id', eb.fn.countAll().as('periods'), eb.fn.min('period_start').as('first'), eb.fn.max('period_start').as('last')])
      .where('tenant_id', '=', tenantId)
      .groupBy(['indicator_key', 'region_unit_id'])
      .orderBy('indicator_key')
      .orderBy('region_unit_id')
      .execute();
    return rows.map((r) => ({
      indicatorKey: r.indicator_key,
      regionUnitId: r.region_unit_id,
      periods: Number(r.periods),
      first: String(r.first),
      last: String(r.last),
    }));
  }
}
