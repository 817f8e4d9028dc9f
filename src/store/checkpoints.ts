import { open, readFile } from 'node:fs/promises';
import type { TenantId } from '../domain/ids.js';
import { canonicalJson } from './canonical.js';
import { CHAIN_ALGORITHMS, type ChainAlgorithm } from './chain.js';
import type { CryptoProvider, SigningKeyPair } from './crypto/provider.js';

/*
 * Signed checkpoints of chain heads, written OUTSIDE the database (an append-only file in the data folder),
 * so that cutting off the tail of the chain, or restoring an older database and writing on, is caught even
 * by someone who can rewrite the whole database and holds the chain key.
 *
 * Why a signature (Ed25519 with the node provider; SM2 with a certified one) rather than an HMAC with a
 * second secret key: verifying needs only the public half (checkpoint.pub). Auditors, a second site or a
 * backup server can check the checkpoints without being able to forge them, and the private half can be
 * moved off the application host without stopping verification.
 */

/** A chain head vouched for at a time. */
export interface Checkpoint {
  readonly tenantId: TenantId;
  readonly seq: number;
  readonly hash: string;
  readonly algorithm: ChainAlgorithm;
  readonly at: string;
}

interface Line {
  readonly v: 1;
  readonly tenant: string;
  readonly seq: number;
  readonly hash: string;
  readonly alg: string;
  readonly at: string;
  readonly sigAlg: string;
  /** Which signing key: the first 16 hex digits of the SM3 digest of its public PEM. */
  readonly kid: string;
}

export function keyId(crypto: CryptoProvider, publicKeyPem: string): string {
  return Buffer.from(crypto.hash('sm3', publicKeyPem)).toString('hex').slice(0, 16);
}

/** One signed line (without the newline): canonical JSON of the fields plus `sig` over the rest. */
export function signCheckpoint(crypto: CryptoProvider, keys: SigningKeyPair, cp: Checkpoint): string {
  const line: Line = {
    v: 1,
    tenant: cp.tenantId,
    seq: cp.seq,
    hash: cp.hash,
    alg: cp.algorithm,
    at: cp.at,
    sigAlg: keys.algorithm,
    kid: keyId(crypto, keys.publicKeyPem),
  };
  const sig = crypto.sign(keys.privateKeyPem, Buffer.from(canonicalJson(line)));
  return canonicalJson({ ...line, sig: Buffer.from(sig).toString('base64') });
}

/**
 * Appends signed checkpoints to the log and flushes it to disk (O_APPEND: concurrent writers of one host
 * never interleave within a line).
 */
export async function appendCheckpoints(file: string, crypto: CryptoProvider, keys: SigningKeyPair, cps: readonly Checkpoint[]): Promise<void> {
  if (cps.length === 0) return;
  const text = cps.map((cp) => `${signCheckpoint(crypto, keys, cp)}\n`).join('');
  const fh = await open(file, 'a', 0o600);
  try {
    await fh.appendFile(text, 'utf8');
    await fh.datasync();
  } finally {
    await fh.close();
  }
}

/** A line of the log that could not be trusted, by 1-based line number. */
export interface InvalidCheckpoint {
  readonly line: number;
  readonly reason: string;
}

function parseLine(crypto: CryptoProvider, publicKeyPem: string, text: string): Checkpoint | string {
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  if (obj === null || typeof obj !== 'object') return 'not an object';
  const { sig, ...rest } = obj as Record<string, unknown>;
  const line = rest as Partial<Line>;
  if (typeof sig !== 'string') return 'no signature';
  if (line.v !== 1 || typeof line.tenant !== 'string' || typeof line.hash !== 'string' || typeof line.at !== 'string') return 'malformed';
  if (typeof line.seq !== 'number' || !Number.isSafeInteger(line.seq)) return 'malformed sequence';
  if (!CHAIN_ALGORITHMS.includes(line.alg as ChainAlgorithm)) return 'unknown chain algorithm';
  let signed: string;
  try {
    signed = canonicalJson(rest);
  } catch {
    return 'malformed';
  }
  if (!crypto.verify(publicKeyPem, Buffer.from(signed), Buffer.from(sig, 'base64'))) return 'bad signature';
  return { tenantId: line.tenant, seq: line.seq, hash: line.hash, algorithm: line.alg as ChainAlgorithm, at: line.at };
}

/**
 * Reads the checkpoint log and verifies every line's signature with the public key. A missing file is an
 * empty log. Lines that fail are returned apart, never silently used.
 */
export async function readCheckpoints(
  file: string,
  crypto: CryptoProvider,
  publicKeyPem: string,
): Promise<{ checkpoints: Checkpoint[]; invalid: InvalidCheckpoint[] }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { checkpoints: [], invalid: [] };
    throw err;
  }
  const checkpoints: Checkpoint[] = [];
  const invalid: InvalidCheckpoint[] = [];
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    if (raw.trim() === '') return;
    const r = parseLine(crypto, publicKeyPem, raw);
    if (typeof r === 'string') invalid.push({ line: i + 1, reason: r });
    else checkpoints.push(r);
  });
  return { checkpoints, invalid };
}

/** When to write a checkpoint: after this many events or this much time since the tenant's last one. */
export interface CheckpointPolicy {
  readonly everyEvents: number;
  readonly everyMs: number;
}

export const DEFAULT_CHECKPOINT_POLICY: CheckpointPolicy = { everyEvents: 100, everyMs: 60_000 };

/**
 * Decides after each commit whether a tenant's head is due for a checkpoint, and writes it. Remembers the
 * newest head per tenant so that `flush` (on close) can vouch for everything committed.
 */
export class CheckpointWriter {
  private readonly last = new Map<TenantId, { seq: number; ms: number }>();
  private readonly pending = new Map<TenantId, Checkpoint>();

  constructor(
    private readonly file: string,
    private readonly crypto: CryptoProvider,
    private readonly keys: SigningKeyPair,
    private readonly policy: CheckpointPolicy,
    private readonly now: () => Date,
  ) {}

  /** Records a committed head; writes a checkpoint when the policy says it is due. */
  async noteHead(head: Omit<Checkpoint, 'at'>): Promise<void> {
    const nowMs = this.now().getTime();
    const cp: Checkpoint = { ...head, at: new Date(nowMs).toISOString() };
    const prior = this.pending.get(head.tenantId);
    if (!prior || prior.seq < cp.seq) this.pending.set(head.tenantId, cp);
    const last = this.last.get(head.tenantId);
    if (last && head.seq - last.seq < this.policy.everyEvents && nowMs - last.ms < this.policy.everyMs) return;
    await this.write([this.pending.get(head.tenantId)!]);
  }

  /** Writes checkpoints for every head noted since the last one (call on close, or from a timer). */
  async flush(): Promise<Checkpoint[]> {
    const due = [...this.pending.values()].filter((cp) => (this.last.get(cp.tenantId)?.seq ?? 0) < cp.seq);
    await this.write(due);
    return due;
  }

  private async write(cps: Checkpoint[]): Promise<void> {
    if (cps.length === 0) return;
    for (const cp of cps) {
      this.last.set(cp.tenantId, { seq: cp.seq, ms: Date.parse(cp.at) });
      this.pending.delete(cp.tenantId);
    }
    await appendCheckpoints(this.file, this.crypto, this.keys, cps);
  }
}
