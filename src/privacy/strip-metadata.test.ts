import { describe, expect, it } from 'vitest';
import { stripImageMetadata } from './strip-metadata.js';
import { decodePixels, GPS_LATITUDE_BYTES, TAGGED_SECRETS, taggedJpeg, taggedPng } from './testing/tagged-images.js';

const contains = (hay: Uint8Array, needle: Uint8Array): boolean => Buffer.from(hay).indexOf(Buffer.from(needle)) >= 0;

describe('image metadata stripped before a file is shown in public', () => {
  for (const [type, make] of [
    ['image/jpeg', taggedJpeg],
    ['image/png', taggedPng],
  ] as const) {
    it(`${type}: EXIF, GPS, XMP, comments, text chunks and appended data are gone; the picture decodes the same`, () => {
      const { clean, tagged } = make();
      // EXIF is an APP1 segment "Exif\0\0…" in a JPEG and an eXIf chunk in a PNG.
      const secrets = [...TAGGED_SECRETS, ...(type === 'image/jpeg' ? ['Exif\0\0'] : ['eXIf', 'tEXt', 'iTXt', 'zTXt', 'tIME', 'prVt'])];
      for (const s of secrets) expect(contains(tagged, Buffer.from(s, 'utf8')), s).toBe(true);
      expect(contains(tagged, GPS_LATITUDE_BYTES)).toBe(true);
      const out = stripImageMetadata(tagged, type)!;
      expect(out).not.toBeNull();
      for (const s of secrets) expect(contains(out, Buffer.from(s, 'utf8')), s).toBe(false);
      expect(contains(out, GPS_LATITUDE_BYTES)).toBe(false);
      expect(decodePixels(out, type).equals(decodePixels(clean, type))).toBe(true);
      // Nothing but metadata was removed: the cleaned file is the encoder's own output, byte for byte.
      expect(Buffer.from(out).equals(clean)).toBe(true);
      // Cleaning a clean file changes nothing.
      expect(Buffer.from(stripImageMetadata(out, type)!).equals(clean)).toBe(true);
    });

    it(`${type}: a truncated or foreign file is refused, never served half-cleaned`, () => {
      const { tagged } = make();
      expect(stripImageMetadata(tagged.subarray(0, Math.floor(tagged.length / 2)), type)).toBeNull();
      expect(stripImageMetadata(Buffer.from('GIF89a not a picture'), type)).toBeNull();
      expect(stripImageMetadata(new Uint8Array(0), type)).toBeNull();
      for (let cut = 1; cut < 120; cut += 7) expect(() => stripImageMetadata(tagged.subarray(0, cut), type)).not.toThrow();
      // Any single byte changed: cleaned or refused, never an exception.
      for (let at = 0; at < tagged.length; at += 3) {
        const bent = Buffer.from(tagged);
        bent[at] = bent[at]! ^ 0xa5;
        expect(() => stripImageMetadata(bent, type)).not.toThrow();
      }
    });
  }
});
