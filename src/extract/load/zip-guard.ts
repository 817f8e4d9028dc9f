import { inflateRawSync } from 'node:zlib';
import { loadError } from './errors.js';

export interface ZipLimits {
  /** Largest total uncompressed size accepted (bytes). */
  maxUncompressed: number;
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxUncompressed: 64 * 1024 * 1024, maxEntries: 2000 };

interface Entry {
  name: string;
  method: number;
  compressed: number;
  uncompressed: number;
  localOffset: number;
}

/**
 * Check a ZIP container (a .docx) before any unzip library touches it: the central directory must be sound, the
 * declared uncompressed sizes must stay within the limits, and every deflated entry is inflated here with an output
 * cap equal to its declared size, so that an archive whose headers lie cannot expand beyond the limit either.
 * Returns the entry names.
 *
 * @throws DomainError `readout_corrupt` (not a readable ZIP), `readout_bomb` (sizes beyond the limits or lying).
 */
export function checkZip(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS, inspect?: (name: string, data: Uint8Array) => void): string[] {
  const entries = centralDirectory(bytes, limits);
  let total = 0;
  for (const e of entries) {
    total += e.uncompressed;
    if (total > limits.maxUncompressed) throw loadError('readout_bomb', `more than ${limits.maxUncompressed} bytes uncompressed`);
  }
  // The inflated bytes are handed to `inspect` (a budget on what they hold) before they are dropped.
  for (const e of entries) verifyEntry(bytes, e, inspect);
  return entries.map((e) => e.name);
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function centralDirectory(bytes: Uint8Array, limits: ZipLimits): Entry[] {
  const dv = view(bytes);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i -= 1) {
    if (dv.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw loadError('readout_corrupt', 'no ZIP directory');
  const count = dv.getUint16(eocd + 10, true);
  const cdOffset = dv.getUint32(eocd + 16, true);
  if (count === 0xffff || cdOffset === 0xffffffff) throw loadError('readout_bomb', 'ZIP64 archives are not accepted');
  if (count > limits.maxEntries) throw loadError('readout_bomb', `${count} entries`);
  const entries: Entry[] = [];
  let p = cdOffset;
  const decoder = new TextDecoder();
  for (let k = 0; k < count; k += 1) {
    if (p + 46 > bytes.length || dv.getUint32(p, true) !== 0x02014b50) throw loadError('readout_corrupt', 'damaged ZIP directory');
    const nameLen = dv.getUint16(p + 28, true);
    const extraLen = dv.getUint16(p + 30, true);
    const commentLen = dv.getUint16(p + 32, true);
    const entry: Entry = {
      method: dv.getUint16(p + 10, true),
      compressed: dv.getUint32(p + 20, true),
      uncompressed: dv.getUint32(p + 24, true),
      localOffset: dv.getUint32(p + 42, true),
      name: decoder.decode(bytes.subarray(p + 46, p + 46 + nameLen)),
    };
    if (entry.compressed === 0xffffffff || entry.uncompressed === 0xffffffff) throw loadError('readout_bomb', 'ZIP64 entry');
    entries.push(entry);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

function verifyEntry(bytes: Uint8Array, e: Entry, inspect?: (name: string, data: Uint8Array) => void): void {
  const dv = view(bytes);
  const at = e.localOffset;
  if (at + 30 > bytes.length || dv.getUint32(at, true) !== 0x04034b50) throw loadError('readout_corrupt', `damaged entry ${e.name}`);
  const start = at + 30 + dv.getUint16(at + 26, true) + dv.getUint16(at + 28, true);
  const data = bytes.subarray(start, start + e.compressed);
  if (data.length !== e.compressed) throw loadError('readout_corrupt', `truncated entry ${e.name}`);
  if (e.method === 0) {
    if (e.compressed !== e.uncompressed) throw loadError('readout_corrupt', `stored entry ${e.name} has two sizes`);
    inspect?.(e.name, data);
    return;
  }
  if (e.method !== 8) throw loadError('readout_corrupt', `unsupported compression in ${e.name}`);
  let out: Buffer;
  try {
    out = inflateRawSync(data, { maxOutputLength: Math.max(1, e.uncompressed) + 1 });
  } catch (err) {
    if (err instanceof RangeError || (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw loadError('readout_bomb', `${e.name} expands beyond its declared size`);
    }
    throw loadError('readout_corrupt', `cannot inflate ${e.name}`);
  }
  if (out.length !== e.uncompressed) throw loadError('readout_bomb', `${e.name} size differs from its header`);
  inspect?.(e.name, out);
}
