import type { InstantColumn, JsonColumn } from './database.js';

/* Row type of the holiday notice table (migration 202612071300_holiday_notices). */

export interface HolidayNoticesTable {
  tenant_id: string;
  year: number;
  /** jsonb on PostgreSQL (read parsed), TEXT on SQLite: the notice as validated by the domain. */
  notice: JsonColumn;
  loaded_at: InstantColumn;
  loaded_by: string | null;
}

export interface HolidayNoticeTables {
  holiday_notices: HolidayNoticesTable;
}
