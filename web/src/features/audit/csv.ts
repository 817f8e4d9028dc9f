/*
 * The auditor's export as CSV, made in the browser from the same search the page shows, so every word in it
 * (event names, units) comes from the catalogue the page uses. UTF-8 with a BOM so that Excel reads Chinese.
 */

/** A leading = + - @ (or tab / CR) would run as a formula when a spreadsheet opens the file: quote it away. */
const neutralise = (s: string): string => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

const cell = (v: string | number | null): string => {
  if (v === null) return '';
  const s = typeof v === 'number' ? String(v) : neutralise(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The file's text: a header row, then one row per record. */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  return `\uFEFF${[header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}
