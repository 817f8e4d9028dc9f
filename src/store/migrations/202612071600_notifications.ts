// FROZEN: never edit after release; change the schema in a new migration. Imports only kysely and v1 helpers.
import { sql, type Kysely } from 'kysely';
import { columnTypes, finishTable } from './v1-columns.js';

/**
 * Notifications: the tenant's settings and channels, people's contacts (sealed: personal data) and preferences,
 * the in-app notifications, one outbox of deliveries for every outside channel, the cursor of the notifier over
 * the event chain, and the claimed rows that send a digest once per person and day across nodes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('notify_settings')
    .addColumn('tenant_id', t.text, (c) => c.notNull().primaryKey())
    .addColumn('rules', t.text, (c) => c.notNull())
    .addColumn('digest_at', t.text, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .$call((b) => finishTable(db, b, { instants: ['updated_at'] }))
    .execute();

  await db.schema
    .createTable('notify_channels')
    .addColumn('tenant_id', t.text, (c) => c.notNull())
    .addColumn('channel_id', t.text, (c) => c.notNull())
    .addColumn('kind', t.text, (c) => c.notNull())
    .addColumn('unit_id', t.text)
    .addColumn('url', t.text, (c) => c.notNull().check(sql`length(url) between 8 and 2000`))
    .addColumn('settings', t.text, (c) => c.notNull())
    .addColumn('sealed_secret', t.text)
    .addColumn('created_by', t.text, (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('disabled_at', t.instant)
    .addPrimaryKeyConstraint('notify_channels_pk', ['tenant_id', 'channel_id'])
    .addForeignKeyConstraint('notify_channels_unit_fk', ['tenant_id', 'unit_id'], 'units', ['tenant_id', 'unit_id'])
    .$call((b) => finishTable(db, b, { instants: ['created_at', 'disabled_at'] }))
    .execute();

  await db.schema
    .createTable('notify_contacts')
    .addColumn('tenant_id', t.text, (c) => c.notNull())
    .addColumn('user_id', t.text, (c) => c.notNull())
    .addColumn('kind', t.text, (c) => c.notNull().check(sql`kind in ('email', 'phone', 'dingtalk', 'wecom')`))
    .addColumn('sealed_value', t.text, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('notify_contacts_pk', ['tenant_id', 'user_id', 'kind'])
    .addForeignKeyConstraint('notify_contacts_user_fk', ['tenant_id', 'user_id'], 'users', ['tenant_id', 'user_id'])
    .$call((b) => finishTable(db, b, { instants: ['updated_at'] }))
    .execute();

  await db.schema
    .createTable('notify_preferences')
    .addColumn('tenant_id', t.text, (c) => c.notNull())
    .addColumn('user_id', t.text, (c) => c.notNull())
    .addColumn('prefs', t.text, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('notify_preferences_pk', ['tenant_id', 'user_id'])
    .addForeignKeyConstraint('notify_preferences_user_fk', ['tenant_id', 'user_id'], 'users', ['tenant_id', 'user_id'])
    .$call((b) => finishTable(db, b, { instants: ['updated_at'] }))
    .execute();

  await db.schema
    .createTable('notifications')
    .addColumn('tenant_id', t.text, (c) => c.notNull())
    .addColumn('notification_id', t.text, (c) => c.notNull())
    .addColumn('user_id', t.text, (c) => c.notNull())
    .addColumn('dedupe_key', t.text, (c) => c.notNull())
    .addColumn('event_seq', t.bigint)
    .addColumn('item_id', t.text)
    .addColumn('rule_key', t.text, (c) => c.notNull())
    .addColumn('urgency', t.text, (c) => c.notNull().check(sql`urgency in ('urgent', 'normal', 'low')`))
    .addColumn('subject', t.text, (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('read_at', t.instant)
    .addPrimaryKeyConstraint('notifications_pk', ['tenant_id', 'notification_id'])
    .addUniqueConstraint('notifications_dedupe_unique', ['tenant_id', 'user_id', 'dedupe_key'])
    .$call((b) => finishTable(db, b, { instants: ['created_at', 'read_at'] }))
    .execute();
  await db.schema.createIndex('notifications_user_idx').on('notifications').columns(['tenant_id', 'user_id', 'created_at']).execute();

  await db.schema
    .createTable('notify_deliveries')
    .addColumn('tenant_id', t.text, (c) => c.notNull())
    .addColumn('delivery_id', t.text, (c) => c.notNull())
    .addColumn('dedupe_key', t.text, (c) => c.notNull())
    .addColumn('channel_kind', t.text, (c) => c.notNull())
    .addColumn('channel_id', t.text)
    .addColumn('recipient_kind', t.text, (c) => c.notNull().check(sql`recipient_kind in ('user', 'unit')`))
    .addColumn('recipient_id', t.text, (c) => c.notNull())
    .addColumn('event_seq', t.bigint)
    .addColumn('item_id', t.text)
    .addColumn('urgency', t.text, (c) => c.notNull())
    .addColumn('message', t.text, (c) => c.notNull())
    .addColumn('status', t.text, (c) => c.notNull().check(sql`status in ('pending', 'sent', 'failed')`))
    .addColumn('attempts', t.int, (c) => c.notNull().check(sql`attempts >= 0`))
    .addColumn('next_attempt_at', t.instant, (c) => c.notNull())
    .addColumn('claimed_until', t.instant)
    .addColumn('last_error', t.text)
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('sent_at', t.instant)
    .addPrimaryKeyConstraint('notify_deliveries_pk', ['tenant_id', 'delivery_id'])
    .addUniqueConstraint('notify_deliveries_dedupe_unique', ['tenant_id', 'dedupe_key'])
    .$call((b) => finishTable(db, b, { instants: ['next_attempt_at', 'claimed_until', 'created_at', 'sent_at'] }))
    .execute();
  await db.schema.createIndex('notify_deliveries_due_idx').on('notify_deliveries').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('notify_deliveries_sent_idx').on('notify_deliveries').columns(['tenant_id', 'channel_id', 'sent_at']).execute();
  await db.schema.createIndex('notify_deliveries_log_idx').on('notify_deliveries').columns(['tenant_id', 'created_at']).execute();

  await db.schema
    .createTable('notify_cursors')
    .addColumn('tenant_id', t.text, (c) => c.notNull().primaryKey())
    .addColumn('last_seq', t.bigint, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .$call((b) => finishTable(db, b, { instants: ['updated_at'] }))
    .execute();

  await db.schema
    .createTable('notify_digests')
    .addColumn('tenant_id', t.text, (c) => c.notNull())
    .addColumn('user_id', t.text, (c) => c.notNull())
    .addColumn('kind', t.text, (c) => c.notNull().check(sql`kind in ('daily', 'weekly')`))
    .addColumn('day', t.date, (c) => c.notNull())
    .addColumn('node', t.text, (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('notify_digests_pk', ['tenant_id', 'user_id', 'kind', 'day'])
    .$call((b) => finishTable(db, b, { instants: ['created_at'], dates: ['day'] }))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['notify_digests', 'notify_cursors', 'notify_deliveries', 'notifications', 'notify_preferences', 'notify_contacts', 'notify_channels', 'notify_settings']) {
    await db.schema.dropTable(table).execute();
  }
}
