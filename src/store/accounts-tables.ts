import type { ColumnType } from 'kysely';
import type { BigIntColumn, InstantColumn, NullableInstantColumn } from './database.js';

/* Row types of the account and integration tables (migration 202611271300_accounts). */

export interface SessionsTable {
  tenant_id: string;
  session_id: string;
  user_id: string;
  csrf_token: string;
  second_factor: string;
  created_at: InstantColumn;
  last_seen_at: InstantColumn;
  expires_at: InstantColumn;
  revoked_at: NullableInstantColumn;
  client: string | null;
}

export interface LoginFailuresTable {
  tenant_id: string;
  username: string;
  failures: number;
  first_failure_at: InstantColumn;
  locked_until: NullableInstantColumn;
}

export interface ApiTokensTable {
  tenant_id: string;
  token_id: string;
  token_hash: string;
  user_id: string;
  name: string;
  unit_id: string;
  scopes: string;
  created_at: InstantColumn;
  expires_at: NullableInstantColumn;
  last_used_at: NullableInstantColumn;
  revoked_at: NullableInstantColumn;
}

export interface UserTotpTable {
  tenant_id: string;
  user_id: string;
  sealed_secret: string;
  created_at: InstantColumn;
  confirmed_at: NullableInstantColumn;
  last_step: ColumnType<string | number | null, number | null, number | null>;
}

export interface WebhooksTable {
  tenant_id: string;
  webhook_id: string;
  url: string;
  sealed_secret: string;
  unit_id: string;
  ledger_type: string | null;
  created_by: string;
  created_at: InstantColumn;
  disabled_at: NullableInstantColumn;
}

export interface WebhookDeliveriesTable {
  tenant_id: string;
  delivery_id: string;
  webhook_id: string;
  event_seq: BigIntColumn;
  event_type: string;
  item_id: string | null;
  payload: string;
  status: string;
  attempts: number;
  next_attempt_at: InstantColumn;
  claimed_until: NullableInstantColumn;
  last_status: number | null;
  last_error: string | null;
  created_at: InstantColumn;
  delivered_at: NullableInstantColumn;
}

export interface AccountTables {
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
  api_tokens: ApiTokensTable;
  user_totp: UserTotpTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
}
