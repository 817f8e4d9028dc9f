import { fileTypeFromBuffer } from 'file-type';

/** Media types accepted as evidence (佐证材料), decided from the bytes, never from the name. */
export const EVIDENCE_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/tiff',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/x-cfb',
  'application/zip',
  'video/mp4',
  'audio/mpeg',
  'text/plain',
] as const;

/** Plain text: valid UTF-8 without control characters other than tab and line ends. */
function isPlainText(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text);
}

/** The media type of the bytes when it is one of EVIDENCE_TYPES, else null. */
export async function sniffEvidenceType(bytes: Uint8Array): Promise<string | null> {
  const found = await fileTypeFromBuffer(bytes);
  if (found) return (EVIDENCE_TYPES as readonly string[]).includes(found.mime) ? found.mime : null;
  return isPlainText(bytes) ? 'text/plain' : null;
}
