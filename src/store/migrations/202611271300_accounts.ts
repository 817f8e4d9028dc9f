// FROZEN: never edit after release; change the schema in a new migration. Imports only kysely and v1 helpers.
import { sql, type Kysely } from 'kysely';
import { columnTypes, finishTable } from './v1-columns.js';

/**
 * Accounts and integrations: login sessions, lockouts after failed logins, API tokens, TOTP second factors,
 * webhooks and their delivery outbox. Secrets are stored as hashes (session and token ids) or sealed under
 * the master key (TOTP and webhook secrets, which the server must read back to use).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .createTable('sessions')
    .addColumn('tenant_id', t.text, (c) => c.notNull())
    // Digest of the cookie's token: a copy of the table does not let anyone log in.
    .addColumn('session_id', t.text, (c) => c.notNull())
    .addColumn('user_id', t.text, (c) => c.notNull())
    .addColumn('csrf_token', t.text, (c) => c.notNull())
    .addColumn('second_factor', t.text, (c) => c.notNull().check(sql`second_factor in ('none', 'totp')`))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('last_seen_at', t.instant, (c) => c.notNull())
    .addColumn('expires_at', t.instant, (c) => c.notNull())
    .addColumn('revoked_at', t.instant)
    .addColumn('client', t.text)
    .addPrimaryKeyConstraint('sessions_pk', ['session_id'])
    .addForeignKeyConstraint('sessions_user_fk', ['tenant_id', 'user_id'], 'users', ['tenant_id', 'user_id'])
    .$call((b) => finishTable(db, b, { instants: ['created_at', 'last_seen_at', 'expires_at', 'revoked_at'] }))
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').columns(['tenant_id', 'user_id']).execute();

  // Keyed by the name typed, whether or not such a user exists, so a lockout never tells which names are real.
  await db.schema
    .createTable('login_failures')
    .addColumn('tenant_id', t.text, (c) => c.notNull())
    .addColumn('username', t.text, (c) => c.notNull())
    .addColumn('failures', t.int, (c) => c.notNull().check(sql`failures >= 0`))
    .addColumn('first_failure_at', t.instant, (c) => c.notNull())
    .addColumn('locked_until', t.instant)
    .addPrimaryKeyConstraint('login_failures_pk', ['tenant_id', 'username'])
    .$call((b) => finishTable(db, b, { instants: ['first_failure_at', 'locked_until'] }))
    .execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('tenant_id', t.text, (c) => c.notNull())
    .addColumn('token_id', t.text, (c) => c.notNull())
    .addColumn('token_hash', t.text, (c) => c.notNull())
    .addColumn('user_id', t.text, (c) => c.notNull())
    .addColumn('name', t.text, (c) => c.notNull().check(sql`length(name) between 1 and 200`))
    .addColumn('unit_id', t.text, (c) => c.notNull())
    /** JSON array of the scopes granted (e.g. `items:read`, `AcceptItem`). */
    .addColumn('scopes', t.text, (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('expires_at', t.instant)
    .addColumn('last_used_at', t.instant)
    .addColumn('revoked_at', t.instant)
    .addPrimaryKeyConstraint('api_tokens_pk', ['tenant_id', 'token_id'])
    .addUniqueConstraint('api_tokens_hash_unique', ['token_hash'])
    .addForeignKeyConstraint('api_tokens_user_fk', ['tenant_id', 'user_id'], 'users', ['tenant_id', 'user_id'])
    .addForeignKeyConstraint('api_tokens_unit_fk', ['tenant_id', 'unit_id'], 'units', ['tenant_id', 'unit_id'])
    .$call((b) => finishTable(db, b, { instants: ['created_at', 'expires_at', 'last_used_at', 'revoked_at'] }))
    .execute();
  await db.schema.createIndex('api_tokens_user_idx').on('api_tokens').columns(['tenant_id', 'user_id']).execute();

  await db.schema
    .createTable('user_totp')
    .addColumn('tenant_id', t.text, (c) => c.notNull())
    .addColumn('user_id', t.text, (c) => c.notNull())
    .addColumn('sealed_secret', t.text, (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('confirmed_at', t.instant)
    /** The last time step accepted: a code is never accepted twice. */
    .addColumn('last_step', t.bigint)
    .addPrimaryKeyConstraint('user_totp_pk', ['tenant_id', 'user_id'])
    .addForeignKeyConstraint('user_totp_user_fk', ['tenant_id', 'user_id'], 'users', ['tenant_id', 'user_id'])
    .$call((b) => finishTable(db, b, { instants: ['created_at', 'confirmed_at'] }))
    .execute();

  await db.schema
    .createTable('webhooks')
    .addColumn('tenant_id', t.text, (c) => c.notNull())
    .addColumn('webhook_id', t.text, (c) => c.notNull())
    .addColumn('url', t.text, (c) => c.notNull().check(sql`length(url) between 8 and 2000`))
    .addColumn('sealed_secret', t.text, (c) => c.notNull())
    .addColumn('unit_id', t.text, (c) => c.notNull())
    .addColumn('ledger_type', t.text)
    .addColumn('created_by', t.text, (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('disabled_at', t.instant)
    .addPrimaryKeyConstraint('webhooks_pk', ['tenant_id', 'webhook_id'])
    .addForeignKeyConstraint('webhooks_unit_fk', ['tenant_id', 'unit_id'], 'units', ['tenant_id', 'unit_id'])
    .$call((b) => finishTable(db, b, { instants: ['created_at', 'disabled_at'] }))
    .execute();

  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('tenant_id', t.text, (c) => c.notNull())
    .addColumn('delivery_id', t.text, (c) => c.notNull())
    .addColumn('webhook_id', t.text, (c) => c.notNull())
    .addColumn('event_seq', t.bigint, (c) => c.notNull())
    .addColumn('event_type', t.text, (c) => c.notNull())
    .addColumn('item_id', t.text)
    .addColumn('payload', t.text, (c) => c.notNull())
    .addColumn('status', t.text, (c) => c.notNull().check(sql`status in ('pending', 'delivered', 'failed')`))
    .addColumn('attempts', t.int, (c) => c.notNull().check(sql`attempts >= 0`))
    .addColumn('next_attempt_at', t.instant, (c) => c.notNull())
    /** A dispatcher's claim: others skip the row until then, so several nodes never send it twice at once. */
    .addColumn('claimed_until', t.instant)
    .addColumn('last_status', t.int)
    .addColumn('last_error', t.text)
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('delivered_at', t.instant)
    .addPrimaryKeyConstraint('webhook_deliveries_pk', ['tenant_id', 'delivery_id'])
    .addUniqueConstraint('webhook_deliveries_event_unique', ['tenant_id', 'webhook_id', 'event_seq'])
    .addForeignKeyConstraint('webhook_deliveries_hook_fk', ['tenant_id', 'webhook_id'], 'webhooks', ['tenant_id', 'webhook_id'])
    .$call((b) => finishTable(db, b, { instants: ['next_attempt_at', 'claimed_until', 'created_at', 'delivered_at'] }))
    .execute();
  await db.schema.createIndex('webhook_deliveries_due_idx').on('webhook_deliveries').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('webhook_deliveries_hook_idx').on('webhook_deliveries').columns(['tenant_id', 'webhook_id', 'event_seq']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['webhook_deliveries', 'webhooks', 'user_totp', 'api_tokens', 'login_failures', 'sessions']) await db.schema.dropTable(table).execute();
}
