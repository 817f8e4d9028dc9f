import { existsSync } from 'node:fs';
import { copyDatabase, createDatabase, openStore, StoreError, type ChainAlgorithm, type CopiedTable } from '../../store/index.js';
import { readHeads, type ChainHead } from './manifest.js';

export interface CopyInput {
  /** The SQLite file to copy from (the server on it should be stopped: what is written after the copy's snapshot stays behind). */
  readonly fromFile: string;
  /** An empty PostgreSQL database. */
  readonly toUrl: string;
  /** The data folder whose keys and checkpoint log served the SQLite file; they serve the copy as they are. */
  readonly dataDir: string;
  readonly chainAlgorithm?: ChainAlgorithm;
  readonly onTable?: (t: CopiedTable) => void;
}

export interface CopyReport {
  readonly tables: readonly CopiedTable[];
  /** Per tenant: the source's head, and what verifying the copy's chain found. */
  readonly verified: readonly (ChainHead & { readonly ok: boolean; readonly count: number; readonly problem?: string })[];
}

/**
 * `luoshi copy`: every tenant of a SQLite database — organisation, items, events and chain heads, checkpoints'
 * heads, case keys, evidence references, number sequences, accounts, signals — into an empty PostgreSQL
 * database, from one snapshot of the source, in one transaction of the target: all or nothing (a failed copy
 * leaves the target empty, to be run again; there is nothing to resume). Then every tenant's chain is verified
 * on the target against the same keys and checkpoints: the same event count and head hash as the source.
 * @throws StoreError `database_unavailable` (no source file), `already_exists` (target not empty), and the
 *   errors of copyDatabase.
 */
export async function copySqliteToPostgres(input: CopyInput): Promise<CopyReport> {
  if (!existsSync(input.fromFile)) {
    throw new StoreError('database_unavailable', `no database file at ${input.fromFile}`, `${input.fromFile} 处没有数据库文件`, { file: input.fromFile });
  }
  const source = createDatabase({ kind: 'sqlite', file: input.fromFile });
  const target = createDatabase({ kind: 'postgres', url: input.toUrl });
  let tables: CopiedTable[];
  let heads: ChainHead[];
  try {
    tables = await copyDatabase(source, target, input.onTable);
    heads = await readHeads(source.db);
  } finally {
    await source.close();
    await target.close();
  }
  const store = await openStore({ database: { kind: 'postgres', url: input.toUrl }, dataDir: input.dataDir, chainAlgorithm: input.chainAlgorithm, migrate: true });
  try {
    const verified = [];
    for (const h of heads) {
      const v = await store.verifyChain(h.tenantId);
      const same = v.ok && v.headSeq === h.seq && v.headHash === h.hash && v.count === h.seq;
      verified.push({ ...h, ok: same, count: v.ok ? v.count : 0, ...(same ? {} : { problem: v.ok ? `copy's head #${v.headSeq} is not the source's #${h.seq}` : v.message }) });
    }
    return { tables, verified };
  } finally {
    await store.close();
  }
}
