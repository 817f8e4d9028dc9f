import { z } from 'zod';

/** A year's holiday notice as the admin sends it (validated again by the domain: dates in the year, make-up days on weekends). */
export const HolidayNoticeBodySchema = z
  .object({
    year: z.number().int().min(1949).max(2200),
    holidays: z.array(z.string().max(10)).min(1).max(366),
    workdays: z.array(z.string().max(10)).max(366),
    source: z.string().max(200).optional(),
  })
  .strict()
  .meta({ id: 'HolidayNotice' });
export type HolidayNoticeBody = z.infer<typeof HolidayNoticeBodySchema>;

export const NoticeLoadedSchema = z
  .object({
    year: z.number().int(),
    replaced: z.boolean().describe('a notice of the year had been loaded before; this one replaces it'),
    moved: z
      .array(z.object({ itemId: z.string(), number: z.string(), previousDeadline: z.string(), deadline: z.string() }))
      .describe('provisional deadlines counted again on the notice'),
  })
  .meta({ id: 'NoticeLoaded' });

export const CalendarCountQuerySchema = z.object({ from: z.string().max(10), add: z.coerce.number().int().min(-36_500).max(36_500) }).strict();

export const CalendarViewSchema = z
  .object({
    covered: z.array(z.number().int()).describe('years whose holiday notice is known'),
    loaded: z.array(z.object({ year: z.number().int(), loadedAt: z.string(), source: z.string().nullable() })),
    deadline: z.string().nullable(),
    provisional: z.boolean().nullable().describe('the deadline reaches a year without a notice: counted on the statutory holidays'),
  })
  .meta({ id: 'CalendarView' });
