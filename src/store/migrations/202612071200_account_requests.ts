// FROZEN: never edit after release; change the schema in a new migration. Imports only kysely and v1 helpers.
import { sql, type Kysely } from 'kysely';
import { columnTypes, finishTable } from './v1-columns.js';

/**
 * Two-person account changes: a reset of a password or second factor, and any change of an admin account, is
 * requested by one administrator and carried out only when another approves (account_requests). A password set
 * by such a reset is good for one login: users.password_reset_at marks it until its owner picks their own.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await db.schema.alterTable('users').addColumn('password_reset_at', t.instant).execute();
  await db.schema
    .createTable('account_requests')
    .addColumn('tenant_id', t.text, (c) => c.notNull())
    .addColumn('request_id', t.text, (c) => c.notNull())
    .addColumn('kind', t.text, (c) => c.notNull().check(sql`kind in ('password_reset', 'totp_reset', 'set_roles', 'disable', 'enable')`))
    .addColumn('user_id', t.text, (c) => c.notNull())
    // The argon2id hash of the one-time password the requester chose: the approver never learns it.
    .addColumn('password_hash', t.text)
    .addColumn('roles', t.text)
    .addColumn('requested_by', t.text, (c) => c.notNull())
    .addColumn('requested_at', t.instant, (c) => c.notNull())
    .addColumn('decided_by', t.text)
    .addColumn('decided_at', t.instant)
    .addColumn('decision', t.text, (c) => c.check(sql`decision in ('approved', 'refused')`))
    .addPrimaryKeyConstraint('account_requests_pk', ['tenant_id', 'request_id'])
    .addForeignKeyConstraint('account_requests_user_fk', ['tenant_id', 'user_id'], 'users', ['tenant_id', 'user_id'])
    .$call((b) => finishTable(db, b, { instants: ['requested_at', 'decided_at'] }))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('account_requests').execute();
  await db.schema.alterTable('users').dropColumn('password_reset_at').execute();
}
