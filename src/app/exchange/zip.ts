import { inflateRawSync } from 'node:zlib';

/*
 * The central directory of a zip file (xlsx and docx are zips), read without unpacking anything: an import
 * checks the declared sizes and the compression ratio before a spreadsheet library inflates a byte, so a zip
 * bomb is refused cheaply. Tests read single entries back with readZipEntry.
 */

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  /** Offset of the entry's local header. */
  readonly offset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The entries of a zip, or null when `buf` is not a readable zip (no end record, or a broken directory). */
export function zipEntries(buf: Buffer): ZipEntry[] | null {
  // The end record sits in the last 22 + 65,535 (comment) bytes.
  const from = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= from; i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) return null;
    const nameLength = buf.readUInt16LE(p + 28);
    const extra = buf.readUInt16LE(p + 30);
    const comment = buf.readUInt16LE(p + 32);
    entries.push({
      name: buf.toString('utf8', p + 46, p + 46 + nameLength),
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      uncompressedSize: buf.readUInt32LE(p + 24),
      offset: buf.readUInt32LE(p + 42),
    });
    p += 46 + nameLength + extra + comment;
  }
  return entries;
}

/** The bytes of one entry (stored or deflated). @throws Error for other methods or a broken header. */
export function readZipEntry(buf: Buffer, e: ZipEntry): Buffer {
  if (buf.readUInt32LE(e.offset) !== LOCAL) throw new Error(`broken local header of ${e.name}`);
  const start = e.offset + 30 + buf.readUInt16LE(e.offset + 26) + buf.readUInt16LE(e.offset + 28);
  const data = buf.subarray(start, start + e.compressedSize);
  if (e.method === 0) return Buffer.from(data);
  if (e.method === 8) return inflateRawSync(data, { maxOutputLength: Math.max(e.uncompressedSize, 1) });
  throw new Error(`unsupported compression ${e.method} of ${e.name}`);
}

/** The text of the entry named `name`, or undefined when there is none. */
export function zipText(buf: Buffer, name: string): string | undefined {
  const e = zipEntries(buf)?.find((x) => x.name === name);
  return e && readZipEntry(buf, e).toString('utf8');
}
