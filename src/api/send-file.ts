import type { FastifyReply } from 'fastify';

/** What a stored file (evidence, a round's photo) is sent with: its sniffed type, name and digest. */
export interface StoredFile {
  readonly mediaType: string;
  readonly fileName: string;
  readonly digest: string;
}

/**
 * A stored file to an authenticated reader: its sniffed type, never re-sniffed by the browser (nosniff), never
 * cached, named in UTF-8. `attachment` for evidence (the web previews pictures and PDFs from the bytes itself);
 * `inline` only for what was sniffed as a picture on upload (a round's photos).
 */
export function sendStoredFile(reply: FastifyReply, file: StoredFile, bytes: Buffer, disposition: 'attachment' | 'inline' = 'attachment') {
  return reply
    .header('content-type', file.mediaType)
    .header('content-disposition', `${disposition}; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
    .header('x-content-type-options', 'nosniff')
    .header('digest', file.digest)
    .header('cache-control', 'private, no-store')
    .send(bytes);
}
