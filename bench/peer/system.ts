import type { Slot } from './http.js';

/**
 * One system under test, as the workloads see it: each operation answers an error text or null (create: the
 * new id or the error). The operations are the same on both sides; only the requests differ.
 */
export interface System {
  readonly name: string;
  /** The server process whose CPU and memory are read from /proc. */
  readonly pid: number;
  /** Seconds the bulk load to the common size took. */
  readonly loadSeconds: number;
  slot(): Slot;
  /** Creates an item with a lead unit (assignee) and a deadline (due date): one op, however many requests. */
  create(slot: Slot, i: number): Promise<{ id: string } | { error: string }>;
  /** Step 0: the first transition with a note (accept / In Progress); step 1: a second one with a note. */
  transition(slot: Slot, id: string, step: 0 | 1): Promise<string | null>;
  /** Page `page` (0-based, 25 rows) of the filter state + lead unit + deadline range, sorted by deadline. */
  listPage(slot: Slot, unitIndex: number, page: number): Promise<string | null>;
  /** How many pages of 25 that filter has for a unit (untimed; Luoshi also collects its cursors). */
  matches(slot: Slot, unitIndex: number): Promise<number>;
  /** The number of items per state: one op. */
  countPerState(slot: Slot): Promise<string | null>;
  /** One item with its timeline (journals). */
  get(slot: Slot, id: string): Promise<string | null>;
  /** Bytes of the database now: its files, or on PostgreSQL its schema's tables with their indexes and TOAST. */
  dbBytes(): Promise<number>;
  /** Where the bytes go: bytes per table and index, largest first (where the database can tell). */
  bytesByObject?(): [string, number][];
  stop(): Promise<void>;
}
