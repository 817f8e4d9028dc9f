import type { AccountRequestTables } from './account-request.repository.js';
import type { ColumnType } from 'kysely';
import type { AccountTables } from './accounts-tables.js';
import type { SignalTables } from './signal-tables.js';
import type { ReadoutTables } from './readout-tables.js';
import type { JobRunTables } from './job-run-tables.js';
import type { LedgerConfigTables } from './ledger-config-tables.js';
import type { NotifyTables } from './notify-tables.js';
import type { OfficialDocumentTables } from './official-document-tables.js';
import type { HolidayNoticeTables } from './holiday-notice-tables.js';
import type { InspectionTables } from './inspection-tables.js';

/*
 * Row types of the tables as Kysely sees them. Select types are what the drivers return at run time
 * (see convert.ts for the conversions): pg returns bigint as a string, timestamptz as a Date and jsonb parsed;
 * better-sqlite3 returns numbers and strings.
 */

/** timestamptz on PostgreSQL, ISO TEXT on SQLite; written as the ISO string. */
export type InstantColumn = ColumnType<Date | string, string, string>;
export type NullableInstantColumn = ColumnType<Date | string | null, string | null, string | null>;
/** date on PostgreSQL (read raw), TEXT on SQLite: `YYYY-MM-DD`. */
export type DateColumn = ColumnType<string | null, string | null, string | null>;
/** bigint on PostgreSQL (read as string), INTEGER on SQLite. */
export type BigIntColumn = ColumnType<string | number, number, number>;
/** jsonb on PostgreSQL (read parsed), TEXT on SQLite; written as JSON text. */
export type JsonColumn = ColumnType<unknown, string, string>;

export interface TenantsTable {
  tenant_id: string;
  name: string;
  time_zone: string;
  created_at: InstantColumn;
  /** 'required' | 'when_enrolled' (migration 202612090100_signing_policy). */
  signing_policy: ColumnType<string, string | undefined, string>;
}

export interface UnitsTable {
  tenant_id: string;
  unit_id: string;
  parent_id: string | null;
  name: string;
  kind: string;
  code: string | null;
  sort_order: number;
  created_at: InstantColumn;
}

export interface UsersTable {
  tenant_id: string;
  user_id: string;
  username: string;
  display_name: string;
  unit_id: string;
  password_hash: string | null;
  created_at: InstantColumn;
  disabled_at: NullableInstantColumn;
  /** Set when the password is a one-time reset password its owner must replace at login. */
  password_reset_at: NullableInstantColumn;
}

export interface UserRolesTable {
  tenant_id: string;
  user_id: string;
  role: string;
}

export interface ItemsTable {
  tenant_id: string;
  item_id: string;
  ledger_type: string;
  number: string;
  title: string;
  status: string;
  stage_index: number | null;
  priority: string;
  owner_unit_id: string;
  lead_unit_id: string | null;
  parent_id: string | null;
  original_deadline: DateColumn;
  current_deadline: DateColumn;
  progress: number;
  version: number;
  created_at: InstantColumn;
  updated_at: InstantColumn;
  closed_at: NullableInstantColumn;
  data: JsonColumn;
}

export interface ItemCoUnitsTable {
  tenant_id: string;
  item_id: string;
  unit_id: string;
}

export interface NumberSequencesTable {
  tenant_id: string;
  ledger_type: string;
  year: number;
  last_value: number;
}

export interface DocumentsTable {
  tenant_id: string;
  document_id: string;
  title: string;
  file_name: string | null;
  media_type: string;
  text: string;
  digest: string;
  created_by: string | null;
  created_at: InstantColumn;
}

export interface EvidenceTable {
  tenant_id: string;
  evidence_id: string;
  item_id: string;
  file_name: string;
  media_type: string;
  size_bytes: BigIntColumn;
  digest: string;
  storage_key: string;
  uploaded_by: string;
  uploaded_at: InstantColumn;
}

export interface EventsTable {
  tenant_id: string;
  seq: BigIntColumn;
  item_id: string | null;
  type: string;
  actor_user_id: string | null;
  actor_unit_id: string | null;
  at: InstantColumn;
  /** Canonical JSON text (RFC 8785): the chain covers these exact bytes. */
  payload: string;
  prev_hash: string;
  hash: string;
}

export interface ChainHeadsTable {
  tenant_id: string;
  algorithm: string;
  head_seq: BigIntColumn;
  head_hash: string;
  updated_at: InstantColumn;
}

export interface CaseKeysTable {
  tenant_id: string;
  case_id: string;
  /** The case key sealed under the master key; NULL once destroyed. */
  wrapped_key: string | null;
  algorithm: string;
  created_at: InstantColumn;
  retain_until: DateColumn;
  destroyed_at: NullableInstantColumn;
}

export interface Database
  extends
    AccountTables,
    AccountRequestTables,
    SignalTables,
    ReadoutTables,
    JobRunTables,
    LedgerConfigTables,
    NotifyTables,
    OfficialDocumentTables,
    HolidayNoticeTables,
    InspectionTables {
  tenants: TenantsTable;
  units: UnitsTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  items: ItemsTable;
  item_co_units: ItemCoUnitsTable;
  number_sequences: NumberSequencesTable;
  documents: DocumentsTable;
  evidence: EvidenceTable;
  events: EventsTable;
  chain_heads: ChainHeadsTable;
  case_keys: CaseKeysTable;
}
