import { z } from 'zod';
import { SATISFACTION_LEVELS } from '../item.js';
import { isLocalDate } from '../time.js';

/** Building blocks shared by the command and event schemas. */

export const LocalDateSchema = z.string().refine(isLocalDate, 'a date written YYYY-MM-DD');
export const InstantSchema = z.iso.datetime({ offset: false });
export const IdSchema = z.string().min(1).max(200);

/** Reasons may arrive blank from a form: the guards turn a blank one into `reason_required`, not a schema error. */
export const ReasonSchema = z.string().max(2000);
export const TextSchema = z.string().trim().min(1).max(20_000);
export const TitleSchema = z.string().trim().min(1).max(500);
export const NoteSchema = z.string().trim().max(2000);

/** Refs of stored evidence files (佐证材料); the store keeps the files, the item keeps the refs. */
export const EvidenceRefsSchema = z.array(z.string().min(1).max(500)).max(100);

/** Extra field values: plain on the way in; personal ones come back from the store as encrypted envelopes. */
export const FieldValuesSchema = z.record(z.string(), z.unknown());

export const ItemSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('manual') }).strict(),
  z
    .object({
      kind: z.literal('readout'),
      documentId: IdSchema,
      start: z.number().int().min(0),
      end: z.number().int().min(0),
      directiveIndex: z.number().int().min(0).optional(),
    })
    .strict()
    .refine((s) => s.end >= s.start, 'span end before its start'),
  z.object({ kind: z.literal('instruction'), reference: IdSchema }).strict(),
  z.object({ kind: z.literal('inspection'), reference: IdSchema }).strict(),
  z.object({ kind: z.literal('signal'), seriesKey: IdSchema, period: z.string().min(1).max(40) }).strict(),
  z.object({ kind: z.literal('appeal'), reference: IdSchema }).strict(),
  z.object({ kind: z.literal('import'), reference: IdSchema }).strict(),
]);

export const VisitRatingSchema = z.object({ satisfaction: z.enum(SATISFACTION_LEVELS), resolved: z.boolean() }).strict();

/** Weight of a child in its parent's roll-up: positive, or null for the plain mean. */
export const WeightSchema = z.number().positive().max(1_000_000).nullable();

/** Who acted: recorded on every event (roles are checked by `decide`, not replayed). */
export const ActorRefSchema = z.object({ userId: IdSchema, unitId: IdSchema }).strict();

/**
 * A deadline counted in working days from a date: `provisional` when the count reached a year whose holiday notice
 * was not known yet (counted on the statutory holidays), so the deadline is counted again when it arrives.
 */
export const DeadlineBasisSchema = z.object({ from: LocalDateSchema, workingDays: z.number().int().min(1).max(36_500), provisional: z.boolean() }).strict();
export type DeadlineBasis = z.output<typeof DeadlineBasisSchema>;
