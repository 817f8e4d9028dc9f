import { z } from 'zod';

/** RFC 9457 problem details, as every error of the API is answered (`application/problem+json`). */
export const ProblemSchema = z
  .object({
    type: z.string().describe('URI naming the error kind: urn:luoshi:error:<code>'),
    title: z.string().describe('Short text in the language chosen by Accept-Language (zh-CN or English)'),
    status: z.number().int(),
    code: z.string().describe('Stable snake_case code: clients switch on this, never on the text'),
    detail: z.string(),
    requestId: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof ProblemSchema>;

/** An opaque id in a path: bounded and printable, so junk is refused before it reaches the store. */
export const IdParamSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[\w.:-]+$/u, 'letters, digits, _ . : -'),
});

export const LocalDateQuery = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

/** A list in a query string: repeated (`?state=a&state=b`) or comma-separated (`?state=a,b`). */
export const listParam = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) =>
      (Array.isArray(v) ? v : [v])
        .flatMap((s) => s.split(','))
        .map((s) => s.trim())
        .filter((s) => s.length > 0),
    )
    .pipe(z.array(item).max(200));

export const PageSchema = <T extends z.ZodType>(row: T) => z.object({ items: z.array(row), nextCursor: z.string().nullable() });

export const OkSchema = z.object({ ok: z.literal(true) });
