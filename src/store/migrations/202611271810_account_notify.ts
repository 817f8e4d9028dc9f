// FROZEN: never edit after release; change the schema in a new migration. Imports only kysely and v1 helpers.
import { sql, type Kysely } from 'kysely';
import { isPostgres } from './v1-columns.js';

/**
 * PostgreSQL: changes to who may do what NOTIFY channel `luoshi_accounts` with the schema's name, on commit,
 * whichever node or command made them: a session or token revoked or removed, a session's second factor, a
 * user changed, disabled or removed, a role given or taken. Servers listening drop the principals and actors
 * they reuse for a few seconds, so a revocation holds on every node at once. Activity stamps (last seen, last
 * used) change nothing that matters here and notify nothing. SQLite has no listeners: one server per file.
 */
const TRIGGERS: readonly [table: string, when: string, events: string][] = [
  ['sessions', 'old.revoked_at is distinct from new.revoked_at or old.second_factor is distinct from new.second_factor', 'update'],
  ['api_tokens', 'old.revoked_at is distinct from new.revoked_at', 'update'],
  ['users', '', 'update or delete'],
  ['user_roles', '', 'insert or update or delete'],
  ['sessions', '', 'delete'],
  ['api_tokens', '', 'delete'],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`create function luoshi_accounts_changed() returns trigger language plpgsql as $$
    begin
      perform pg_notify('luoshi_accounts', tg_table_schema);
      return null;
    end $$`.execute(db);
  for (const [i, [table, when, events]] of TRIGGERS.entries()) {
    const condition = when ? `when (${when})` : '';
    await sql.raw(`create trigger luoshi_accounts_changed_${i} after ${events} on ${table} for each row ${condition} execute function luoshi_accounts_changed()`).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  for (const [i, [table]] of TRIGGERS.entries()) await sql.raw(`drop trigger luoshi_accounts_changed_${i} on ${table}`).execute(db);
  await sql`drop function luoshi_accounts_changed()`.execute(db);
}
