/** The escalation ladder in the product: the sweep that takes each overdue item's due step (催办 → 督办函 → 通报). */
export { sweepEscalations, type SweepReport, type SweepStep, type SweepFailure } from './sweep.js';
export { stepsTaken } from './due.js';
