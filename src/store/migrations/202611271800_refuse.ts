// FROZEN: never edit after release; change the schema in a new migration. Imports only kysely and v1 helpers.
import { sql, type Kysely } from 'kysely';
import { isPostgres } from './v1-columns.js';

/**
 * PostgreSQL: `luoshi_refuse(reason)` raises SQLSTATE LS001 with the reason. A statement that writes several
 * tables at once calls it when a later part finds its condition false, so that the earlier parts are undone
 * with it (a statement outside a transaction commits all or nothing). SQLite needs none: its writes of one
 * action run in a transaction.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`create function luoshi_refuse(reason text) returns int language plpgsql as $$
    begin
      raise exception using errcode = 'LS001', message = reason;
    end $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`drop function luoshi_refuse(text)`.execute(db);
}
