/*
 * Test support: acting as an attacker with direct database access. The append-only triggers are bypassed the
 * way such a person would (SQLite: drop them for the duration, PostgreSQL: a superuser session in replica
 * mode, which skips triggers), on a connection of its own.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../database.js';
import { createDatabase, type DatabaseConfig } from '../db.js';

export async function asAttacker(database: DatabaseConfig, tamper: (db: Transaction<Database>) => Promise<unknown>): Promise<void> {
  const h = createDatabase(database);
  try {
    await h.db.transaction().execute(async (trx) => {
      if (h.dialect === 'postgres') {
        await sql`set local session_replication_role = replica`.execute(trx);
        await tamper(trx);
        return;
      }
      const triggers = await sql<{ name: string; sql: string }>`select name, sql from sqlite_master where type = 'trigger' and tbl_name = 'events'`.execute(trx);
      for (const t of triggers.rows) await sql`drop trigger ${sql.id(t.name)}`.execute(trx);
      await tamper(trx);
      for (const t of triggers.rows) await sql.raw(t.sql).execute(trx);
    });
  } finally {
    await h.close();
  }
}

/** Reads the raw rows of a tenant's log, in order. */
export async function eventRows(db: Kysely<Database>, tenantId: string) {
  return db.selectFrom('events').selectAll().where('tenant_id', '=', tenantId).orderBy('seq').execute();
}
