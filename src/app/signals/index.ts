/**
 * Monitoring signals in the product (监测预警): count series, indicators, detection that opens items, the
 * verification outcome and the CIDARS statistics. Plain functions for the CLI, the API and the scheduler.
 */
export {
  configureIndicator,
  switchIndicator,
  listIndicators,
  setResponsibleUnit,
  listResponsibleUnits,
  IndicatorConfigSchema,
  CONTROL_PARSERS,
  type IndicatorConfigInput,
  type ResponsibleInput,
} from './indicators.js';
export { ingestCounts, ingestCountRows, type IngestOptions, type IngestReport, type CountRowInput } from './ingest.js';
export type { IngestError, IngestErrorCode } from './ingest-rows.js';
export { ingestCountFile, MAX_COUNT_FILE_BYTES } from './count-file.js';
export { detectSignals, type DetectOptions, type DetectReport, type SeriesDetection, type SeriesStatus } from './detect.js';
export { recordVerification, VERIFICATION_OUTCOMES, type VerificationInput, type VerificationOutcome } from './verify.js';
export { signalStatistics, type SignalStats, type SignalStatsQuery, type UnitFigures, type UnitWeekFigures } from './statistics.js';
export { responseFigures, type ResponseFigures, type AlarmRecord } from './response-figures.js';
export { seriesChart, type SeriesChart, type SeriesChartQuery, type ChartPoint, type ChartDetection } from './series-view.js';
export type { EvaluationProblem } from './evaluate.js';
