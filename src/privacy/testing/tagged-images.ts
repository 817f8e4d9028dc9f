import { crc32 } from 'node:zlib';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

/*
 * Images as a phone would send them: a picture with EXIF (camera owner, GPS position), XMP, comments, text
 * chunks and data appended after the end. Built here from a small drawn picture, so a test can compare the
 * pixels after cleaning with the pixels drawn.
 */

/** What no cleaned image may still contain. */
export const TAGGED_SECRETS = ['MM\0*', 'http://ns.adobe.com/xap/1.0/', 'ZhangSan-Camera', 'GPSsecret', 'APPENDED-AFTER-END', '张三'];

/** GPS latitude 39°54'27.12" as the three big-endian rationals EXIF stores: the bytes must not survive. */
export const GPS_LATITUDE_BYTES = Buffer.from([0, 0, 0, 39, 0, 0, 0, 1, 0, 0, 0, 54, 0, 0, 0, 1, 0, 0, 0x0a, 0x98, 0, 0, 0, 100]);

/** A TIFF block (big-endian) with IFD0 naming the camera owner and a GPS IFD with a latitude. */
function exifTiff(): Buffer {
  const owner = Buffer.from('ZhangSan-Camera\0GPSsecret\0', 'latin1');
  const ifd0At = 8;
  const ifd0Size = 2 + 2 * 12 + 4;
  const gpsAt = ifd0At + ifd0Size;
  const gpsSize = 2 + 2 * 12 + 4;
  const latAt = gpsAt + gpsSize;
  const ownerAt = latAt + GPS_LATITUDE_BYTES.length;
  const b = Buffer.alloc(ownerAt + owner.length);
  b.write('MM', 0, 'latin1');
  b.writeUInt16BE(42, 2);
  b.writeUInt32BE(ifd0At, 4);
  const entry = (at: number, tag: number, type: number, count: number, value: number) => {
    b.writeUInt16BE(tag, at);
    b.writeUInt16BE(type, at + 2);
    b.writeUInt32BE(count, at + 4);
    b.writeUInt32BE(value, at + 8);
  };
  b.writeUInt16BE(2, ifd0At);
  entry(ifd0At + 2, 0x013b, 2, owner.length, ownerAt); // Artist
  entry(ifd0At + 14, 0x8825, 4, 1, gpsAt); // GPS IFD pointer
  b.writeUInt16BE(2, gpsAt);
  entry(gpsAt + 2, 0x0001, 2, 2, 0x4e000000); // GPSLatitudeRef 'N'
  entry(gpsAt + 14, 0x0002, 5, 3, latAt); // GPSLatitude
  GPS_LATITUDE_BYTES.copy(b, latAt);
  owner.copy(b, ownerAt);
  return b;
}

const XMP = '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:creator="张三"/></rdf:RDF></x:xmpmeta>';

/** A small picture with a gradient, so a wrong decode would show. */
export function drawnPixels(width = 16, height = 16): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      data[o] = x * 15;
      data[o + 1] = y * 15;
      data[o + 2] = 128;
      data[o + 3] = 255;
    }
  }
  return data;
}

function jpegSegment(marker: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head[0] = 0xff;
  head[1] = marker;
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

/** A baseline JPEG with EXIF+GPS (APP1), XMP (APP1), IPTC-like APP13, a comment, and data after its end. */
export function taggedJpeg(): { clean: Buffer; tagged: Buffer } {
  const clean = Buffer.from(jpeg.encode({ data: drawnPixels(), width: 16, height: 16 }, 90).data);
  const tagged = Buffer.concat([
    clean.subarray(0, 2),
    jpegSegment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), exifTiff()])),
    jpegSegment(0xe1, Buffer.from(`http://ns.adobe.com/xap/1.0/\0${XMP}`, 'utf8')),
    jpegSegment(0xed, Buffer.from('Photoshop 3.0\0GPSsecret', 'latin1')),
    jpegSegment(0xfe, Buffer.from('ZhangSan-Camera comment', 'latin1')),
    clean.subarray(2),
    Buffer.from('APPENDED-AFTER-END', 'latin1'),
  ]);
  return { clean, tagged };
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([len, body, crc]);
}

/** A PNG with eXIf (GPS), tEXt, iTXt (XMP), zTXt, tIME and a private chunk, and data after IEND. */
export function taggedPng(): { clean: Buffer; tagged: Buffer } {
  const png = new PNG({ width: 16, height: 16 });
  drawnPixels().copy(png.data);
  const clean = PNG.sync.write(png);
  const iend = clean.length - 12;
  const tagged = Buffer.concat([
    clean.subarray(0, 33), // signature and IHDR
    pngChunk('eXIf', exifTiff()),
    pngChunk('tEXt', Buffer.from('Author\0ZhangSan-Camera', 'latin1')),
    pngChunk('iTXt', Buffer.concat([Buffer.from('XML:com.adobe.xmp\0\0\0\0\0', 'latin1'), Buffer.from(`http://ns.adobe.com/xap/1.0/ ${XMP}`, 'utf8')])),
    pngChunk('zTXt', Buffer.from('Comment\0\0xGPSsecret', 'latin1')),
    pngChunk('tIME', Buffer.from([7, 234, 12, 7, 3, 0, 0])),
    clean.subarray(33, iend),
    pngChunk('prVt', Buffer.from('GPSsecret', 'latin1')),
    clean.subarray(iend),
    Buffer.from('APPENDED-AFTER-END', 'latin1'),
  ]);
  return { clean, tagged };
}

/** Decodes a JPEG or PNG to RGBA pixels (throws when it does not decode). */
export function decodePixels(bytes: Uint8Array, mediaType: 'image/jpeg' | 'image/png'): Buffer {
  if (mediaType === 'image/png') return PNG.sync.read(Buffer.from(bytes)).data;
  return Buffer.from(jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true }).data);
}
