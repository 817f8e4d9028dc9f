import { isLocalDate } from '../domain/time.js';
import { StoreError } from './errors.js';

/*
 * How values are stored, decided once for both databases and converted here, at the repository edge:
 * - instants: PostgreSQL `timestamptz` (read back as Date), SQLite TEXT in the fixed form
 *   `YYYY-MM-DDTHH:MM:SS.sssZ` (so text order is time order); both come out as that ISO string.
 * - calendar dates (deadlines): PostgreSQL `date` read as its raw `YYYY-MM-DD` text (see db.ts: a JS Date
 *   would shift it by the server's zone), SQLite TEXT; both come out as a LocalDate string.
 * - integers: PostgreSQL `bigint` arrives as a string, SQLite as a number; both come out as a safe number.
 * - JSON: PostgreSQL `jsonb` arrives parsed, SQLite TEXT arrives as a string; the event payload is TEXT on
 *   both, because the chain covers its exact canonical bytes.
 * - booleans: none. A flag is a nullable instant that also says when (e.g. `disabled_at`).
 */

function invalid(field: string, value: unknown, en: string, zh: string): StoreError {
  return new StoreError('invalid_input', `${field}: ${en} (${String(value)})`, `${field}：${zh}（${String(value)}）`, { field });
}

/**
 * Normalises an instant for writing: any ISO 8601 string or Date → `YYYY-MM-DDTHH:MM:SS.sssZ`.
 * @throws StoreError `invalid_input` when it is not a valid time.
 */
export function writeInstant(value: string | Date, field = 'instant'): string {
  const d = typeof value === 'string' ? new Date(value) : value;
  const ms = d.getTime();
  if (Number.isNaN(ms) || (typeof value === 'string' && !/^\d{4}-\d{2}-\d{2}T/.test(value))) {
    throw invalid(field, value, 'not an ISO 8601 instant', '不是合法的 ISO 8601 时间');
  }
  return d.toISOString();
}

export function writeInstantOrNull(value: string | Date | null | undefined, field = 'instant'): string | null {
  return value === null || value === undefined ? null : writeInstant(value, field);
}

/** Reads an instant column of either database as the ISO string. */
export function readInstant(value: Date | string): string {
  return typeof value === 'string' ? value : value.toISOString();
}

export function readInstantOrNull(value: Date | string | null): string | null {
  return value === null ? null : readInstant(value);
}

/**
 * Checks a calendar date for writing.
 * @throws StoreError `invalid_input` unless it is a real date written `YYYY-MM-DD`.
 */
export function writeLocalDate(value: string, field = 'date'): string {
  if (!isLocalDate(value)) throw invalid(field, value, 'not a date written YYYY-MM-DD', '不是 YYYY-MM-DD 格式的日期');
  return value;
}

export function writeLocalDateOrNull(value: string | null | undefined, field = 'date'): string | null {
  return value === null || value === undefined ? null : writeLocalDate(value, field);
}

/**
 * Reads an integer column (PostgreSQL bigint arrives as a string).
 * @throws StoreError `corrupt_row` when it is not a safe integer.
 */
export function readInt(value: string | number | bigint): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(n)) {
    throw new StoreError('corrupt_row', `not a safe integer: ${String(value)}`, `不是安全整数：${String(value)}`);
  }
  return n;
}

/** Reads a JSON column: parsed by pg (jsonb), a string from SQLite. */
export function readJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch (cause) {
    throw new StoreError('corrupt_row', 'a JSON column does not hold JSON', 'JSON 列中的内容不是合法 JSON', undefined, { cause });
  }
}
