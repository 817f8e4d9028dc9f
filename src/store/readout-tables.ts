import type { InstantColumn, JsonColumn } from './database.js';

/* Row types of the readout tables (migration 202611271500_readouts). */

export interface ReadoutDraftsTable {
  tenant_id: string;
  draft_id: string;
  document_id: string;
  status: string;
  data: JsonColumn;
  created_by: string;
  created_at: InstantColumn;
  updated_at: InstantColumn;
  version: number;
}

export interface ReadoutTables {
  readout_drafts: ReadoutDraftsTable;
}
