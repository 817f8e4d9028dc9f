// FROZEN: never edit after release; change the schema in a new migration. Imports only kysely and v1 helpers.
import { sql, type Kysely } from 'kysely';
import { columnTypes, finishTable, isPostgres } from './v1-columns.js';

/** 'LUOS' in the SQLite header: marks the file as a Luoshi database for tools like `file`. */
const SQLITE_APPLICATION_ID = 0x4c554f53;

export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  if (!isPostgres(db)) await sql`pragma application_id = ${sql.lit(SQLITE_APPLICATION_ID)}`.execute(db);

  await db.schema
    .createTable('tenants')
    .addColumn('tenant_id', t.text, (c) => c.primaryKey().check(sql`length(tenant_id) between 1 and 100`))
    .addColumn('name', t.text, (c) => c.notNull())
    .addColumn('time_zone', t.text, (c) =>
      c
        .notNull()
        .defaultTo('Asia/Shanghai')
        .check(sql`length(time_zone) > 0`),
    )
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .$call((b) => finishTable(db, b, { instants: ['created_at'] }))
    .execute();

  await db.schema
    .createTable('units')
    .addColumn('tenant_id', t.text, (c) => c.notNull())
    .addColumn('unit_id', t.text, (c) => c.notNull())
    .addColumn('parent_id', t.text)
    .addColumn('name', t.text, (c) => c.notNull().check(sql`length(name) > 0`))
    .addColumn('kind', t.text, (c) => c.notNull().check(sql`kind in ('city', 'district', 'street', 'community', 'department')`))
    .addColumn('code', t.text)
    .addColumn('sort_order', t.int, (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('units_pk', ['tenant_id', 'unit_id'])
    .addForeignKeyConstraint('units_tenant_fk', ['tenant_id'], 'tenants', ['tenant_id'])
    .addForeignKeyConstraint('units_parent_fk', ['tenant_id', 'parent_id'], 'units', ['tenant_id', 'unit_id'])
    .$call((b) => finishTable(db, b, { instants: ['created_at'] }))
    .execute();
  await db.schema.createIndex('units_parent_idx').on('units').columns(['tenant_id', 'parent_id']).execute();

  await db.schema
    .createTable('users')
    .addColumn('tenant_id', t.text, (c) => c.notNull())
    .addColumn('user_id', t.text, (c) => c.notNull())
    .addColumn('username', t.text, (c) => c.notNull().check(sql`length(username) > 0`))
    .addColumn('display_name', t.text, (c) => c.notNull())
    .addColumn('unit_id', t.text, (c) => c.notNull())
    .addColumn('password_hash', t.text)
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('disabled_at', t.instant)
    .addPrimaryKeyConstraint('users_pk', ['tenant_id', 'user_id'])
    .addUniqueConstraint('users_username_unique', ['tenant_id', 'username'])
    .addForeignKeyConstraint('users_unit_fk', ['tenant_id', 'unit_id'], 'units', ['tenant_id', 'unit_id'])
    .$call((b) => finishTable(db, b, { instants: ['created_at', 'disabled_at'] }))
    .execute();
  await db.schema.createIndex('users_unit_idx').on('users').columns(['tenant_id', 'unit_id']).execute();

  await db.schema
    .createTable('user_roles')
    .addColumn('tenant_id', t.text, (c) => c.notNull())
    .addColumn('user_id', t.text, (c) => c.notNull())
    .addColumn('role', t.text, (c) => c.notNull().check(sql`role in ('supervisor', 'handler', 'leader', 'auditor', 'system_admin', 'security_admin')`))
    .addPrimaryKeyConstraint('user_roles_pk', ['tenant_id', 'user_id', 'role'])
    .addForeignKeyConstraint('user_roles_user_fk', ['tenant_id', 'user_id'], 'users', ['tenant_id', 'user_id'], (f) => f.onDelete('cascade'))
    .$call((b) => finishTable(db, b, {}))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['user_roles', 'users', 'units', 'tenants']) await db.schema.dropTable(table).execute();
}
