import { z } from 'zod';

/** Why a person needs a case's personal information (recorded in the chain with the read). */
export const PersonalReasonBodySchema = z.object({ reason: z.string().trim().min(1).max(500) }).strict();

export const PersonalFieldsSchema = z.record(z.string(), z.unknown()).describe('the personal fields of the case, in plain text (or {"$personal":"erased"})');
export const ErasedSchema = z.object({ erased: z.boolean().describe('false when the key was already destroyed') }).strict();
