import { z } from 'zod';

/*
 * Inspection rounds (城市安全运行常态化检查) over HTTP. The domain validates plans and results again (every
 * checklist line answered, a failed line described): these schemas only bound the shape and size.
 */

const date = z.string().max(10).describe('YYYY-MM-DD');

export const INSPECTION_CADENCES = ['weekly', 'monthly', 'before_holidays'] as const;
export const ROUND_STATUSES = ['open', 'overdue', 'recorded', 'upcoming'] as const;
export const LINE_RESULTS = ['pass', 'fail', 'na'] as const;

export const ChecklistLineSchema = z.object({ key: z.string().max(40), label: z.string().max(100), category: z.string().max(40) }).meta({ id: 'ChecklistLine' });
export const InspectionPlaceSchema = z
  .object({ name: z.string().max(200), district: z.string().max(100).optional(), address: z.string().max(300).optional() })
  .meta({ id: 'InspectionPlace' });

export const InspectionPlanBodySchema = z
  .object({
    title: z.string().max(200),
    unitId: z.string().max(100),
    cadence: z.enum(INSPECTION_CADENCES),
    checklist: z.array(z.object({ key: z.string().max(40), label: z.string().max(100), category: z.string().max(40).optional() })).max(100),
    places: z.array(InspectionPlaceSchema).max(2000).optional(),
    placesText: z.string().max(200_000).optional().describe('the place list pasted: one name per line (instead of places)'),
    startsOn: date.optional(),
    endsOn: date.nullish(),
  })
  .strict()
  .meta({ id: 'InspectionPlanBody' });
export type InspectionPlanBody = z.infer<typeof InspectionPlanBodySchema>;

export const InspectionPlanViewSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    unitId: z.string(),
    cadence: z.enum(INSPECTION_CADENCES),
    checklist: z.array(ChecklistLineSchema),
    places: z.array(InspectionPlaceSchema),
    startsOn: z.string(),
    endsOn: z.string().nullable(),
  })
  .meta({ id: 'InspectionPlan' });
export type InspectionPlanView = z.infer<typeof InspectionPlanViewSchema>;

export const RoundViewSchema = z
  .object({
    id: z.string(),
    planId: z.string(),
    planTitle: z.string(),
    unitId: z.string(),
    placeNo: z.number().int(),
    place: InspectionPlaceSchema,
    period: z.string(),
    opensOn: z.string(),
    dueOn: z.string(),
    status: z.enum(ROUND_STATUSES),
    onTime: z.boolean().nullable(),
    recordedOn: z.string().nullable(),
    recordedBy: z.string().nullable(),
    hazardItemIds: z.array(z.string()),
  })
  .meta({ id: 'InspectionRound' });
export type RoundViewBody = z.infer<typeof RoundViewSchema>;

export const RecordedLineSchema = z
  .object({ key: z.string(), label: z.string(), result: z.enum(LINE_RESULTS), note: z.string().nullable(), photos: z.array(z.string()) })
  .meta({ id: 'RecordedLine' });

export const RoundDetailSchema = z
  .object({
    round: RoundViewSchema,
    cadence: z.enum(INSPECTION_CADENCES),
    checklist: z.array(ChecklistLineSchema),
    lines: z.array(RecordedLineSchema).nullable().describe('what was recorded, once the round is'),
    note: z.string().nullable(),
    photos: z.array(z.object({ id: z.string(), fileName: z.string(), mediaType: z.string(), digest: z.string() })),
  })
  .meta({ id: 'InspectionRoundDetail' });
export type RoundDetail = z.infer<typeof RoundDetailSchema>;

export const RoundsQuerySchema = z
  .object({
    status: z
      .string()
      .max(60)
      .optional()
      .describe(`comma-separated: ${ROUND_STATUSES.join(', ')}`),
    planId: z.string().max(200).optional(),
    from: date.optional(),
    to: date.optional(),
  })
  .strict();

export const RoundResultsBodySchema = z
  .object({
    lines: z
      .array(
        z.object({
          key: z.string().max(40),
          result: z.enum(LINE_RESULTS),
          note: z.string().max(2000).optional(),
          photos: z.array(z.string().max(200)).max(10).optional(),
          hazard: z.record(z.string(), z.unknown()).optional().describe('a failed line: level (general|major) and, for major, the five 落实'),
        }),
      )
      .max(100),
    note: z.string().max(2000).optional(),
  })
  .strict()
  .meta({ id: 'InspectionResults' });
export type RoundResultsBody = z.infer<typeof RoundResultsBodySchema>;

export const RoundRecordedSchema = z
  .object({ round: RoundViewSchema, hazards: z.array(z.object({ id: z.string(), number: z.string(), title: z.string() })) })
  .meta({ id: 'InspectionRoundRecorded' });
export type RoundRecordedBody = z.infer<typeof RoundRecordedSchema>;

export const InspectionPhotoViewSchema = z.object({ id: z.string(), fileName: z.string(), mediaType: z.string(), digest: z.string() }).meta({ id: 'InspectionPhoto' });
export type InspectionPhotoView = z.infer<typeof InspectionPhotoViewSchema>;

const CoverageFiguresSchema = z.object({
  due: z.number().int(),
  recorded: z.number().int(),
  onTime: z.number().int(),
  late: z.number().int(),
  missed: z.array(z.string()).describe('ids of the rounds due and not recorded'),
  coverageRate: z.number().nullable().describe('rounds recorded on time ÷ rounds due'),
  hazards: z.number().int(),
  hazardsPerRound: z.number().nullable(),
});
export const CoverageSchema = z
  .object({ from: z.string(), to: z.string(), total: CoverageFiguresSchema, groups: z.array(CoverageFiguresSchema.extend({ unitId: z.string(), label: z.string() })) })
  .meta({ id: 'InspectionCoverage' });
export const CoverageQuerySchema = z.object({ from: date.optional(), to: date.optional() }).strict();
