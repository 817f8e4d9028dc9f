// FROZEN: never edit after release; change the schema in a new migration. Imports only kysely and v1 helpers.
import type { Kysely } from 'kysely';

/**
 * Events by type within a tenant: signing keys (enrolled, registered, revoked) and signed decisions are read
 * by type — when a person signs, when an item page shows its signatures, when verify checks them — without
 * scanning the whole chain.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('events_type_idx').on('events').columns(['tenant_id', 'type', 'seq']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('events_type_idx').execute();
}
