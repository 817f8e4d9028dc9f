import type { DateColumn, InstantColumn, JsonColumn, NullableInstantColumn } from './database.js';

/* Row types of the monitoring-signal tables (migration 202611271400_signals). */

export interface SignalIndicatorsTable {
  tenant_id: string;
  indicator_key: string;
  name: string;
  algorithm: string;
  control: JsonColumn;
  frequency: string;
  window_periods: number;
  ledger_type: string;
  created_at: InstantColumn;
  updated_at: InstantColumn;
  /** When the indicator was switched off (migration 202612100100); null while it is monitored. */
  disabled_at: NullableInstantColumn;
}

export interface SignalResponsiblesTable {
  tenant_id: string;
  region_unit_id: string;
  indicator_key: string;
  unit_id: string;
  updated_at: InstantColumn;
}

export interface SignalCountsTable {
  tenant_id: string;
  indicator_key: string;
  region_unit_id: string;
  period: string;
  period_start: DateColumn;
  count: number | null;
  updated_at: InstantColumn;
}

export interface SignalDetectionsTable {
  tenant_id: string;
  indicator_key: string;
  region_unit_id: string;
  period: string;
  period_start: DateColumn;
  algorithm: string;
  outcome: string;
  observed: number | null;
  threshold: number | null;
  expected: number | null;
  evaluated_at: InstantColumn;
  item_id: string | null;
  unit_id: string | null;
  alarm_at: NullableInstantColumn;
}

export interface SignalTables {
  signal_indicators: SignalIndicatorsTable;
  signal_responsibles: SignalResponsiblesTable;
  signal_counts: SignalCountsTable;
  signal_detections: SignalDetectionsTable;
}
