import { CodedError } from '../domain/errors.js';

/**
 * Stable error codes of the store. Like DomainError they carry an English and a Chinese message; the API
 * and the CLI map the code to an HTTP status and an exit code.
 */
export const STORE_ERROR_CODES = [
  /** A versioned update found another version: someone else changed the item first (HTTP 409/412). */
  'version_conflict',
  /** The file or schema is not a Luoshi database (another application's tables, or not SQLite at all). */
  'not_luoshi_database',
  /** The database was migrated by a newer Luoshi: it has migrations this code does not know. */
  'database_schema_newer',
  /** Applied migrations and the code's list disagree (a gap or a foreign migration in the middle). */
  'migrations_out_of_sync',
  /** A migration failed; nothing of it was applied. */
  'migration_failed',
  /** Migrations are pending and the caller asked not to apply them. */
  'database_schema_outdated',
  /** The database could not be opened or reached. */
  'database_unavailable',
  /** A key file is readable or writable by group or others. */
  'key_file_insecure',
  /** A key file exists but is not a Luoshi key of the expected purpose. */
  'key_file_invalid',
  /** A key the database depends on is missing (creating a new one would orphan existing data). */
  'key_missing',
  /** The chain of a tenant uses another algorithm than the one configured. */
  'chain_algorithm_mismatch',
  /** The chain head moved under a writer that held its lock: never expected, refused rather than forked. */
  'chain_conflict',
  /** A write that must run inside store.transaction() ran outside one, or a transaction was nested. */
  'transaction_required',
  'nested_transaction',
  /** A case key already exists for the case. */
  'case_key_exists',
  /** A sealed personal value failed its integrity check (tampered ciphertext or wrong key). */
  'envelope_invalid',
  /** A row already exists (duplicate id, number or username). */
  'already_exists',
  /** A referenced row (unit, user, parent item, tenant) does not exist. */
  'reference_not_found',
  /** Input the store cannot persist (bad instant, bad date, non-JSON payload, bad cursor). */
  'invalid_input',
  /** A stored row contradicts itself (e.g. the item JSON disagrees with its indexed columns). */
  'corrupt_row',
] as const;
export type StoreErrorCode = (typeof STORE_ERROR_CODES)[number];

/** A refusal or failure of the store, with a stable code and a bilingual message. */
export class StoreError extends CodedError<StoreErrorCode> {
  override readonly name = 'StoreError';
}

/** True when `err` is a StoreError with the given code. */
export function isStoreError(err: unknown, code?: StoreErrorCode): err is StoreError {
  return err instanceof StoreError && (code === undefined || err.code === code);
}
