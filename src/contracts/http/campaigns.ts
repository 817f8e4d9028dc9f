import { z } from 'zod';
import { ITEM_STATUSES } from '../../domain/item.js';
import { LocalDateQuery } from './common.js';
import { RowErrorSchema } from './exchange.js';

/* 一校一方案 over HTTP: a campaign from a list (multipart upload), and its roll-up. */

export const CampaignQuerySchema = z
  .object({
    ledger: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,39}$/, 'a ledger type key')
      .describe('a per-entity ledger type (school_plan)'),
    title: z.string().trim().min(1).max(500).describe("the plans' title; {entity} is replaced by each name, and the campaign takes it without {entity}"),
    content: z.string().max(20_000).optional(),
    lead: z.string().trim().min(1).max(200).optional().describe("responsible unit (id or name) of rows that name none; a row's district takes that unit's counterpart there"),
    deadline: LocalDateQuery.optional().describe("deadline of every plan (default: the ledger type's time limit)"),
    parent: z.string().min(1).max(200).optional().describe('add the list to this campaign instead of starting one'),
  })
  .strict();

export const CampaignResultSchema = z
  .object({
    parent: z.object({ id: z.string(), number: z.string(), title: z.string() }).nullable().describe('null when nothing was written'),
    created: z.array(z.object({ row: z.number().int(), entity: z.string(), id: z.string(), number: z.string(), leadUnitId: z.string() })),
    errors: z.array(RowErrorSchema).describe('refused rows; when any, nothing was written'),
  })
  .meta({ id: 'CampaignResult' });

const CountsByState = z.object(Object.fromEntries(ITEM_STATUSES.map((s) => [s, z.number().int()])) as Record<(typeof ITEM_STATUSES)[number], z.ZodNumber>);
const GroupSchema = z.object({
  district: z.string().nullable(),
  total: z.number().int(),
  byState: CountsByState,
  byLight: z.object({ red: z.number().int(), yellow: z.number().int(), green: z.number().int() }),
  progress: z.number().nullable(),
});

export const CampaignProgressSchema = z
  .object({ parent: z.object({ id: z.string(), number: z.string(), title: z.string() }), all: GroupSchema, districts: z.array(GroupSchema) })
  .meta({ id: 'CampaignProgress' });
