import type { Kysely } from 'kysely';
import type { Instant, ItemId, LocalDate, TenantId, UnitId } from '../domain/ids.js';
import { readInstant, readInstantOrNull, writeInstant, writeLocalDate } from './convert.js';
import type { Database } from './database.js';
import { mappingWriteErrors } from './db-errors.js';
import type { SeriesRef } from './signal-count.repository.js';

/** What one evaluation of a series' period gave: an alarm, none, or no result (R's NA: missing data). */
export type DetectionOutcome = 'alarm' | 'no_alarm' | 'no_result';

export interface SignalEvaluation extends SeriesRef {
  readonly period: string;
  readonly periodStart: LocalDate;
  readonly algorithm: string;
  readonly outcome: DetectionOutcome;
  /** The count compared with the threshold (for CIDARS on daily data: the block sum). */
  readonly observed: number | null;
  readonly threshold: number | null;
  readonly expected: number | null;
}

/** A stored detection: the latest evaluation of a series' period and, once an alarm opened one, its item. */
export interface SignalDetection extends SignalEvaluation {
  readonly evaluatedAt: Instant;
  readonly itemId: ItemId | null;
  /** The unit the item was assigned to (the region's responsible unit at the time). */
  readonly unitId: UnitId | null;
  readonly alarmAt: Instant | null;
}

export interface DetectionKey extends SeriesRef {
  readonly period: string;
}

type DetectionRow = {
  indicator_key: string;
  region_unit_id: string;
  period: string;
  period_start: string | null;
  algorithm: string;
  outcome: string;
  observed: number | null;
  threshold: number | null;
  expected: number | null;
  evaluated_at: Date | string;
  item_id: string | null;
  unit_id: string | null;
  alarm_at: Date | string | null;
};

const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

const toDetection = (r: DetectionRow): SignalDetection => ({
  indicatorKey: r.indicator_key,
  regionUnitId: r.region_unit_id,
  period: r.period,
  periodStart: r.period_start ?? '',
  algorithm: r.algorithm,
  outcome: r.outcome as DetectionOutcome,
  observed: num(r.observed),
  threshold: num(r.threshold),
  expected: num(r.expected),
  evaluatedAt: readInstant(r.evaluated_at),
  itemId: r.item_id,
  unitId: r.unit_id,
  alarmAt: readInstantOrNull(r.alarm_at),
});

const CHUNK = 300;
const finite = (v: number | null): number | null => (v !== null && Number.isFinite(v) ? v : null);

/** Detections per series and period. The primary key (tenant, indicator, region, period) allows one item each. */
export class SignalDetectionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Records evaluations: inserts them, or refreshes the row of a period evaluated before unless that row
   * already opened an item (an opened alarm keeps the figures it was raised with).
   * @throws StoreError `reference_not_found` (unknown indicator or unit), `invalid_input`.
   */
  async record(tenantId: TenantId, evaluations: readonly SignalEvaluation[], at: Instant): Promise<void> {
    const when = writeInstant(at);
    const rows = evaluations.map((e) => ({
      tenant_id: tenantId,
      indicator_key: e.indicatorKey,
      region_unit_id: e.regionUnitId,
      period: e.period,
      period_start: writeLocalDate(e.periodStart, 'periodStart'),
      algorithm: e.algorithm,
      outcome: e.outcome,
      observed: finite(e.observed),
      threshold: finite(e.threshold),
      expected: finite(e.expected),
      evaluated_at: when,
      item_id: null,
      unit_id: null,
      alarm_at: null,
    }));
    await mappingWriteErrors('detection', async () => {
      for (let i = 0; i < rows.length; i += CHUNK) {
        await this.db
          .insertInto('signal_detections')
          .values(rows.slice(i, i + CHUNK))
          .onConflict((oc) =>
            oc
              .columns(['tenant_id', 'indicator_key', 'region_unit_id', 'period'])
              .doUpdateSet((eb) => ({
                algorithm: eb.ref('excluded.algorithm'),
                outcome: eb.ref('excluded.outcome'),
                observed: eb.ref('excluded.observed'),
                threshold: eb.ref('excluded.threshold'),
                expected: eb.ref('excluded.expected'),
                evaluated_at: eb.ref('excluded.evaluated_at'),
              }))
              .where('signal_detections.item_id', 'is', null),
          )
          .execute();
      }
    });
  }

  /**
   * Links the item an alarm opened to its detection, only if no item is linked yet. Returns false when
   * another run got there first: the caller must then roll back the item it created. On PostgreSQL the
   * second writer waits for the first one's row lock and then sees its item, so two runs never both win.
   * @throws StoreError `reference_not_found` (unknown item or unit).
   */
  async attachItem(tenantId: TenantId, key: DetectionKey, link: { itemId: ItemId; unitId: UnitId; alarmAt: Instant }): Promise<boolean> {
    const r = await mappingWriteErrors(`detection ${key.indicatorKey}/${key.regionUnitId}/${key.period}`, () =>
      this.db
        .updateTable('signal_detections')
        .set({ item_id: link.itemId, unit_id: link.unitId, alarm_at: writeInstant(link.alarmAt, 'alarmAt') })
        .where('tenant_id', '=', tenantId)
        .where('indicator_key', '=', key.indicatorKey)
        .where('region_unit_id', '=', key.regionUnitId)
        .where('period', '=', key.period)
        .where('outcome', '=', 'alarm')
        .where('item_id', 'is', null)
        .executeTakeFirst(),
    );
    return Number(r.numUpdatedRows) === 1;
  }

  async get(tenantId: TenantId, key: DetectionKey): Promise<SignalDetection | undefined> {
    const r = await this.db
      .selectFrom('signal_detections')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('indicator_key', '=', key.indicatorKey)
      .where('region_unit_id', '=', key.regionUnitId)
      .where('period', '=', key.period)
      .executeTakeFirst();
    return r ? toDetection(r) : undefined;
  }

  /** The detections of one series, oldest period first. */
  async listSeries(tenantId: TenantId, series: SeriesRef): Promise<SignalDetection[]> {
    const rows = await this.db
      .selectFrom('signal_detections')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('indicator_key', '=', series.indicatorKey)
      .where('region_unit_id', '=', series.regionUnitId)
      .orderBy('period_start')
      .execute();
    return rows.map(toDetection);
  }

  /** Detections that opened an item, raised in [from, to) when given, oldest first. */
  async listAlarms(tenantId: TenantId, range: { from?: Instant; to?: Instant } = {}): Promise<SignalDetection[]> {
    const rows = await this.db
      .selectFrom('signal_detections')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('item_id', 'is not', null)
      .$if(range.from !== undefined, (q) => q.where('alarm_at', '>=', writeInstant(range.from!, 'from')))
      .$if(range.to !== undefined, (q) => q.where('alarm_at', '<', writeInstant(range.to!, 'to')))
      .orderBy('alarm_at')
      .orderBy('item_id')
      .execute();
    return rows.map(toDetection);
  }
}
