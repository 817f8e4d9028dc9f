import { z } from 'zod';

/** A bulk action on a selection of the ledger: the items and the data each item's action receives. */
export const BulkBodySchema = <D extends z.ZodType>(data: D) => z.object({ ids: z.array(z.string().min(1).max(200)).min(1).max(500), data }).strict();

export const BulkResultSchema = z
  .object({
    results: z.array(
      z.object({
        itemId: z.string(),
        ok: z.boolean(),
        version: z.number().int().optional(),
        status: z.string().optional(),
        code: z.string().optional().describe('why this item was refused (nothing was done to it)'),
        message: z.string().optional(),
        warnings: z.array(z.object({ code: z.string(), unitId: z.string(), message: z.string() })).optional(),
      }),
    ),
  })
  .meta({ id: 'BulkResult' });
