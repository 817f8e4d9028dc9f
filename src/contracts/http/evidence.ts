import { z } from 'zod';

/** 撤回佐证材料: why the uploader takes the file back (optional; a cancelled dialog gives none). */
export const EvidenceWithdrawSchema = z
  .object({ reason: z.string().trim().max(500).optional() })
  .strict()
  .meta({ id: 'EvidenceWithdraw' });
export type EvidenceWithdrawInput = z.infer<typeof EvidenceWithdrawSchema>;

export const EvidenceWithdrawalSchema = z.object({ evidenceId: z.string(), itemId: z.string(), fileName: z.string(), withdrawnAt: z.string() }).meta({ id: 'EvidenceWithdrawal' });
export type EvidenceWithdrawal = z.infer<typeof EvidenceWithdrawalSchema>;

/** What an upload may be, stated before one is sent (the server checks the bytes again). */
export const EvidenceLimitsSchema = z
  .object({
    maxBytes: z.number().int().positive().describe('the largest file accepted, in bytes'),
    previewTypes: z.array(z.string()).describe('media types the web shows inline (pictures and PDF); others download'),
  })
  .meta({ id: 'EvidenceLimits' });
export type EvidenceLimits = z.infer<typeof EvidenceLimitsSchema>;

/** Media types a browser may show inline without running anything of the file: pictures and PDF, never HTML or SVG. */
export const EVIDENCE_PREVIEW_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf'] as const;
