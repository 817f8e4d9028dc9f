import { z } from 'zod';
import { LedgerConfigSchema, LedgerTypeShape } from '../../domain/ledger-types/index.js';

/* Ledger types (台账类型): everyone reads them; the system admin configures them (GET/PUT /ledger-types/config). */

/** A ledger type as the tenant has it: fields, closure stages, default time limit and warning rules. */
export const LedgerTypeViewSchema = LedgerTypeShape.meta({ id: 'LedgerType' });

/**
 * The tenant's configuration: overrides of built-in types (name, fields added or relabelled or made required,
 * closure stages, time limit, warning rules), its own types, and the types it switches off. Sent whole with
 * PUT and `If-Match: "<version>"`.
 */
export const LedgerConfigBodySchema = LedgerConfigSchema.meta({ id: 'LedgerConfig' });

export const LedgerConfigViewSchema = z
  .object({
    /** 0 while nothing is stored (the built-ins as shipped); the ETag of GET and the If-Match of PUT. */
    version: z.number().int().min(0),
    config: LedgerConfigBodySchema,
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
    /** The built-in types as shipped, which `config.overrides` change. */
    builtin: z.array(LedgerTypeViewSchema),
    /** Every resulting type; switched-off ones keep serving the items recorded in them. */
    types: z.array(LedgerTypeShape.extend({ disabled: z.boolean() })),
  })
  .meta({ id: 'LedgerConfigView' });
