import { createCipheriv, createDecipheriv, createHmac, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, normalize, sep } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { BackupError } from './errors.js';

/*
 * The backup archive: one file, encrypted and authenticated as a whole.
 *
 *   "LUOSHIBK" | version (1 byte) | header length (4 bytes BE) | header (JSON) | ciphertext | GCM tag (16 bytes)
 *
 * The header is in the clear but authenticated (GCM additional data): the KDF and its parameters, the salt, the
 * nonce and a passphrase check (HMAC of a fixed text under the derived key), so a wrong passphrase is told
 * apart from a damaged file before anything is decrypted. The key comes from the passphrase by scrypt, memory-hard
 * (64 MiB by default). The plaintext is gzip of a sequence of entries (name, size, bytes): the manifest, the
 * database or its dump, the key files, the checkpoint log, the evidence files.
 *
 * Decryption streams into a temporary folder and is only used after the tag has been checked at the very end:
 * a truncated or altered archive is refused and leaves nothing behind.
 */

const MAGIC = Buffer.from('LUOSHIBK');
const VERSION = 1;
const TAG_BYTES = 16;
const CHECK_TEXT = 'luoshi backup passphrase check';

interface Header {
  readonly kdf: 'scrypt';
  readonly N: number;
  readonly r: number;
  readonly p: number;
  readonly salt: string;
  readonly cipher: 'aes-256-gcm';
  readonly iv: string;
  readonly check: string;
}

/** scrypt cost: N = 2^16, r = 8 (64 MiB, about half a second). */
export const DEFAULT_KDF = { N: 2 ** 16, r: 8, p: 1 } as const;

function deriveKey(passphrase: string, salt: Buffer, k: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { N: k.N, r: k.r, p: k.p, maxmem: 256 * k.N * k.r + 16 * 1024 * 1024 };
  return new Promise((resolve, reject) => scrypt(passphrase.normalize('NFC'), salt, 32, options, (err, key) => (err ? reject(err) : resolve(key))));
}

const checkOf = (key: Buffer) => createHmac('sha256', key).update(CHECK_TEXT).digest();

/** A file to put into the archive, by its name inside it. */
export interface ArchiveEntry {
  readonly name: string;
  /** A file on disk, or bytes in memory. */
  readonly file?: string;
  readonly bytes?: Uint8Array;
}

function entryHeader(name: string, size: number): Buffer {
  const n = Buffer.from(name, 'utf8');
  const h = Buffer.alloc(4 + n.length + 8);
  h.writeUInt32BE(n.length, 0);
  n.copy(h, 4);
  h.writeBigUInt64BE(BigInt(size), 4 + n.length);
  return h;
}

async function* entryStream(entries: readonly ArchiveEntry[]): AsyncGenerator<Buffer> {
  for (const e of entries) {
    if (e.bytes) {
      yield entryHeader(e.name, e.bytes.length);
      yield Buffer.from(e.bytes);
    } else {
      const size = (await stat(e.file!)).size;
      yield entryHeader(e.name, size);
      let sent = 0;
      // Read exactly the size announced, even if the file grows meanwhile (a log being appended to).
      for await (const chunk of createReadStream(e.file!, { end: Math.max(0, size - 1), start: 0 })) {
        const c = chunk as Buffer;
        if (size === 0) break;
        sent += c.length;
        yield c;
      }
      if (sent !== size) throw new Error(`${e.name} changed size while being archived`);
    }
  }
}

/** @throws BackupError `backup_passphrase_missing` for a passphrase shorter than 12 characters. */
export function assertPassphrase(passphrase: string): void {
  if ([...passphrase].length < 12) {
    throw new BackupError('backup_passphrase_missing', 'The backup passphrase must have at least 12 characters.', '备份口令至少需要 12 个字符。');
  }
}

/**
 * Writes the entries into an encrypted archive at `out` (written under a temporary name, then renamed).
 * @throws BackupError `backup_passphrase_missing` for a passphrase shorter than 12 characters.
 */
export async function writeArchive(out: string, passphrase: string, entries: readonly ArchiveEntry[], kdf: { N: number; r: number; p: number } = DEFAULT_KDF): Promise<void> {
  assertPassphrase(passphrase);
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const key = await deriveKey(passphrase, salt, kdf);
  const header: Header = { kdf: 'scrypt', ...kdf, salt: salt.toString('base64'), cipher: 'aes-256-gcm', iv: iv.toString('base64'), check: checkOf(key).toString('base64') };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const prefix = Buffer.alloc(MAGIC.length + 1 + 4);
  MAGIC.copy(prefix, 0);
  prefix.writeUInt8(VERSION, MAGIC.length);
  prefix.writeUInt32BE(headerBytes.length, MAGIC.length + 1);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.concat([prefix, headerBytes]));
  const tmp = `${out}.partial`;
  const file = createWriteStream(tmp, { mode: 0o600 });
  file.write(prefix);
  file.write(headerBytes);
  try {
    await pipeline(Readable.from(entryStream(entries)), createGzip(), cipher, file, { end: false });
    await new Promise<void>((resolve, reject) => file.end(cipher.getAuthTag(), (err?: Error | null) => (err ? reject(err) : resolve())));
    const fh = await open(tmp, 'r+');
    await fh.sync();
    await fh.close();
    await rename(tmp, out);
  } catch (err) {
    file.destroy();
    await rm(tmp, { force: true });
    throw err;
  }
}

const notArchive = () => new BackupError('backup_invalid', 'This file is not a Luoshi backup archive.', '该文件不是落实备份文件。');
const damaged = () =>
  new BackupError(
    'backup_damaged',
    'The backup archive is truncated or has been altered: it cannot be trusted, nothing was restored.',
    '备份文件不完整或已被改动，不可信任，未恢复任何内容。',
  );

async function readHeader(file: string): Promise<{ header: Header; aad: Buffer; start: number; size: number }> {
  const fh = await open(file, 'r');
  try {
    const size = (await fh.stat()).size;
    const fixed = Buffer.alloc(MAGIC.length + 5);
    const { bytesRead } = await fh.read(fixed, 0, fixed.length, 0);
    if (bytesRead < fixed.length || !fixed.subarray(0, MAGIC.length).equals(MAGIC)) throw notArchive();
    if (fixed.readUInt8(MAGIC.length) !== VERSION) {
      throw new BackupError('backup_invalid', 'The backup archive was written by a newer Luoshi; upgrade Luoshi to restore it.', '该备份由更新版本的落实生成，请升级后再恢复。');
    }
    const len = fixed.readUInt32BE(MAGIC.length + 1);
    if (len > 64 * 1024 || fixed.length + len + TAG_BYTES > size) throw damaged();
    const hb = Buffer.alloc(len);
    await fh.read(hb, 0, len, fixed.length);
    let header: Header;
    try {
      header = JSON.parse(hb.toString('utf8')) as Header;
    } catch {
      throw damaged();
    }
    if (
      header.kdf !== 'scrypt' ||
      header.cipher !== 'aes-256-gcm' ||
      ![header.N, header.r, header.p].every((n) => Number.isSafeInteger(n) && n > 0) ||
      header.N > 2 ** 22 ||
      header.r > 32
    ) {
      throw damaged();
    }
    return { header, aad: Buffer.concat([fixed, hb]), start: fixed.length + len, size };
  } finally {
    await fh.close();
  }
}

/** Splits the decrypted, decompressed stream back into files under `dir` (names checked to stay inside it). */
function unpackInto(dir: string): Writable {
  let buf: Buffer = Buffer.alloc(0);
  let current: { fh: Awaited<ReturnType<typeof open>>; left: number } | null = null;
  const safe = (name: string) => {
    const p = normalize(name);
    if (p.startsWith('..') || p.startsWith(sep) || p.includes(`..${sep}`)) throw damaged();
    return join(dir, p);
  };
  return new Writable({
    async write(chunk: Buffer, _enc, done) {
      try {
        buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
        for (;;) {
          if (current) {
            if (buf.length === 0) break;
            const take = Math.min(current.left, buf.length);
            await current.fh.write(buf.subarray(0, take));
            current.left -= take;
            buf = buf.subarray(take);
            if (current.left === 0) {
              await current.fh.close();
              current = null;
            }
            continue;
          }
          if (buf.length < 4) break;
          const n = buf.readUInt32BE(0);
          if (n > 4096) throw damaged();
          if (buf.length < 4 + n + 8) break;
          const name = buf.subarray(4, 4 + n).toString('utf8');
          const size = Number(buf.readBigUInt64BE(4 + n));
          buf = buf.subarray(4 + n + 8);
          const target = safe(name);
          await mkdir(dirname(target), { recursive: true, mode: 0o700 });
          const fh = await open(target, 'w', 0o600);
          if (size === 0) await fh.close();
          else current = { fh, left: size };
        }
        done();
      } catch (err) {
        done(err as Error);
      }
    },
    async final(done) {
      if (current || buf.length > 0) {
        await current?.fh.close();
        done(damaged());
      } else done();
    },
  });
}

/**
 * Decrypts and unpacks the archive into the (new, empty) folder `dir`. On any failure the folder is removed.
 * @throws BackupError `backup_invalid` (not an archive), `backup_passphrase_wrong`, `backup_damaged`
 *   (truncated or altered: the tag does not match, or the content does not parse).
 */
export async function readArchive(file: string, passphrase: string, dir: string): Promise<void> {
  const { header, aad, start, size } = await readHeader(file);
  const key = await deriveKey(passphrase, Buffer.from(header.salt, 'base64'), header);
  const check = Buffer.from(header.check, 'base64');
  const mine = checkOf(key);
  if (check.length !== mine.length || !timingSafeEqual(check, mine)) {
    throw new BackupError('backup_passphrase_wrong', 'The passphrase does not open this backup.', '备份口令不正确，无法打开该备份。');
  }
  const tag = Buffer.alloc(TAG_BYTES);
  const fh = await open(file, 'r');
  await fh.read(tag, 0, TAG_BYTES, size - TAG_BYTES);
  await fh.close();
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(header.iv, 'base64'));
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // The tag is checked only at the very end, after the unpacker has written the files: a failure anywhere
  // discards the folder as a whole, so nothing unauthenticated is ever used.
  try {
    const end = size - TAG_BYTES - 1;
    const body = end >= start ? createReadStream(file, { start, end }) : Readable.from([]);
    await pipeline(body, decipher, createGunzip(), unpackInto(dir));
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    if (err instanceof BackupError) throw err;
    throw damaged();
  }
}
