import { z } from 'zod';
import { LocalDateQuery } from './common.js';

/* Official documents (公文) over HTTP: an item's notices, reminders and letters, and the periodic bulletins. */

export const DocumentViewSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['notice', 'urge', 'letter', 'bulletin']),
    number: z.string().describe('发文字号, e.g. 督函〔2026〕3号'),
    title: z.string(),
    status: z.enum(['draft', 'issued']),
    version: z.number().int(),
    itemId: z.string().nullable(),
    createdAt: z.string(),
    issuedAt: z.string().nullable(),
    data: z.record(z.string(), z.unknown()).optional().describe('what the document says (bulletins: figures and paragraphs)'),
  })
  .meta({ id: 'OfficialDocument' });

export const IssueDocumentBodySchema = z.object({ kind: z.enum(['notice', 'urge', 'letter']) }).strict();
/** 印发 of a bulletin: no body, or the issuer's signing passphrase when they have a registered SM2 key (used for this request only). */
export const BulletinIssueBodySchema = z.object({ passphrase: z.string().min(1).max(1000).optional() }).strict();
export const DocumentFileQuerySchema = z.object({ format: z.enum(['docx', 'pdf']).default('docx') }).strict();
export const BulletinCreateBodySchema = z.object({ from: LocalDateQuery, to: LocalDateQuery }).strict();
export const BulletinEditBodySchema = z
  .object({
    praise: z.string().max(5000).optional(),
    criticism: z.string().max(5000).optional(),
    recipient: z.string().trim().min(1).max(200).optional(),
    cc: z.array(z.string().trim().min(1).max(200)).max(50).optional(),
    version: z.number().int().positive().optional(),
  })
  .strict();
