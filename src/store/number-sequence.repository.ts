import type { Kysely } from 'kysely';
import type { TenantId } from '../domain/ids.js';
import { readInt } from './convert.js';
import type { Database } from './database.js';
import { preparedStatement } from './db.js';
import { mappingWriteErrors } from './db-errors.js';
import { StoreError } from './errors.js';

/** Every item created runs it: prepared once rather than built as a query each time. */
const takeNext = preparedStatement<{ last_value: number | string }>(
  `insert into number_sequences (tenant_id, ledger_type, year, last_value) values (?, ?, ?, 1)
   on conflict (tenant_id, ledger_type, year) do update set last_value = number_sequences.last_value + 1 returning last_value`,
);

/** Gapless counters behind the human-readable item numbers, per tenant, ledger type and year. */
export class NumberSequenceRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * The next number of the sequence (1 for the first), taken inside the caller's transaction, so a rolled
   * back action gives its number back and numbers stay gapless. One upsert: concurrent writers queue on the
   * row on PostgreSQL and on the write lock on SQLite.
   * @throws StoreError `invalid_input` for a year outside 1900–9999; `reference_not_found` for an unknown tenant.
   */
  async next(tenantId: TenantId, ledgerType: string, year: number): Promise<number> {
    if (!Number.isInteger(year) || year < 1900 || year > 9999) {
      throw new StoreError('invalid_input', `year out of range: ${year}`, `年份超出范围：${year}`);
    }
    const r = await mappingWriteErrors(`number sequence ${ledgerType} ${year}`, () => takeNext(tenantId, ledgerType, year).execute(this.db));
    return readInt(r.rows[0]!.last_value);
  }
}
