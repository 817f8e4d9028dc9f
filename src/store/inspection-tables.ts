import type { BigIntColumn, DateColumn, InstantColumn, JsonColumn } from './database.js';

/* Row types of the inspection tables (migration 202612080200_inspections). */

export interface InspectionPlansTable {
  tenant_id: string;
  plan_id: string;
  title: string;
  unit_id: string;
  cadence: string;
  checklist: JsonColumn;
  places: JsonColumn;
  starts_on: string;
  ends_on: DateColumn;
  created_by: string;
  created_at: InstantColumn;
}

export interface InspectionPhotosTable {
  tenant_id: string;
  photo_id: string;
  plan_id: string;
  round_id: string;
  file_name: string;
  media_type: string;
  size_bytes: BigIntColumn;
  digest: string;
  storage_key: string;
  uploaded_by: string;
  uploaded_at: InstantColumn;
}

export interface InspectionRoundsTable {
  tenant_id: string;
  round_id: string;
  plan_id: string;
  place_no: number;
  period: string;
  due_on: string;
  unit_id: string;
  results: JsonColumn;
  failed: number;
  hazard_item_ids: JsonColumn;
  recorded_by: string;
  recorded_at: InstantColumn;
  recorded_on: string;
}

export interface InspectionTables {
  inspection_plans: InspectionPlansTable;
  inspection_photos: InspectionPhotosTable;
  inspection_rounds: InspectionRoundsTable;
}
