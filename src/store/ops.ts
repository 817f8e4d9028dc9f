import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { TenantId } from '../domain/ids.js';
import type { CryptoProvider } from './crypto/provider.js';
import type { DatabaseHandle } from './db.js';
import { readInt, readInstantOrNull } from './convert.js';
import { KEY_FILES, loadCheckpointSigner, loadSecretKey } from './keys.js';
import { checkSchema } from './migrate.js';
import { refreshPlannerStats } from './planner-stats.js';

/*
 * What operations look at while the server runs: is the database there and current, are the keys still
 * readable, how far behind is the outbox, when was the chain last vouched for. Reads only, each one cheap
 * enough to run on every scrape of /metrics or probe of /readyz.
 */

/** The outbox of one channel: deliveries waiting, the oldest one's due time, and those given up. */
export interface OutboxFigures {
  readonly channel: string;
  readonly pending: number;
  readonly failed: number;
  /** When the oldest pending delivery was written (its lag is now minus this); null when none waits. */
  readonly oldestPendingAt: string | null;
}

export interface StoreOps {
  /** One round trip to the database. @throws whatever the driver throws when it is unreachable. */
  ping(): Promise<void>;
  /** Migrations the code knows and the database has not applied (empty when current). @throws StoreError. */
  pendingMigrations(): Promise<readonly string[]>;
  /**
   * Reads the key files of the data folder again (owner-only, well-formed); keys held by the caller need none.
   * @throws StoreError `key_file_insecure`, `key_file_invalid`, `key_missing`.
   */
  checkKeys(): void;
  /** The outbox per channel for a tenant. */
  outbox(tenantId: TenantId): Promise<OutboxFigures[]>;
  /** Time of the tenant's last checkpoint in the log (read from its tail, not verified), or null. */
  lastCheckpointAt(tenantId: TenantId): Promise<string | null>;
  /** Brings the planner's statistics up to date where the database does not do it itself (SQLite). */
  refreshPlannerStats(): Promise<void>;
}

const TAIL_BYTES = 256 * 1024;

/** The last `at` of a tenant's line in the last 256 KiB of the checkpoint log (a line is ~400 bytes). */
async function lastCheckpointInLog(file: string, tenantId: TenantId): Promise<string | null> {
  let fh;
  try {
    fh = await open(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  try {
    const { size } = await fh.stat();
    const start = Math.max(0, size - TAIL_BYTES);
    const buf = Buffer.alloc(size - start);
    await fh.read(buf, 0, buf.length, start);
    const lines = buf.toString('utf8').split('\n');
    for (let i = lines.length - 1; i >= 0; i -= 1) {
      const line = lines[i]!;
      if (!line.includes(`"tenant":${JSON.stringify(tenantId)}`)) continue;
      try {
        const at = (JSON.parse(line) as { at?: unknown }).at;
        if (typeof at === 'string') return at;
      } catch {
        // a partial first line of the tail, or a damaged one: verify reports those; keep looking
      }
    }
    return null;
  } finally {
    await fh.close();
  }
}

/** The operations reads of an open store. `keysFromFiles` is false when the caller supplied the keys. */
export function storeOps(handle: DatabaseHandle, dataDir: string, crypto: CryptoProvider, keysFromFiles: boolean): StoreOps {
  return {
    async ping() {
      await sql`select 1`.execute(handle.db);
    },
    async pendingMigrations() {
      return (await checkSchema(handle)).pending;
    },
    checkKeys() {
      if (!keysFromFiles) return;
      loadSecretKey(dataDir, 'chain', crypto, false);
      loadSecretKey(dataDir, 'master', crypto, false);
      loadCheckpointSigner(dataDir, false);
    },
    async outbox(tenantId) {
      const rows = await handle.db
        .selectFrom('webhook_deliveries')
        .select((eb) => ['status', eb.fn.countAll<number | string>().as('n'), eb.fn.min('created_at').as('oldest')])
        .where('tenant_id', '=', tenantId)
        .where('status', 'in', ['pending', 'failed'])
        .groupBy('status')
        .execute();
      const pending = rows.find((r) => r.status === 'pending');
      const failed = rows.find((r) => r.status === 'failed');
      return [
        {
          channel: 'webhook',
          pending: pending ? readInt(pending.n) : 0,
          failed: failed ? readInt(failed.n) : 0,
          oldestPendingAt: pending ? readInstantOrNull(pending.oldest as Date | string | null) : null,
        },
      ];
    },
    lastCheckpointAt: (tenantId) => lastCheckpointInLog(join(dataDir, KEY_FILES.checkpointLog), tenantId),
    refreshPlannerStats: () => refreshPlannerStats(handle),
  };
}
