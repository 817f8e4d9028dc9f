// FROZEN: never edit after release; change the schema in a new migration. Imports only kysely and v1 helpers.
import { sql, type Kysely } from 'kysely';
import { columnTypes, isPostgres } from './v1-columns.js';

/**
 * An indicator can be switched off (停用): `disabled_at` is when, null while it is monitored. The daily
 * detection leaves a switched-off indicator alone; its counts and past alarms stay. Existing indicators
 * stay on.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .alterTable('signal_indicators')
    .addColumn('disabled_at', t.instant, (c) =>
      isPostgres(db) ? c : c.check(sql`disabled_at is null or disabled_at glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9]Z'`),
    )
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('signal_indicators').dropColumn('disabled_at').execute();
}
