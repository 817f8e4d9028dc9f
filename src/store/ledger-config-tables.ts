import type { InstantColumn, JsonColumn } from './database.js';

/* Row type of the ledger configuration table (migration 202611271700_ledger_configs). */

export interface LedgerConfigsTable {
  tenant_id: string;
  /** jsonb on PostgreSQL (read parsed), TEXT on SQLite. */
  config: JsonColumn;
  version: number;
  updated_at: InstantColumn;
  updated_by: string | null;
}

export interface LedgerConfigTables {
  ledger_configs: LedgerConfigsTable;
}
