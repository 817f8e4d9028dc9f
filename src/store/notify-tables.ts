import type { BigIntColumn, DateColumn, InstantColumn, NullableInstantColumn } from './database.js';

/* Row types of the notification tables (migration 202612071600_notifications). */

export interface NotifySettingsTable {
  tenant_id: string;
  /** JSON: the tenant's rule overrides (domain/notify/rules.ts RuleOverride[]). */
  rules: string;
  digest_at: string;
  updated_at: InstantColumn;
}

export interface NotifyChannelsTable {
  tenant_id: string;
  channel_id: string;
  kind: string;
  unit_id: string | null;
  url: string;
  /** JSON of the settings that are not secret (agent id, sign name, template, region). */
  settings: string;
  /** The secrets (keys, robot signing secret), sealed with the master key like webhook secrets. */
  sealed_secret: string | null;
  created_by: string;
  created_at: InstantColumn;
  disabled_at: NullableInstantColumn;
}

export interface NotifyContactsTable {
  tenant_id: string;
  user_id: string;
  kind: string;
  sealed_value: string;
  updated_at: InstantColumn;
}

export interface NotifyPreferencesTable {
  tenant_id: string;
  user_id: string;
  prefs: string;
  updated_at: InstantColumn;
}

export interface NotificationsTable {
  tenant_id: string;
  notification_id: string;
  user_id: string;
  dedupe_key: string;
  event_seq: BigIntColumn | null;
  item_id: string | null;
  rule_key: string;
  urgency: string;
  subject: string;
  created_at: InstantColumn;
  read_at: NullableInstantColumn;
}

export interface NotifyDeliveriesTable {
  tenant_id: string;
  delivery_id: string;
  dedupe_key: string;
  channel_kind: string;
  channel_id: string | null;
  recipient_kind: string;
  recipient_id: string;
  event_seq: BigIntColumn | null;
  item_id: string | null;
  urgency: string;
  message: string;
  status: string;
  attempts: number;
  next_attempt_at: InstantColumn;
  claimed_until: NullableInstantColumn;
  last_error: string | null;
  created_at: InstantColumn;
  sent_at: NullableInstantColumn;
}

export interface NotifyCursorsTable {
  tenant_id: string;
  last_seq: BigIntColumn;
  updated_at: InstantColumn;
}

export interface NotifyDigestsTable {
  tenant_id: string;
  user_id: string;
  kind: string;
  day: DateColumn;
  node: string;
  created_at: InstantColumn;
}

export interface NotifyTables {
  notify_settings: NotifySettingsTable;
  notify_channels: NotifyChannelsTable;
  notify_contacts: NotifyContactsTable;
  notify_preferences: NotifyPreferencesTable;
  notifications: NotificationsTable;
  notify_deliveries: NotifyDeliveriesTable;
  notify_cursors: NotifyCursorsTable;
  notify_digests: NotifyDigestsTable;
}
