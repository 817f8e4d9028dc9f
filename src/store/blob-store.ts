import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CryptoProvider } from './crypto/provider.js';
import { StoreError } from './errors.js';

/*
 * Content-addressed file storage under the data folder: a file is stored once under its SM3 digest
 * (evidence/ab/cd/abcd…), written to a temporary name and renamed, owner-only. Reading checks the digest, so a
 * file changed on disk is refused rather than served.
 */

const KEY = /^sm3:([0-9a-f]{64})$/;

export interface StoredBlob {
  /** `sm3:<hex>`: both the digest and the storage key. */
  readonly digest: string;
  readonly storageKey: string;
  readonly sizeBytes: number;
}

function pathOf(dataDir: string, hex: string): string {
  return join(dataDir, 'evidence', hex.slice(0, 2), hex.slice(2, 4), hex);
}

/** Stores bytes (a no-op when the same bytes are there already); returns their key. */
export function putBlob(dataDir: string, crypto: CryptoProvider, bytes: Uint8Array): StoredBlob {
  const hex = Buffer.from(crypto.hash('sm3', bytes)).toString('hex');
  const file = pathOf(dataDir, hex);
  if (!existsSync(file)) {
    mkdirSync(join(file, '..'), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${Buffer.from(crypto.randomBytes(6)).toString('hex')}.tmp`;
    writeFileSync(tmp, bytes, { mode: 0o600 });
    renameSync(tmp, file);
  }
  return { digest: `sm3:${hex}`, storageKey: `sm3:${hex}`, sizeBytes: bytes.length };
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
