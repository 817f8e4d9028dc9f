import { z } from 'zod';
import { ITEM_STATUSES } from '../../domain/item.js';
import { SIGNAL_ALGORITHMS } from '../../signals/index.js';
import { LocalDateQuery } from './common.js';

/*
 * Request and response schemas of /signals (监测预警). Requests are validated here for shape; the use cases
 * check the meaning (an algorithm's control, known units and indicators, the writer's scope) and answer
 * problem+json with their own codes.
 */

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const IndicatorBodySchema = z
  .object({
    key: z.string().min(1).max(64).describe('letters, digits, _ . - ; stable, used in count files'),
    name: z.string().min(1).max(200),
    algorithm: z.enum(SIGNAL_ALGORITHMS),
    control: z.record(z.string(), z.unknown()).optional().describe("the algorithm's controls as in R's surveillance package; R's defaults fill the rest"),
    frequency: z.enum(['day', 'week']),
    windowPeriods: z.number().int().min(1).max(3660).optional().describe('periods a sequential chart (cusum, glrnb) runs over; required for those'),
    ledgerType: z.string().min(1).max(100).optional().describe('ledger of the alarm items (default `signal`, 监测预警信号)'),
  })
  .strict();
export type IndicatorBody = z.infer<typeof IndicatorBodySchema>;

export const IndicatorQuerySchema = z.object({ replace: flag.optional().describe('replace an existing indicator of that key') }).strict();

export const IndicatorViewSchema = z
  .object({
    key: z.string(),
    name: z.string(),
    algorithm: z.string(),
    control: z.unknown(),
    frequency: z.enum(['day', 'week']),
    windowPeriods: z.number().int(),
    ledgerType: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    disabledAt: z.string().nullable().describe('when it was switched off (停用): detection leaves it alone; null while monitored'),
  })
  .meta({ id: 'SignalIndicator' });

export const IndicatorKeyParamSchema = z.object({ key: z.string().min(1).max(64) }).strict();

export const IndicatorSwitchBodySchema = z.object({ enabled: z.boolean().describe('false switches the indicator off (停用), true on again (启用)') }).strict();

export const ResponsibleBodySchema = z
  .object({
    region: z.string().min(1).max(200).describe('region unit: id, code or unique name'),
    unit: z.string().min(1).max(200).describe('the unit that answers for its alarms: id, code or unique name'),
    indicator: z.string().min(1).max(64).optional().describe('one indicator; every indicator of the region when absent'),
  })
  .strict();

export const ResponsibleViewSchema = z
  .object({
    regionUnitId: z.string(),
    regionName: z.string().nullable(),
    indicator: z.string().nullable().describe('null: every indicator of the region'),
    unitId: z.string(),
    unitName: z.string().nullable(),
  })
  .meta({ id: 'SignalResponsible' });

export const CountRowSchema = z
  .object({
    region: z.string().min(1).max(200),
    indicator: z.string().min(1).max(64),
    period: z.string().min(1).max(20).describe('YYYY-MM-DD (day) or YYYY-Www (ISO week)'),
    count: z
      .union([z.number(), z.string().max(40), z.null()])
      .optional()
      .describe('a whole number ≥ 0; null or absent: missing (NA)'),
  })
  .strict();

export const CountsJsonBodySchema = z
  .object({
    rows: z.array(CountRowSchema).min(1).max(200_000),
    skipInvalid: z.boolean().optional().describe('write the valid rows even when others have errors'),
  })
  .strict();

/** JSON rows, or the text of a CSV file (Content-Type text/csv, UTF-8 or `charset=gb18030`). */
export const CountsBodySchema = z.union([CountsJsonBodySchema, z.string().describe('CSV: region,indicator,period,count')]);

export const CountsQuerySchema = z
  .object({
    skipInvalid: flag.optional().describe('CSV bodies: write the valid rows even when others have errors'),
    dryRun: flag.optional().describe('check only (试导入): answer 200 with the report of what would be written, write nothing'),
  })
  .strict();

export const CountFileQuerySchema = z
  .object({
    skipInvalid: flag.optional().describe('write the valid rows even when others have errors'),
    dryRun: flag.optional().describe('check only (试导入): answer 200 with the report of what would be written, write nothing'),
  })
  .strict();

const IngestErrorSchema = z.object({ line: z.number().int(), column: z.string().optional(), code: z.string(), message: z.string(), messageZh: z.string() });

export const IngestReportSchema = z
  .object({
    committed: z.boolean(),
    valid: z.number().int(),
    invalid: z.number().int(),
    inserted: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    series: z.number().int(),
    errors: z.array(IngestErrorSchema).describe('one per problem: line (CSV line, or 1-based row of JSON), column, code, texts'),
  })
  .meta({ id: 'SignalIngestReport' });

export const DetectBodySchema = z
  .object({
    date: LocalDateQuery.optional().describe('evaluate as of this city date (default today): the latest period over by its end'),
    indicators: z.array(z.string().min(1).max(64)).min(1).max(200).optional(),
  })
  .strict();

const ProblemTextSchema = z.object({ code: z.string(), message: z.string(), messageZh: z.string() });

export const DetectReportSchema = z
  .object({
    date: z.string(),
    evaluatedAt: z.string(),
    series: z.array(
      z.object({
        indicator: z.string(),
        region: z.string(),
        regionName: z.string(),
        status: z.enum(['alarm_opened', 'alarm_open', 'no_alarm', 'no_result', 'error']),
        period: z.string().nullable(),
        count: z.number().nullable(),
        observed: z.number().nullable(),
        threshold: z.number().nullable(),
        expected: z.number().nullable(),
        gaps: z.array(z.string()),
        periodsBehind: z.number().nullable(),
        item: z.object({ id: z.string(), number: z.string(), unitId: z.string() }).optional(),
        problem: ProblemTextSchema.optional(),
      }),
    ),
    outOfScope: z.number().int(),
    totals: z.record(z.string(), z.number()),
  })
  .meta({ id: 'SignalDetectReport' });

export const SignalStatsQuerySchema = z
  .object({
    from: LocalDateQuery.optional(),
    to: LocalDateQuery.optional(),
    windowHours: z.coerce
      .number()
      .positive()
      .max(24 * 365)
      .optional()
      .describe('response window in hours (24, as in CIDARS)'),
  })
  .strict();

const FiguresSchema = z.object({
  alarms: z.number().int(),
  responseDue: z.number().int(),
  respondedInTime: z.number().int(),
  responseRate: z.number().nullable(),
  medianResponseMinutes: z.number().nullable(),
  verificationDue: z.number().int(),
  verifiedInTime: z.number().int(),
  verificationRate: z.number().nullable(),
  medianVerificationMinutes: z.number().nullable(),
  closed: z.number().int(),
  trueAlarms: z.number().int(),
  falseAlarms: z.number().int(),
  trueAlarmShare: z.number().nullable(),
  cancelled: z.number().int(),
  itemIds: z.array(z.string()),
  lateItemIds: z.array(z.string()),
});

export const SignalStatsSchema = z
  .object({
    computedAt: z.string(),
    from: z.string().nullable(),
    to: z.string().nullable(),
    windowHours: z.number(),
    totals: FiguresSchema.nullable().describe("null for an API token bound to a unit narrower than its user's scope: only its units' rows are given"),
    byUnit: z.array(FiguresSchema.extend({ unitId: z.string(), unitName: z.string() })),
    byUnitWeek: z.array(FiguresSchema.extend({ unitId: z.string(), unitName: z.string(), week: z.string() })),
  })
  .meta({ id: 'SignalStats' });

export const SeriesQuerySchema = z
  .object({
    region: z.string().min(1).max(200).describe('region unit: id, code or unique name'),
    indicator: z.string().min(1).max(64),
    periods: z.coerce.number().int().min(1).max(3660).optional().describe('trailing periods shown (default 52 weeks or 90 days)'),
  })
  .strict();

export const SeriesChartSchema = z
  .object({
    indicator: z.object({ key: z.string(), name: z.string(), algorithm: z.string(), frequency: z.enum(['day', 'week']), control: z.unknown(), windowPeriods: z.number().int() }),
    region: z.object({ id: z.string(), name: z.string() }),
    thresholdScale: z.enum(['count', 'statistic']).describe('statistic: observed and threshold are a chart statistic and its limit (glrnb)'),
    points: z.array(
      z.object({
        period: z.string(),
        periodStart: z.string(),
        count: z.number().nullable(),
        observed: z.number().nullable(),
        expected: z.number().nullable(),
        threshold: z.number().nullable().describe('upper bound of the band'),
        alarm: z.boolean().nullable(),
      }),
    ),
    detections: z.array(
      z.object({
        period: z.string(),
        periodStart: z.string(),
        outcome: z.string(),
        observed: z.number().nullable(),
        threshold: z.number().nullable(),
        evaluatedAt: z.string(),
        alarmAt: z.string().nullable(),
        item: z
          .object({ id: z.string(), number: z.string(), status: z.enum(ITEM_STATUSES), leadUnitId: z.string().nullable() })
          .nullable()
          .describe('the item the alarm opened, when the reader may see it'),
      }),
    ),
    gaps: z.array(z.string()),
    problem: ProblemTextSchema.nullable(),
  })
  .meta({ id: 'SignalSeriesChart' });

export const IndicatorListSchema = z.object({ indicators: z.array(IndicatorViewSchema) });
export const ResponsibleListSchema = z.object({ responsibles: z.array(ResponsibleViewSchema) });
