import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CryptoProvider } from './crypto/provider.js';
import { StoreError } from './errors.js';

/*
 * Content-addressed file storage under the data folder: a file is stored once under its SM3 digest
 * (evidence/ab/cd/abcd…), written to a temporary name and renamed, owner-only. Reading checks the digest, so a
 * file changed on disk is refused rather than served.
 *
 * Files of a case with personal data are stored sealed under the case key (personal.ts sealCaseFile); their
 * key is `sealed:sm3:<digest of the sealed bytes>`, so the reader knows to open them and the digest still
 * checks the file as it lies on disk.
 */

const KEY = /^(?:sealed:)?sm3:([0-9a-f]{64})$/;
const SEALED = 'sealed:';

/** Whether a storage key names a file sealed under its case key. */
export const isSealedBlob = (storageKey: string): boolean => storageKey.startsWith(SEALED);

export interface StoredBlob {
  /** `sm3:<hex>`: both the digest and the storage key. */
  readonly digest: string;
  readonly storageKey: string;
  readonly sizeBytes: number;
}

function pathOf(dataDir: string, hex: string): string {
  return join(dataDir, 'evidence', hex.slice(0, 2), hex.slice(2, 4), hex);
}

/**
 * Stores bytes (a no-op when the same bytes are there already); returns their key. `sealed` says the bytes
 * are a case file sealed by the caller: the key then says so, and `digest` is still the caller's to set.
 */
export function putBlob(dataDir: string, crypto: CryptoProvider, bytes: Uint8Array, sealed = false): StoredBlob {
  const hex = Buffer.from(crypto.hash('sm3', bytes)).toString('hex');
  const file = pathOf(dataDir, hex);
  if (!existsSync(file)) {
    mkdirSync(join(file, '..'), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${Buffer.from(crypto.randomBytes(6)).toString('hex')}.tmp`;
    writeFileSync(tmp, bytes, { mode: 0o600 });
    renameSync(tmp, file);
  }
  return { digest: `sm3:${hex}`, storageKey: `${sealed ? SEALED : ''}sm3:${hex}`, sizeBytes: bytes.length };
}

/** Removes a stored file (erasure of a sealed case file nothing else refers to); a missing file is no error. */
export function deleteBlob(dataDir: string, storageKey: string): void {
  const m = KEY.exec(storageKey);
  if (m) rmSync(pathOf(dataDir, m[1]!), { force: true });
}

/**
 * The bytes stored under a key, checked against it.
 * @throws StoreError `corrupt_row` when the file is missing or no longer matches its digest.
 */
export function readBlob(dataDir: string, crypto: CryptoProvider, storageKey: string): Buffer {
  const m = KEY.exec(storageKey);
  const file = m ? pathOf(dataDir, m[1]!) : null;
  const bytes = file && existsSync(file) ? readFileSync(file) : null;
  if (!bytes || Buffer.from(crypto.hash('sm3', bytes)).toString('hex') !== m![1]) {
    throw new StoreError('corrupt_row', `stored file ${storageKey} is missing or altered`, `存储的文件 ${storageKey} 缺失或已被改动`, { storageKey });
  }
  return bytes;
}
