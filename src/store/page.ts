import { StoreError } from './errors.js';

/** Keyset pagination: ask for `limit` rows after the cursor of the previous page. */
export interface PageRequest {
  /** Rows per page, 1–1000 (default 50). */
  readonly limit?: number;
  /** `nextCursor` of the previous page; absent for the first. */
  readonly after?: string | null;
}

export interface Page<T> {
  readonly items: T[];
  /** Pass as `after` for the next page; null on the last page. */
  readonly nextCursor: string | null;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;

/**
 * @throws StoreError `invalid_input` for a limit outside 1–1000.
 */
export function pageSize(limit: number | undefined): number {
  const n = limit ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE_SIZE) {
    throw new StoreError('invalid_input', `page size must be 1–${MAX_PAGE_SIZE}, got ${n}`, `每页条数须在 1–${MAX_PAGE_SIZE} 之间，收到 ${n}`);
  }
  return n;
}

/** An opaque cursor: the sort key of the last row, tagged with the order it belongs to. */
export function encodeCursor(order: string, key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify([order, ...key]), 'utf8').toString('base64url');
}

/**
 * @throws StoreError `invalid_input` for a cursor that is not ours or belongs to another order.
 */
export function decodeCursor(order: string, cursor: string, arity: number): (string | number)[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  if (!Array.isArray(parsed) || parsed[0] !== order || parsed.length !== arity + 1 || !parsed.slice(1).every((v) => typeof v === 'string' || typeof v === 'number')) {
    throw new StoreError('invalid_input', 'invalid page cursor', '分页游标无效');
  }
  return parsed.slice(1) as (string | number)[];
}
