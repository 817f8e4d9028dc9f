// FROZEN: never edit after release; change the schema in a new migration. Imports only kysely and v1 helpers.
import { sql, type Kysely } from 'kysely';

/**
 * The tenant's 签章要求 (signing policy) for the decisions signed with a person's SM2 key (审签, 销号, 印发通报):
 * `required` refuses such a decision by a person without an active registered key; `when_enrolled` signs it
 * when the person has one and lets it pass unsigned otherwise. Tenants that exist when this runs get
 * `when_enrolled`, the behaviour they had, so an upgrade refuses nothing; `luoshi init` and the demo create
 * new tenants with `required`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('tenants')
    .addColumn('signing_policy', 'text', (c) =>
      c
        .notNull()
        .defaultTo('when_enrolled')
        .check(sql`signing_policy in ('required', 'when_enrolled')`),
    )
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tenants').dropColumn('signing_policy').execute();
}
