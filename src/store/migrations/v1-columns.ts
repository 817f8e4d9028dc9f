/*
 * Column helpers shared by the v1 migrations. FROZEN like the migrations themselves: a later schema change
 * gets new helpers, never an edit here, or old migrations would change meaning.
 */
import { PostgresAdapter, sql, type CreateTableBuilder, type Kysely } from 'kysely';

export const isPostgres = (db: Kysely<unknown>): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

/** Column types per dialect. SQLite tables are STRICT, so only its five storage types appear there. */
export function columnTypes(db: Kysely<unknown>) {
  return isPostgres(db)
    ? ({ text: 'text', int: 'integer', bigint: 'bigint', real: 'double precision', instant: 'timestamptz', date: 'date', json: 'jsonb' } as const)
    : ({ text: 'text', int: 'integer', bigint: 'integer', real: 'real', instant: 'text', date: 'text', json: 'text' } as const);
}

const INSTANT_GLOB = '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9]Z';
const DATE_GLOB = '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]';

/**
 * Finishes a table for SQLite: STRICT typing, and format checks on instant and date columns (their text
 * order must be time order). PostgreSQL's own types already enforce both, so it is left as is.
 */
export function finishTable<TB extends string, C extends string>(
  db: Kysely<unknown>,
  table: CreateTableBuilder<TB, C>,
  formats: { instants?: readonly C[]; dates?: readonly C[] },
): CreateTableBuilder<TB, C> {
  if (isPostgres(db)) return table;
  let t = table;
  for (const c of formats.instants ?? []) t = t.addCheckConstraint(`${c}_is_instant`, sql`${sql.ref(c)} glob ${sql.lit(INSTANT_GLOB)}`);
  for (const c of formats.dates ?? []) t = t.addCheckConstraint(`${c}_is_date`, sql`${sql.ref(c)} glob ${sql.lit(DATE_GLOB)}`);
  return t.modifyEnd(sql`strict`);
}
