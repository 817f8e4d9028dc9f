/** Monitoring signals: aberration detection on aggregate count series, validated against R's surveillance. */
export { runSignalCase, signalCaseSchema, SIGNAL_ALGORITHMS, type CaseResult, type SignalAlgorithm, type SignalCase } from './case-runner.js';
export { farringtonFlexible, farringtonFlexibleControl, farringtonFlexibleControlSchema, type FarringtonFlexibleControl } from './farrington-flexible.js';
export { farrington, farringtonControl, farringtonControlSchema, type FarringtonControl } from './farrington.js';
export { earsC, earsControl, earsControlSchema, type EarsControl } from './ears.js';
export { cusum, cusumControl, cusumControlSchema, type CusumControl } from './cusum.js';
export { glrnb, glrnbControl, glrnbControlSchema, type GlrnbControl } from './glrnb.js';
export { cidars, cidarsControl, cidarsControlSchema, type CidarsControl } from './cidars.js';
export { SignalsError, type SignalsErrorCode } from './errors.js';
export type { CountSeries, IndexRange, SignalResult } from './series.js';
export { parseSeriesCsv, assembleSeries, type CsvError, type CsvErrorCode, type SeriesRow, type AssembledSeries } from './csv.js';
