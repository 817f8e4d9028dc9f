import { csvText } from '../../../../src/contracts/csv.js';

/*
 * The auditor's export as CSV, made in the browser from the same search the page shows, so every word in it
 * (event names, units) comes from the catalogue the page uses; written as the server writes its CSV exports.
 */

/** The file's text: a header row, then one row per record. */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  return csvText([header, ...rows]);
}
