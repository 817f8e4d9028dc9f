import { open, readFile, rename } from 'node:fs/promises';
import type { TenantId } from '../domain/ids.js';
import type { Checkpoint } from './checkpoints.js';

/*
 * The high-water mark of the checkpoint log: beside the keys, per tenant, the newest checkpoint this data
 * folder has written. The log alone cannot tell an absent or shortened log from one that was never written,
 * nor a chain rolled back to an older checkpoint (with the log trimmed to match) from an honest one. The mark
 * can: a log that ends before the mark, or a chain that ends before it or differs from it, is a failure.
 *
 * Why a file of the data folder rather than a table: the mark must not roll back with the database (a restored
 * older database, events deleted and the head moved back), and a backup takes the log before the database, so
 * a table copied with the rows could name a checkpoint the copied log does not yet hold.
 */

export const CHECKPOINT_MARK_FILE = 'checkpoints.mark';

interface MarkFile {
  readonly v: 1;
  readonly tenants: Record<string, { seq: number; hash: string; alg: string; at: string }>;
}

/** Reads the marks; a missing file is no mark (a data folder from before marks, or a fresh restore). */
export async function readCheckpointMarks(file: string): Promise<Map<TenantId, Checkpoint>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw err;
  }
  const marks = new Map<TenantId, Checkpoint>();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`the checkpoint mark ${CHECKPOINT_MARK_FILE} is not JSON`);
  }
  const tenants = (parsed as Partial<MarkFile> | null)?.tenants;
  if (tenants === null || typeof tenants !== 'object') throw new Error(`the checkpoint mark ${CHECKPOINT_MARK_FILE} is malformed`);
  for (const [tenantId, m] of Object.entries(tenants)) {
    if (!m || !Number.isSafeInteger(m.seq) || typeof m.hash !== 'string' || typeof m.at !== 'string') continue;
    marks.set(tenantId, { tenantId, seq: m.seq, hash: m.hash, algorithm: m.alg as Checkpoint['algorithm'], at: m.at });
  }
  return marks;
}

/**
 * Raises the marks of the tenants of `cps` (never lowers one) and replaces the file atomically (a temporary
 * file renamed over it, flushed first), so a crash leaves the old mark or the new one, never half of either.
 * The file is read again first: another process of the same data folder (the CLI beside the server) may have
 * raised a mark meanwhile.
 */
export async function raiseCheckpointMarks(file: string, cps: readonly Checkpoint[]): Promise<void> {
  if (cps.length === 0) return;
  const marks = await readCheckpointMarks(file).catch(() => new Map<TenantId, Checkpoint>());
  for (const cp of cps) {
    const m = marks.get(cp.tenantId);
    if (!m || m.seq < cp.seq) marks.set(cp.tenantId, cp);
  }
  const body: MarkFile = {
    v: 1,
    tenants: Object.fromEntries([...marks].map(([t, m]) => [t, { seq: m.seq, hash: m.hash, alg: m.algorithm, at: m.at }])),
  };
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  const fh = await open(tmp, 'w', 0o600);
  try {
    await fh.writeFile(JSON.stringify(body), 'utf8');
    await fh.datasync();
  } finally {
    await fh.close();
  }
  await rename(tmp, file);
}
