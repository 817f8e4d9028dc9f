import { open, readFile } from 'node:fs/promises';
import type { TenantId } from '../domain/ids.js';
import { canonicalJson } from './canonical.js';
import { CHAIN_ALGORITHMS, type ChainAlgorithm } from './chain.js';
import { raiseCheckpointMarks } from './checkpoint-mark.js';
import type { CryptoProvider } from './crypto/provider.js';
import { verifySignature, type Signer } from './crypto/signer.js';
import { sm2PublicKeyFromPem } from './crypto/sm2.js';

/*
 * Signed checkpoints of chain heads, written OUTSIDE the database (an append-only file in the data folder),
 * so that cutting off the tail of the chain, or restoring an older database and writing on, is caught even
 * by someone who can rewrite the whole database and holds the chain key.
 *
 * Why a signature (SM2, GM/T 0003, through the same Signer as people's decisions) rather than an HMAC with a
 * second secret key: verifying needs only the public half (checkpoint-sm2.pub). Auditors, a second site or a
 * backup server can check the checkpoints without being able to forge them, and the private half can be
 * moved off the application host (a token or a signing server behind Signer) without stopping verification.
 * Logs written before SM2 carry Ed25519 lines (sigAlg "ed25519"); they still verify with checkpoint.pub.
 *
 * The log can be anchored outside the data folder: written in another directory (a mounted second host's
 * append-only share) and each line also posted to a URL, so that whoever can rewrite the data folder cannot
 * quietly rewrite the checkpoints too.
 */

/** A public key checkpoint lines may be signed with: the current SM2 key, or the Ed25519 key of older logs. */
export interface CheckpointVerifyKey {
  readonly algorithm: string;
  readonly publicKeyPem: string;
}

/** The key a PEM holds: SM2 when it is an SM2 SubjectPublicKeyInfo, Ed25519 otherwise. */
export function verifyKeyOf(publicKeyPem: string): CheckpointVerifyKey {
  return { algorithm: sm2PublicKeyFromPem(publicKeyPem) ? 'sm2' : 'ed25519', publicKeyPem };
}

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
export async function signCheckpoint(crypto: CryptoProvider, keys: Signer, cp: Checkpoint): Promise<string> {
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
  const sig = await keys.sign(Buffer.from(canonicalJson(line)));
  return canonicalJson({ ...line, sig: Buffer.from(sig).toString('base64') });
}

/**
 * Appends signed checkpoints to the log and flushes it to disk (O_APPEND: concurrent writers of one host
 * never interleave within a line).
 */
export async function appendCheckpoints(file: string, crypto: CryptoProvider, keys: Signer, cps: readonly Checkpoint[]): Promise<string[]> {
  if (cps.length === 0) return [];
  const lines = await Promise.all(cps.map((cp) => signCheckpoint(crypto, keys, cp)));
  const text = lines.map((l) => `${l}\n`).join('');
  const fh = await open(file, 'a', 0o600);
  try {
    await fh.appendFile(text, 'utf8');
    await fh.datasync();
  } finally {
    await fh.close();
  }
  return lines;
}

/**
 * Posts signed lines to an anchor URL, one request per line (`application/json`, the line as the body), so a
 * second host can keep its own append-only copy. Waits at most `timeoutMs`; a status other than 2xx is an error.
 */
export async function postCheckpoints(url: string, lines: readonly string[], timeoutMs = 5_000): Promise<void> {
  for (const line of lines) {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: line, signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`checkpoint anchor ${url} answered ${res.status}`);
  }
}

/** A line of the log that could not be trusted, by 1-based line number. */
export interface InvalidCheckpoint {
  readonly line: number;
  readonly reason: string;
}

function parseLine(crypto: CryptoProvider, keys: readonly CheckpointVerifyKey[], text: string): Checkpoint | string {
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
  // The line names its key (kid) and algorithm; a key this node does not hold is as bad as a wrong signature.
  const key = keys.find((k) => k.algorithm === line.sigAlg && keyId(crypto, k.publicKeyPem) === line.kid) ?? keys.find((k) => k.algorithm === line.sigAlg);
  if (!key || !verifySignature(key.algorithm, key.publicKeyPem, Buffer.from(signed), Buffer.from(sig, 'base64'))) return 'bad signature';
  return { tenantId: line.tenant, seq: line.seq, hash: line.hash, algorithm: line.alg as ChainAlgorithm, at: line.at };
}

/**
 * Reads the checkpoint log and verifies every line's signature with the public keys (a PEM, or the SM2 key and
 * the Ed25519 key of older lines). A missing file is an empty log. Lines that fail are returned apart, never
 * silently used.
 */
export async function readCheckpoints(
  file: string,
  crypto: CryptoProvider,
  publicKeys: string | readonly CheckpointVerifyKey[],
): Promise<{ checkpoints: Checkpoint[]; invalid: InvalidCheckpoint[] }> {
  const keys = typeof publicKeys === 'string' ? [verifyKeyOf(publicKeys)] : publicKeys;
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
    const r = parseLine(crypto, keys, raw);
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
    private readonly keys: Signer,
    private readonly policy: CheckpointPolicy,
    private readonly now: () => Date,
    /** Where each signed line is also posted (an anchor on another host); its failures reach `onAnchorError`. */
    private readonly anchorUrl?: string,
    private readonly onAnchorError: (err: unknown) => void = () => undefined,
    /** The high-water mark beside the keys (see checkpoint-mark.ts), raised after each line is on disk. */
    private readonly markFile?: string,
  ) {}

  /** Raising the mark one write at a time: each replaces the whole file. */
  private marking: Promise<void> = Promise.resolve();

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
    const lines = await appendCheckpoints(this.file, this.crypto, this.keys, cps);
    // Raised only once the lines are flushed: the mark never names a checkpoint the log does not hold.
    if (this.markFile) {
      const markFile = this.markFile;
      this.marking = this.marking.catch(() => undefined).then(() => raiseCheckpointMarks(markFile, cps));
      await this.marking;
    }
    // The local log is written first and is what verify reads; the anchor is a second copy, so a host that is
    // down delays nobody's commit: the failure is reported, the line stays in the log.
    if (this.anchorUrl) await postCheckpoints(this.anchorUrl, lines).catch(this.onAnchorError);
  }
}
