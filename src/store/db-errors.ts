import { StoreError } from './errors.js';

interface DriverError {
  code?: string;
  message?: string;
  constraint?: string;
}

/**
 * Turns a constraint violation of either driver into a StoreError with a stable code; anything else is
 * returned unchanged. `what` names the row for the message, e.g. `item 督办〔2026〕0001号`.
 */
export function mapWriteError(err: unknown, what: string): unknown {
  const e = err as DriverError;
  const code = e.code ?? '';
  const detail = e.constraint ?? e.message ?? '';
  if (code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE') {
    return new StoreError('already_exists', `${what} already exists (${detail})`, `${what} 已存在（${detail}）`, { constraint: detail }, { cause: err });
  }
  if (code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    return new StoreError(
      'reference_not_found',
      `${what} refers to a row that does not exist (${detail})`,
      `${what} 引用了不存在的记录（${detail}）`,
      { constraint: detail },
      { cause: err },
    );
  }
  if (code === '23514' || code === '23502' || code === 'SQLITE_CONSTRAINT_CHECK' || code === 'SQLITE_CONSTRAINT_NOTNULL') {
    return new StoreError('invalid_input', `${what} breaks a rule of the schema (${detail})`, `${what} 不符合数据规则（${detail}）`, { constraint: detail }, { cause: err });
  }
  return err;
}

/** Runs a write and maps constraint violations (see mapWriteError). */
export async function mappingWriteErrors<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw mapWriteError(err, what);
  }
}
