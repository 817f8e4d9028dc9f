// FROZEN: never edit after release; change the schema in a new migration. Imports only kysely and v1 helpers.
import { sql, type Kysely } from 'kysely';
import { columnTypes, finishTable, isPostgres } from './v1-columns.js';

/** The append-only event log, the per-tenant chain head, and the per-case keys for personal data. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  const pg = isPostgres(db);

  await db.schema
    .createTable('events')
    .addColumn('tenant_id', t.text, (c) => c.notNull())
    .addColumn('seq', t.bigint, (c) => c.notNull().check(sql`seq >= 1`))
    .addColumn('item_id', t.text)
    .addColumn('type', t.text, (c) => c.notNull().check(sql`length(type) > 0`))
    .addColumn('actor_user_id', t.text)
    .addColumn('actor_unit_id', t.text)
    .addColumn('at', t.instant, (c) => c.notNull())
    .addColumn('payload', t.text, (c) => c.notNull())
    .addColumn('prev_hash', t.text, (c) => c.notNull().check(sql`length(prev_hash) = 64`))
    .addColumn('hash', t.text, (c) => c.notNull().check(sql`length(hash) = 64`))
    .addPrimaryKeyConstraint('events_pk', ['tenant_id', 'seq'])
    .addForeignKeyConstraint('events_tenant_fk', ['tenant_id'], 'tenants', ['tenant_id'])
    .$call((b) => finishTable(db, b, { instants: ['at'] }))
    .execute();
  await db.schema.createIndex('events_item_idx').on('events').columns(['tenant_id', 'item_id', 'seq']).execute();

  // Append-only in the database too: the application never updates or deletes events, so a trigger refusing
  // it costs nothing and stops accidents (an attacker with DDL rights can drop it; the keyed chain and the
  // checkpoints are what catch that).
  if (pg) {
    await sql`create function luoshi_events_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'events are append-only: % refused', tg_op using errcode = 'insufficient_privilege';
      end $$`.execute(db);
    await sql`create trigger events_append_only before update or delete on events
      for each row execute function luoshi_events_append_only()`.execute(db);
    await sql`create trigger events_no_truncate before truncate on events
      for each statement execute function luoshi_events_append_only()`.execute(db);
  } else {
    await sql`create trigger events_no_update before update on events
      begin select raise(abort, 'events are append-only: UPDATE refused'); end`.execute(db);
    await sql`create trigger events_no_delete before delete on events
      begin select raise(abort, 'events are append-only: DELETE refused'); end`.execute(db);
  }

  await db.schema
    .createTable('chain_heads')
    .addColumn('tenant_id', t.text, (c) => c.primaryKey())
    .addColumn('algorithm', t.text, (c) => c.notNull().check(sql`algorithm in ('hmac-sm3', 'hmac-sha256')`))
    .addColumn('head_seq', t.bigint, (c) => c.notNull().check(sql`head_seq >= 0`))
    .addColumn('head_hash', t.text, (c) => c.notNull().check(sql`length(head_hash) = 64`))
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addForeignKeyConstraint('chain_heads_tenant_fk', ['tenant_id'], 'tenants', ['tenant_id'])
    .$call((b) => finishTable(db, b, { instants: ['updated_at'] }))
    .execute();

  await db.schema
    .createTable('case_keys')
    .addColumn('tenant_id', t.text, (c) => c.notNull())
    .addColumn('case_id', t.text, (c) => c.notNull())
    .addColumn('wrapped_key', t.text)
    .addColumn('algorithm', t.text, (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('retain_until', t.date)
    .addColumn('destroyed_at', t.instant)
    .addPrimaryKeyConstraint('case_keys_pk', ['tenant_id', 'case_id'])
    .addCheckConstraint('case_keys_destroyed_has_no_key', sql`(wrapped_key is null) = (destroyed_at is not null)`)
    .addForeignKeyConstraint('case_keys_tenant_fk', ['tenant_id'], 'tenants', ['tenant_id'])
    .$call((b) => finishTable(db, b, { instants: ['created_at', 'destroyed_at'], dates: ['retain_until'] }))
    .execute();
  await db.schema.createIndex('case_keys_retention_idx').on('case_keys').columns(['tenant_id', 'retain_until']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('case_keys').execute();
  await db.schema.dropTable('chain_heads').execute();
  await db.schema.dropTable('events').execute();
  if (isPostgres(db)) await sql`drop function luoshi_events_append_only()`.execute(db);
}
