/*
 * Timing of the ledger benchmark: latencies per action type, rates, and the table it prints.
 */

/** Latencies (ms) per label, kept in growable typed arrays: 400k samples must not strain the heap. */
export class Latencies {
  private readonly samples = new Map<string, { data: Float64Array; n: number }>();

  add(label: string, ms: number): void {
    let s = this.samples.get(label);
    if (!s) this.samples.set(label, (s = { data: new Float64Array(1024), n: 0 }));
    if (s.n === s.data.length) {
      const grown = new Float64Array(s.data.length * 2);
      grown.set(s.data);
      s.data = grown;
    }
    s.data[s.n++] = ms;
  }

  /** Per label: count, p50 and p99 (nearest rank), in insertion order of the labels. */
  summary(): { label: string; count: number; p50: number; p99: number }[] {
    return [...this.samples].map(([label, s]) => {
      const sorted = s.data.slice(0, s.n).sort();
      const rank = (p: number) => sorted[Math.min(s.n - 1, Math.max(0, Math.ceil(p * s.n) - 1))] ?? Number.NaN;
      return { label, count: s.n, p50: rank(0.5), p99: rank(0.99) };
    });
  }
}

/** Operations per second. */
export const perSecond = (count: number, ms: number): number => (ms > 0 ? (count / ms) * 1000 : Number.NaN);

export const fmtRate = (r: number): string => `${Math.round(r).toLocaleString('en-US')}/s`;
export const fmtMs = (ms: number): string => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
export const fmtCount = (n: number): string => n.toLocaleString('en-US');

/** CPU time of this process in ms (the machine is shared; per-core targets are judged on this). */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Prints rows as aligned columns. */
export function printTable(header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(header));
  for (const r of rows) console.log(line(r));
}
