import { AsyncLocalStorage } from 'node:async_hooks';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely, KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import type { Instant, TenantId } from '../domain/ids.js';
import type { Item } from '../domain/item.js';
import { AccountWatch } from './account-watch.js';
import { masterKeys } from './case-key.repository.js';
import { createChainKey, type ChainAlgorithm, type ChainKey, type NewEvent, type StoredEvent } from './chain.js';
import { CHECKPOINT_MARK_FILE, readCheckpointMarks } from './checkpoint-mark.js';
import { CheckpointWriter, DEFAULT_CHECKPOINT_POLICY, readCheckpoints, verifyKeyOf, type Checkpoint, type CheckpointPolicy, type CheckpointVerifyKey } from './checkpoints.js';
import { readContext, transactionContext, type ContextDeps, type ReadContext, type TransactionContext } from './context.js';
import { nodeCryptoProvider } from './crypto/node-provider.js';
import type { CryptoProvider } from './crypto/provider.js';
import type { Signer } from './crypto/signer.js';
import { createDatabase, enableWal, type DatabaseConfig, type DatabaseHandle, type Dialect } from './db.js';
import type { Database } from './database.js';
import { StoreError } from './errors.js';
import { groupCommit } from './group-commit.js';
import { changeItemAtOnce } from './item-change.js';
import { KEY_FILES, ensureDataDir, legacyCheckpointPublicKey, loadCheckpointSigner, loadSecretKey } from './keys.js';
import { checkSchema, migrateToLatest } from './migrate.js';
import { refreshPlannerStatsOnOpen } from './planner-stats.js';
import { invalidCheckpoints, shortCheckpointLog, verifyChain, type ChainVerification } from './verify.js';
import { storeOps, type StoreOps } from './ops.js';

export interface StoreConfig {
  readonly database: DatabaseConfig;
  /** Folder of the key files and the checkpoint log (created owner-only when missing). */
  readonly dataDir: string;
  /** MAC of the event chain; `hmac-sm3` by default. Fixed per tenant at its first event. */
  readonly chainAlgorithm?: ChainAlgorithm;
  /** Cryptography; node:crypto by default. A certified module plugs in here. */
  readonly crypto?: CryptoProvider;
  /** Keys held by the caller (e.g. from a key service) instead of the files in dataDir. */
  readonly keys?: { readonly chain?: Uint8Array; readonly master?: Uint8Array; readonly checkpointSigning?: Signer };
  /**
   * Where the checkpoint log is anchored: `dir` holds checkpoints.log instead of the data folder (a mount of
   * another host, say); `url` receives each signed line by POST as well. Verification reads the log of `dir`
   * and, when there is one, the older log of the data folder.
   */
  readonly checkpointAnchor?: { readonly dir?: string; readonly url?: string };
  /**
   * When to write signed checkpoints: after `everyEvents` events or `everyMs` since a tenant's last one, on a
   * timer every `everyMs` for heads still waiting, and on close (default 100 events, 60 s).
   */
  readonly checkpoints?: Partial<CheckpointPolicy>;
  /** Apply pending migrations on open (default true); when false a database with pending ones is refused. */
  readonly migrate?: boolean;
  /** Clock for checkpoint times (tests pass a fixed one). */
  readonly now?: () => Date;
  /** Hears failures of work done after commit (writing checkpoints); process warnings by default. */
  readonly onBackgroundError?: (err: unknown) => void;
}

export interface Store {
  readonly dialect: Dialect;
  readonly crypto: CryptoProvider;
  readonly chainAlgorithm: ChainAlgorithm;
  /** Plain reads outside any transaction. Inside a transaction use its context instead (refused here). */
  readonly read: ReadContext;
  /**
   * Runs `fn` in one transaction (the only way to open one): commits when it resolves, rolls back when it
   * throws. After the commit the new chain heads are checkpointed when due.
   * @throws StoreError `nested_transaction` when called inside another transaction; whatever `fn` throws.
   */
  transaction<T>(fn: (tx: TransactionContext) => Promise<T>): Promise<T>;
  /**
   * PostgreSQL: writes an action read outside a transaction — the item's version-checked update and its events
   * — in one statement that commits on its own (see changeItemAtOnce), checkpointing the new head when due.
   * Answers undefined, writing nothing, where that does not apply (always on SQLite, whose transactions cost
   * no round trips): the caller then runs the action in a transaction.
   * @throws StoreError `version_conflict` (nothing written); `nested_transaction` inside a transaction.
   */
  changeItemAtOnce(previous: Item, next: Item, events: readonly NewEvent[], at: Instant): Promise<StoredEvent[] | undefined>;
  /**
   * Calls `listener` whenever who may do what may have changed through another connection — sessions or tokens
   * revoked, users, roles or second factors changed — so that what is reused for a few seconds can be dropped.
   * PostgreSQL hears every node and the command line (LISTEN/NOTIFY); SQLite, served by one process per file,
   * never calls it. Returns the way to stop listening.
   */
  onAccountsChanged(listener: () => void): () => void;
  /** Verifies a tenant's chain against the key and the signed checkpoints of the data folder. */
  verifyChain(tenantId: TenantId, from?: { readonly seq: number; readonly hash: string }): Promise<ChainVerification>;
  /** Writes checkpoints for every head committed since the last one; returns them. */
  checkpoint(): Promise<Checkpoint[]>;
  /** Writes the due checkpoints and closes the database. */
  close(): Promise<void>;
  /** Reads for health checks and metrics: database reachable and current, keys readable, outbox, checkpoints. */
  readonly ops: StoreOps;
}

/** Refuses queries on the plain handle while the same async flow holds a transaction: on SQLite it would wait for itself. */
class OutsideTransactionGuard implements KyselyPlugin {
  constructor(private readonly inTransaction: AsyncLocalStorage<true>) {}
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (this.inTransaction.getStore()) {
      throw new StoreError('nested_transaction', 'store.read was used inside store.transaction: use the transaction context', '在事务内部调用了 store.read：请使用事务上下文');
    }
    return args.node;
  }
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

async function hasRows(handle: DatabaseHandle, table: 'chain_heads' | 'case_keys'): Promise<boolean> {
  return (await handle.db.selectFrom(table).select('tenant_id').limit(1).executeTakeFirst()) !== undefined;
}

async function prepareDatabase(handle: DatabaseHandle, migrate: boolean): Promise<void> {
  let migrated = false;
  if (migrate) {
    migrated = (await migrateToLatest(handle)).length > 0;
  } else {
    const status = await checkSchema(handle);
    if (status.pending.length > 0) {
      throw new StoreError(
        'database_schema_outdated',
        `the database needs migrations ${status.pending.join(', ')}; run luoshi init`,
        `数据库需要执行迁移 ${status.pending.join('、')}；请运行 luoshi init`,
        { pending: status.pending },
      );
    }
  }
  await enableWal(handle);
  await refreshPlannerStatsOnOpen(handle, migrated);
}

interface Keys {
  readonly chain: ChainKey;
  readonly master: Uint8Array;
  readonly signing: Signer;
  /** The keys checkpoint lines may carry: the SM2 signer's, and the Ed25519 key of logs written before SM2. */
  readonly verifying: readonly CheckpointVerifyKey[];
}

function hasSm2Checkpoints(logs: readonly string[]): boolean {
  return logs.some((log) => existsSync(log) && statSync(log).size > 0 && readFileSync(log, 'utf8').includes('"sigAlg":"sm2"'));
}

async function loadKeys(config: StoreConfig, handle: DatabaseHandle, crypto: CryptoProvider, logs: readonly string[]): Promise<Keys> {
  const dir = config.dataDir;
  const chainSecret = config.keys?.chain ?? loadSecretKey(dir, 'chain', crypto, !(await hasRows(handle, 'chain_heads')));
  const master = config.keys?.master ?? loadSecretKey(dir, 'master', crypto, !(await hasRows(handle, 'case_keys')));
  const signing = config.keys?.checkpointSigning ?? loadCheckpointSigner(dir, !hasSm2Checkpoints(logs));
  const legacy = legacyCheckpointPublicKey(dir);
  const verifying = [verifyKeyOf(signing.publicKeyPem), ...(legacy ? [verifyKeyOf(legacy)] : [])];
  return { chain: createChainKey(crypto, config.chainAlgorithm ?? 'hmac-sm3', chainSecret), master, signing, verifying };
}

/**
 * Opens the store: the database (refusing one that is not Luoshi's, newer than the code, or out of sync),
 * its migrations, the keys of the data folder (created on first use; refused when group- or world-readable,
 * or missing while data that needs them exists), and the checkpoint log.
 * @throws StoreError `not_luoshi_database`, `database_schema_newer`, `migrations_out_of_sync`,
 *   `database_schema_outdated`, `migration_failed`, `database_unavailable`, `key_file_insecure`,
 *   `key_file_invalid`, `key_missing`.
 */
export async function openStore(config: StoreConfig): Promise<Store> {
  const crypto = config.crypto ?? nodeCryptoProvider;
  const handle = createDatabase(config.database);
  const anchorDir = config.checkpointAnchor?.dir;
  const logFile = join(anchorDir ?? config.dataDir, KEY_FILES.checkpointLog);
  // The data folder's own log, written before the log was anchored elsewhere, still vouches for older heads.
  const logFiles = anchorDir ? [join(config.dataDir, KEY_FILES.checkpointLog), logFile] : [logFile];
  let keys: Keys;
  try {
    await prepareDatabase(handle, config.migrate ?? true);
    ensureDataDir(config.dataDir);
    if (anchorDir) ensureDataDir(anchorDir);
    keys = await loadKeys(config, handle, crypto, logFiles);
  } catch (err) {
    await handle.close();
    throw err;
  }
  const deps: ContextDeps = { crypto, master: masterKeys(crypto, keys.master), chain: { key: keys.chain, dialect: handle.dialect } };
  const now = config.now ?? (() => new Date());
  const policy: CheckpointPolicy = { ...DEFAULT_CHECKPOINT_POLICY, ...config.checkpoints };
  const onBackgroundError = config.onBackgroundError ?? ((err: unknown) => process.emitWarning(err instanceof Error ? err : String(err)));
  // The mark stays beside the keys even when the log is anchored elsewhere: deleting or trimming the anchored
  // log is then caught from the data folder.
  const markFile = join(config.dataDir, CHECKPOINT_MARK_FILE);
  const checkpoints = new CheckpointWriter(logFile, crypto, keys.signing, policy, now, config.checkpointAnchor?.url, onBackgroundError, markFile);
  // A head committed just before a quiet spell is vouched for within the interval, not at the next commit.
  const timer = setInterval(() => void checkpoints.flush().catch(onBackgroundError), policy.everyMs);
  timer.unref();
  const inTransaction = new AsyncLocalStorage<true>();
  const read = readContext(handle.db.withPlugin(new OutsideTransactionGuard(inTransaction)), deps);
  const sqliteCommit = handle.dialect === 'sqlite' ? groupCommit(handle.db) : null;
  let watch: AccountWatch | undefined;

  return {
    dialect: handle.dialect,
    ops: storeOps(handle, config.dataDir, crypto, config.keys === undefined),
    crypto,
    chainAlgorithm: keys.chain.algorithm,
    read,
    async transaction<T>(fn: (tx: TransactionContext) => Promise<T>): Promise<T> {
      if (inTransaction.getStore()) {
        throw new StoreError('nested_transaction', 'store.transaction was called inside a transaction', '在事务内部又开启了事务');
      }
      const heads = new Map<TenantId, StoredEvent>();
      const work = (trx: Kysely<Database>) =>
        inTransaction.run(true, () => fn(transactionContext(trx, deps, (events) => heads.set(events[0]!.tenantId, events[events.length - 1]!))));
      // SQLite shares one commit among the transactions queued meanwhile; PostgreSQL commits each on its connection.
      const result = sqliteCommit ? await sqliteCommit(work) : await handle.db.transaction().execute(work);
      for (const e of heads.values()) {
        await checkpoints.noteHead({ tenantId: e.tenantId, seq: e.seq, hash: e.hash, algorithm: keys.chain.algorithm }).catch(onBackgroundError);
      }
      return result;
    },
    async changeItemAtOnce(previous, next, events, at) {
      if (handle.dialect !== 'postgres') return undefined;
      if (inTransaction.getStore()) {
        throw new StoreError('nested_transaction', 'store.changeItemAtOnce was called inside a transaction', '在事务内部调用了 store.changeItemAtOnce');
      }
      const stored = await changeItemAtOnce(handle.db, deps.chain, previous, next, events, at);
      const last = stored?.[stored.length - 1];
      if (last) await checkpoints.noteHead({ tenantId: last.tenantId, seq: last.seq, hash: last.hash, algorithm: keys.chain.algorithm }).catch(onBackgroundError);
      return stored;
    },
    onAccountsChanged(listener) {
      if (config.database.kind !== 'postgres') return () => undefined;
      watch ??= new AccountWatch(config.database.url, config.database.schema ?? 'public', onBackgroundError);
      return watch.subscribe(listener);
    },
    async verifyChain(tenantId, from) {
      // The mark before the log: a mark is raised only once its line is in the log, so a log read after it holds
      // that line even while this process (or another of the folder) is writing checkpoints.
      const mark = (await readCheckpointMarks(markFile)).get(tenantId);
      const cps: Checkpoint[] = [];
      for (const file of [...new Set(logFiles)]) {
        const r = await readCheckpoints(file, crypto, keys.verifying);
        if (r.invalid.length > 0) return invalidCheckpoints(r.invalid);
        cps.push(...r.checkpoints);
      }
      if (mark) {
        const own = cps.filter((c) => c.tenantId === tenantId).map((c) => c.seq);
        const short = shortCheckpointLog(
          mark,
          own.length > 0 ? own.reduce((a, b) => Math.max(a, b)) : null,
          logFiles.some((f) => existsSync(f)),
        );
        if (short) return short;
      }
      return verifyChain(handle.db, tenantId, keys.chain, cps, from);
    },
    checkpoint: () => checkpoints.flush(),
    async close() {
      clearInterval(timer);
      await watch?.close();
      try {
        await checkpoints.flush();
      } finally {
        await handle.close();
      }
    },
  };
}
