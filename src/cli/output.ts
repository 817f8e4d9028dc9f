import Table from 'cli-table3';

/** Where a command writes; tests capture it instead of the real streams. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
}

export const processOutput: Output = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

/** Prints JSON for machines (`--json`): stable key order as built, two-space indent. */
export function printJson(o: Output, value: unknown): void {
  o.out(JSON.stringify(value, null, 2));
}

/** Prints rows as a table for people; cli-table3 measures CJK characters as double width. */
export function printTable(o: Output, head: readonly string[], rows: readonly (readonly unknown[])[]): void {
  const table = new Table({ head: [...head], style: { head: [], border: [] }, wordWrap: true });
  for (const r of rows) table.push(r.map((c) => (c === null || c === undefined ? '' : String(c))));
  o.out(table.toString());
}

/** Prints `label: value` lines for one record. */
export function printFields(o: Output, fields: readonly (readonly [string, unknown])[]): void {
  const width = Math.max(...fields.map(([k]) => k.length));
  o.out(fields.map(([k, v]) => `${k.padEnd(width)}  ${v === null || v === undefined ? '—' : String(v)}`).join('\n'));
}
