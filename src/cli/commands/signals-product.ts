import type { Command } from 'commander';
import { processOutput, type Output } from '../output.js';
import { registerSignalsDetect } from './signals-detect.js';
import { registerSignalsIndicator } from './signals-indicator.js';
import { registerSignalsIngest } from './signals-ingest.js';
import { registerSignalsStats } from './signals-stats.js';

/**
 * Adds the product's signal commands to `luoshi signals`: ingest, indicator add|list, responsible set|list,
 * detect, stats, series.
 */
export function registerSignalsProduct(program: Command, o: Output = processOutput): void {
  registerSignalsIngest(program, o);
  registerSignalsIndicator(program, o);
  registerSignalsDetect(program, o);
  registerSignalsStats(program, o);
}
