import type { Kysely } from 'kysely';
import type { InspectionCadence, InspectionPlan, ChecklistLine, InspectionPlace } from '../domain/inspection/index.js';
import type { Instant, LocalDate, TenantId, UnitId, UserId } from '../domain/ids.js';
import { readInstant, readInt, readJson, writeInstant, writeLocalDate, writeLocalDateOrNull } from './convert.js';
import type { Database } from './database.js';
import { mappingWriteErrors } from './db-errors.js';
import type { InspectionPlansTable } from './inspection-tables.js';
import type { Selectable } from 'kysely';

/** A plan as stored, with who made it. */
export interface StoredInspectionPlan extends InspectionPlan {
  readonly createdBy: UserId;
  readonly createdAt: Instant;
}

/** A photo taken on a round, stored like evidence (content-addressed bytes under `storageKey`). */
export interface InspectionPhoto {
  readonly id: string;
  readonly planId: string;
  readonly roundId: string;
  readonly fileName: string;
  readonly mediaType: string;
  readonly sizeBytes: number;
  readonly digest: string;
  readonly storageKey: string;
  readonly uploadedBy: UserId;
  readonly uploadedAt: Instant;
}

/** A recorded round: its results as validated by the domain, and the hazard items its failed lines opened. */
export interface RecordedRound {
  readonly roundId: string;
  readonly planId: string;
  readonly placeNo: number;
  readonly period: LocalDate;
  readonly dueOn: LocalDate;
  readonly unitId: UnitId;
  readonly results: unknown;
  readonly failed: number;
  readonly hazardItemIds: readonly string[];
  readonly recordedBy: UserId;
  readonly recordedAt: Instant;
  readonly recordedOn: LocalDate;
}

const toPlan = (r: Selectable<InspectionPlansTable>): StoredInspectionPlan => ({
  id: r.plan_id,
  title: r.title,
  unitId: r.unit_id,
  cadence: r.cadence as InspectionCadence,
  checklist: readJson(r.checklist) as ChecklistLine[],
  places: readJson(r.places) as InspectionPlace[],
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  createdBy: r.created_by,
  createdAt: readInstant(r.created_at),
});

/** Inspection plans, the photos of their rounds, and the rounds recorded. */
export class InspectionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** @throws StoreError `already_exists`, `reference_not_found` (tenant or unit), `invalid_input`. */
  async insertPlan(tenantId: TenantId, plan: StoredInspectionPlan): Promise<void> {
    await mappingWriteErrors(`inspection plan ${plan.id}`, () =>
      this.db
        .insertInto('inspection_plans')
        .values({
          tenant_id: tenantId,
          plan_id: plan.id,
          title: plan.title,
          unit_id: plan.unitId,
          cadence: plan.cadence,
          checklist: JSON.stringify(plan.checklist),
          places: JSON.stringify(plan.places),
          starts_on: writeLocalDate(plan.startsOn, 'startsOn'),
          ends_on: writeLocalDateOrNull(plan.endsOn, 'endsOn'),
          created_by: plan.createdBy,
          created_at: writeInstant(plan.createdAt, 'createdAt'),
        })
        .execute(),
    );
  }

  async getPlan(tenantId: TenantId, planId: string): Promise<StoredInspectionPlan | undefined> {
    const r = await this.db.selectFrom('inspection_plans').selectAll().where('tenant_id', '=', tenantId).where('plan_id', '=', planId).executeTakeFirst();
    return r && toPlan(r);
  }

  /** The plans of these inspecting units (all of the tenant's when `unitIds` is null), oldest first. */
  async listPlans(tenantId: TenantId, unitIds: readonly UnitId[] | null): Promise<StoredInspectionPlan[]> {
    if (unitIds !== null && unitIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('inspection_plans')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .$if(unitIds !== null, (q) => q.where('unit_id', 'in', unitIds!))
      .orderBy('created_at')
      .orderBy('plan_id')
      .execute();
    return rows.map(toPlan);
  }

  /** @throws StoreError `already_exists`, `reference_not_found` (plan), `invalid_input`. */
  async insertPhoto(tenantId: TenantId, p: InspectionPhoto): Promise<void> {
    await mappingWriteErrors(`inspection photo ${p.fileName}`, () =>
      this.db
        .insertInto('inspection_photos')
        .values({
          tenant_id: tenantId,
          photo_id: p.id,
          plan_id: p.planId,
          round_id: p.roundId,
          file_name: p.fileName,
          media_type: p.mediaType,
          size_bytes: p.sizeBytes,
          digest: p.digest,
          storage_key: p.storageKey,
          uploaded_by: p.uploadedBy,
          uploaded_at: writeInstant(p.uploadedAt, 'uploadedAt'),
        })
        .execute(),
    );
  }

  /** The photos uploaded for a round, oldest first. */
  async listPhotos(tenantId: TenantId, roundId: string): Promise<InspectionPhoto[]> {
    const rows = await this.db
      .selectFrom('inspection_photos')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('round_id', '=', roundId)
      .orderBy('uploaded_at')
      .orderBy('photo_id')
      .execute();
    return rows.map((r) => ({
      id: r.photo_id,
      planId: r.plan_id,
      roundId: r.round_id,
      fileName: r.file_name,
      mediaType: r.media_type,
      sizeBytes: readInt(r.size_bytes),
      digest: r.digest,
      storageKey: r.storage_key,
      uploadedBy: r.uploaded_by,
      uploadedAt: readInstant(r.uploaded_at),
    }));
  }

  /**
   * Records a round. The primary key refuses a second record of the same round.
   * @throws StoreError `already_exists` (recorded before, or by a concurrent transaction), `reference_not_found`.
   */
  async insertRound(tenantId: TenantId, r: RecordedRound): Promise<void> {
    await mappingWriteErrors(`inspection round ${r.roundId}`, () =>
      this.db
        .insertInto('inspection_rounds')
        .values({
          tenant_id: tenantId,
          round_id: r.roundId,
          plan_id: r.planId,
          place_no: r.placeNo,
          period: writeLocalDate(r.period, 'period'),
          due_on: writeLocalDate(r.dueOn, 'dueOn'),
          unit_id: r.unitId,
          results: JSON.stringify(r.results),
          failed: r.failed,
          hazard_item_ids: JSON.stringify(r.hazardItemIds),
          recorded_by: r.recordedBy,
          recorded_at: writeInstant(r.recordedAt, 'recordedAt'),
          recorded_on: writeLocalDate(r.recordedOn, 'recordedOn'),
        })
        .execute(),
    );
  }

  /** Sets the hazard items a round's failed lines opened (written after the items, in the same transaction). */
  async setRoundHazards(tenantId: TenantId, roundId: string, itemIds: readonly string[]): Promise<void> {
    await this.db
      .updateTable('inspection_rounds')
      .set({ hazard_item_ids: JSON.stringify(itemIds) })
      .where('tenant_id', '=', tenantId)
      .where('round_id', '=', roundId)
      .execute();
  }

  async getRound(tenantId: TenantId, roundId: string): Promise<RecordedRound | undefined> {
    const r = await this.db.selectFrom('inspection_rounds').selectAll().where('tenant_id', '=', tenantId).where('round_id', '=', roundId).executeTakeFirst();
    return r && toRound(r);
  }

  /** Every round the tenant recorded, for verify to hold each to its event. */
  async listAllRounds(tenantId: TenantId): Promise<RecordedRound[]> {
    const rows = await this.db.selectFrom('inspection_rounds').selectAll().where('tenant_id', '=', tenantId).orderBy('round_id').execute();
    return rows.map(toRound);
  }

  /** The rounds recorded for these plans whose due day lies in [from, to]. */
  async listRounds(tenantId: TenantId, planIds: readonly string[], from: LocalDate, to: LocalDate): Promise<RecordedRound[]> {
    if (planIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('inspection_rounds')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('plan_id', 'in', planIds)
      .where('due_on', '>=', from)
      .where('due_on', '<=', to)
      .orderBy('due_on')
      .orderBy('round_id')
      .execute();
    return rows.map(toRound);
  }
}

function toRound(r: Selectable<Database['inspection_rounds']>): RecordedRound {
  return {
    roundId: r.round_id,
    planId: r.plan_id,
    placeNo: readInt(r.place_no),
    period: r.period,
    dueOn: r.due_on,
    unitId: r.unit_id,
    results: readJson(r.results),
    failed: readInt(r.failed),
    hazardItemIds: readJson(r.hazard_item_ids) as string[],
    recordedBy: r.recorded_by,
    recordedAt: readInstant(r.recorded_at),
    recordedOn: r.recorded_on,
  };
}
