/*
 * Image metadata removed before a file is shown in public. A phone photo carries where it was taken (EXIF GPS),
 * the camera and its owner's name, edit history (XMP), comments: none of it belongs on a 公示 page. Rather than
 * decode and re-encode the picture (a native library, and lossy for JPEG), the file is copied segment by
 * segment (JPEG) or chunk by chunk (PNG), keeping only what drawing the picture needs — an allow-list, so a
 * metadata block we do not know of is dropped too. Anything after the end of the image is dropped as well.
 * A file that does not parse cleanly is refused (null), never served half-cleaned.
 */

export type CleanImageType = 'image/jpeg' | 'image/png';

/** Media types whose metadata this module removes; other files are not shown in public. */
export const CLEANABLE_IMAGE_TYPES: readonly CleanImageType[] = ['image/jpeg', 'image/png'];

export function isCleanableImage(mediaType: string): mediaType is CleanImageType {
  return (CLEANABLE_IMAGE_TYPES as readonly string[]).includes(mediaType);
}

const ascii = (bytes: Uint8Array, from: number, length: number): string => String.fromCharCode(...bytes.subarray(from, from + length));

/**
 * JPEG application segments that are kept: APP0 JFIF/JFXX (pixel density), APP2 ICC_PROFILE (colours) and APP14
 * Adobe (tells how to read CMYK). APP1 (EXIF, XMP), the other APPn (IPTC, maker data) and COM are dropped.
 */
function keepAppSegment(marker: number, data: Uint8Array): boolean {
  if (marker === 0xe0) return ['JFIF\0', 'JFXX\0'].includes(ascii(data, 0, 5));
  if (marker === 0xe2) return ascii(data, 0, 12) === 'ICC_PROFILE\0';
  if (marker === 0xee) return ascii(data, 0, 5) === 'Adobe';
  return false;
}

/** Where entropy-coded data after a start-of-scan ends: the next marker that is not a stuffed 0xFF00 or RSTn. */
function endOfScan(bytes: Uint8Array, from: number): number {
  for (let i = from; i + 1 < bytes.length; i++) {
    if (bytes[i] !== 0xff) continue;
    const next = bytes[i + 1]!;
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7) || next === 0xff) continue;
    return i;
  }
  return -1;
}

function stripJpeg(bytes: Uint8Array): Uint8Array | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  const parts: Uint8Array[] = [bytes.subarray(0, 2)];
  let i = 2;
  let sawFrame = false;
  while (i < bytes.length) {
    // Fill bytes (0xFF repeated) may precede a marker.
    if (bytes[i] !== 0xff) return null;
    while (i < bytes.length && bytes[i] === 0xff) i++;
    if (i >= bytes.length) return null;
    const marker = bytes[i]!;
    const at = i - 1;
    i++;
    if (marker === 0xd9) {
      // End of image: whatever follows (a second image, appended data) is not served.
      parts.push(Uint8Array.of(0xff, 0xd9));
      return sawFrame ? concat(parts) : null;
    }
    if (marker >= 0xd0 && marker <= 0xd7) return null; // RSTn only inside a scan
    if (i + 2 > bytes.length) return null;
    const length = (bytes[i]! << 8) | bytes[i + 1]!;
    if (length < 2 || i + length > bytes.length) return null;
    const end = i + length;
    const isApp = marker >= 0xe0 && marker <= 0xef;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) sawFrame = true;
    // Frames, tables, restart interval and scans are kept (0xC0–0xCF, 0xDA–0xDF); APPn only when allowed; the
    // rest — COM, the JPGn extensions 0xF0–0xFD — is dropped.
    const drawing = (marker >= 0xc0 && marker <= 0xcf) || (marker >= 0xda && marker <= 0xdf);
    if (isApp ? !keepAppSegment(marker, bytes.subarray(i + 2, end)) : !drawing) {
      i = end;
      continue;
    }
    if (marker === 0xda) {
      const scanEnd = endOfScan(bytes, end);
      if (scanEnd < 0) return null;
      parts.push(bytes.subarray(at, scanEnd));
      i = scanEnd;
      continue;
    }
    parts.push(bytes.subarray(at, end));
    i = end;
  }
  return null; // no end-of-image marker
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * PNG chunks that are kept: the critical ones, transparency, colour space and gamma, background, histogram,
 * pixel size, suggested palettes and the frames of an animated PNG. Text (tEXt, zTXt, iTXt — where XMP
 * lives), eXIf, tIME and every private chunk are dropped. Chunks are copied whole, their CRCs unchanged.
 */
const PNG_KEEP = new Set([
  'IHDR',
  'PLTE',
  'IDAT',
  'IEND',
  'tRNS',
  'cHRM',
  'gAMA',
  'iCCP',
  'sBIT',
  'sRGB',
  'cICP',
  'mDCv',
  'cLLi',
  'bKGD',
  'hIST',
  'pHYs',
  'sPLT',
  'acTL',
  'fcTL',
  'fdAT',
]);

function stripPng(bytes: Uint8Array): Uint8Array | null {
  if (bytes.length < 8 || PNG_SIGNATURE.some((b, k) => bytes[k] !== b)) return null;
  const parts: Uint8Array[] = [bytes.subarray(0, 8)];
  let i = 8;
  let first = true;
  while (i + 12 <= bytes.length) {
    const length = ((bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!) >>> 0;
    const type = ascii(bytes, i + 4, 4);
    const end = i + 12 + length;
    if (!/^[A-Za-z]{4}$/.test(type) || end > bytes.length) return null;
    if (first && type !== 'IHDR') return null;
    first = false;
    if (PNG_KEEP.has(type)) parts.push(bytes.subarray(i, end));
    if (type === 'IEND') return concat(parts);
    i = end;
  }
  return null; // no IEND chunk
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The image without its metadata, or null when the bytes are not a well-formed image of that type. */
export function stripImageMetadata(bytes: Uint8Array, mediaType: CleanImageType): Uint8Array | null {
  return mediaType === 'image/jpeg' ? stripJpeg(bytes) : stripPng(bytes);
}
