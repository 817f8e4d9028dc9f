import { z } from 'zod';

/* Excel import over HTTP: the template, the dry run and the commit (in the background for large files). */

const LedgerKey = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'a ledger type key');

export const TemplateQuerySchema = z.object({ ledger: LedgerKey, lang: z.enum(['zh', 'en']).optional() }).strict();

export const ImportQuerySchema = z
  .object({
    ledger: LedgerKey,
    /** true: check every row and write nothing (the preview). */
    dryRun: z
      .enum(['true', 'false'])
      .default('true')
      .transform((v) => v === 'true'),
    /** all: every row or none (default); valid: the valid rows even when others are refused. */
    mode: z.enum(['all', 'valid']).default('all'),
    /** true: answer 202 with a job to poll at once (files above 64 KiB always run in the background). */
    background: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
  })
  .strict();

export const RowErrorSchema = z.object({ row: z.number().int(), column: z.string(), code: z.string(), message: z.string(), messageEn: z.string() });

/**
 * One cell a row changes and the action of the loop that makes the change: create 新建, edit 修改 (a draft, or an
 * item at work), assign 交办, transfer 转办, extension 批准延期; `from` and `to` in the sheet's words (null `from`:
 * a new item).
 */
const ROW_ACTION_KINDS = ['create', 'edit', 'assign', 'transfer', 'extension'] as const;
export type RowActionKind = (typeof ROW_ACTION_KINDS)[number];
const RowActionSchema = z.object({ kind: z.enum(ROW_ACTION_KINDS), column: z.string(), from: z.string().nullable(), to: z.string() });

export const ImportResultSchema = z
  .object({
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    written: z.boolean(),
    errors: z.array(RowErrorSchema),
    rows: z.array(
      z.object({
        row: z.number().int(),
        action: z.enum(['create', 'update', 'unchanged', 'refused']),
        number: z.string().nullable(),
        changes: z.array(z.string()),
        /** What the commit does (did) for the row, cell by cell. */
        actions: z.array(RowActionSchema),
      }),
    ),
  })
  .meta({ id: 'ImportResult' });

export const ImportJobSchema = z
  .object({
    id: z.string(),
    state: z.enum(['running', 'done', 'failed']),
    phase: z.enum(['check', 'write']),
    done: z.number().int(),
    total: z.number().int(),
    result: ImportResultSchema.nullable(),
    error: z.object({ code: z.string(), message: z.string(), messageEn: z.string() }).nullable(),
  })
  .meta({ id: 'ImportJob' });
export type ImportJobView = z.infer<typeof ImportJobSchema>;
