/*
 * CSV as offices open it (in Excel): one writer for the server's item exports and the web's audit export, so both
 * quote and neutralise the same way.
 */

/** A leading = + - @ (or tab / CR) would run as a formula when a spreadsheet opens the CSV: quote it away. */
export function neutralise(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** One cell: empty for null, neutralised, quoted when it holds a quote, comma or line break. */
export function csvCell(v: string | number | null): string {
  if (v === null) return '';
  const s = typeof v === 'number' ? String(v) : neutralise(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The file's text: a UTF-8 BOM (so that Excel reads Chinese), then one CRLF line per row. */
export function csvText(rows: readonly (readonly (string | number | null)[])[]): string {
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
