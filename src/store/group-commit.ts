import { sql, type Kysely } from 'kysely';
import type { Database } from './database.js';

/** Transactions that share one SQLite commit at the most: bounds how long the first of them waits. */
const MAX_BATCH = 32;

/** Thrown to roll back a batch whose only job failed (that job is refused already). */
const ALONE_FAILED = Symbol('the only job of the batch failed');

interface Job<T> {
  readonly run: (trx: Kysely<Database>) => Promise<T>;
  readonly resolve: (value: T) => void;
  readonly reject: (err: unknown) => void;
}

/**
 * Group commit for SQLite. With synchronous=FULL every COMMIT waits for the disk, and that wait, not the work,
 * bounds how many actions a second one file can take. Transactions that queue up while one runs are therefore
 * run one after another inside a single database transaction, each in a savepoint of its own, and committed
 * together: a transaction that fails is rolled back to its savepoint alone and refused at once; the others are
 * acknowledged only after the shared COMMIT has returned, so nothing acknowledged can be lost, and when that
 * COMMIT fails every one of them is refused. Each still sees exactly the writes of those before it, as when
 * they ran one by one on the single connection.
 */
export function groupCommit(db: Kysely<Database>): <T>(run: (trx: Kysely<Database>) => Promise<T>) => Promise<T> {
  const queue: Job<unknown>[] = [];
  let draining = false;

  async function runBatch(): Promise<void> {
    const done: { job: Job<unknown>; value: unknown }[] = [];
    try {
      await db.transaction().execute(async (trx) => {
        while (queue.length > 0 && done.length < MAX_BATCH) {
          const job = queue.shift()!;
          // The first job to succeed needs no savepoint: while it runs the transaction holds nothing else, so
          // its failure rolls back the whole (the common case of one transaction at a time pays nothing extra).
          const alone = done.length === 0;
          if (!alone) {
            try {
              await sql`savepoint luoshi_job`.execute(trx);
            } catch (err) {
              job.reject(err);
              throw err;
            }
          }
          let value: unknown;
          try {
            value = await job.run(trx);
          } catch (err) {
            job.reject(err);
            if (alone) throw ALONE_FAILED;
            // Undo just this one; if even that fails, the whole batch is refused below.
            await sql`rollback to luoshi_job`.execute(trx);
            await sql`release luoshi_job`.execute(trx);
            continue;
          }
          // A job is held in `done` from here on, so a failure of the batch refuses it too.
          done.push({ job, value });
          if (!alone) await sql`release luoshi_job`.execute(trx);
        }
      });
    } catch (err) {
      if (err !== ALONE_FAILED) for (const d of done) d.job.reject(err);
      return;
    }
    for (const d of done) d.job.resolve(d.value);
  }

  async function drain(): Promise<void> {
    try {
      // One batch per turn on the connection: reads queued meanwhile get theirs between batches.
      while (queue.length > 0) await runBatch();
    } finally {
      draining = false;
    }
  }

  return <T>(run: (trx: Kysely<Database>) => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      queue.push({ run, resolve: resolve as (v: unknown) => void, reject } as Job<unknown>);
      if (draining) return;
      draining = true;
      // Better-sqlite3 answers synchronously, so a transaction runs start to end without yielding to I/O: the
      // batch starts on the next turn of the event loop, after the requests already read have queued theirs.
      setImmediate(() => void drain());
    });
}
