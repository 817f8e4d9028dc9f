import { useQueries, useQuery } from '@tanstack/react-query';
import { api, qs } from '../../api/client.js';
import type { ItemView, StatsView } from '../../api/types.js';

export interface StatsParams {
  readonly from: string | null;
  readonly to: string | null;
  readonly by: 'deadline' | 'assigned' | 'closed';
  readonly groupBy: 'leadUnit' | 'ledgerType';
  readonly ledger: string | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The dashboard's period and grouping from the URL (both dates or neither). */
export function statsParamsFrom(p: URLSearchParams): StatsParams {
  const from = p.get('from');
  const to = p.get('to');
  const ok = from && to && DATE.test(from) && DATE.test(to);
  const by = p.get('by');
  return {
    from: ok ? from : null,
    to: ok ? to : null,
    by: by === 'assigned' || by === 'closed' ? by : 'deadline',
    groupBy: p.get('groupBy') === 'ledgerType' ? 'ledgerType' : 'leadUnit',
    ledger: p.get('ledger') || null,
  };
}

export const statsQuery = (s: StatsParams) => ({ from: s.from, to: s.to, by: s.by, groupBy: s.groupBy, ledger: s.ledger });

export const statsKeys = { all: ['stats'] as const, report: (s: StatsParams) => ['stats', 'report', s] as const, drill: (q: string) => ['stats', 'drill', q] as const };

export function useStats(s: StatsParams) {
  return useQuery({ queryKey: statsKeys.report(s), queryFn: () => api<StatsView>(`/stats${qs(statsQuery(s))}`) });
}

/** The items behind one figure (the API's drill-down link, kept as it is). */
export function useDrill(query: string) {
  return useQuery({ queryKey: statsKeys.drill(query), queryFn: () => api<{ total: number; items: ItemView[] }>(`/stats/items?${query}`) });
}

/**
 * The ledger page listing the items behind a light count, from the API's list link
 * (`/api/v1/items?ledger=…&unit=…&light=…`): one ledger type goes in the path, the other filters in the query
 * as the ledger page reads them (the dashboard filters by one ledger type at most). Empty when the count has no link.
 */
export function lightHref(link: string | null | undefined): string {
  if (!link) return '';
  const api = new URLSearchParams(link.slice(link.indexOf('?') + 1));
  const ledgers = (api.get('ledger') ?? '').split(',').filter(Boolean);
  const out = new URLSearchParams();
  for (const key of ['unit', 'light', 'state']) {
    const v = api.get(key);
    if (v) out.set(key, v);
  }
  const path = ledgers.length === 1 ? `/ledgers/${encodeURIComponent(ledgers[0]!)}` : '/ledgers';
  const q = out.toString();
  return q ? `${path}?${q}` : path;
}

/** Percent text of a rate (null when nothing was due). */
export const pct = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);

/** The query string of a drill-down link (what follows `/api/v1/stats/items?`). */
export const drillQuery = (link: string): string => link.slice(link.indexOf('?') + 1);

/** The web page listing the items behind a figure (empty when the figure has no link). */
export const drillHref = (link: string | undefined): string => (link ? `/stats/items?${drillQuery(link)}` : '');

/** CSV of the ranking (Excel opens UTF-8 with the BOM). */
export function rankingCsv(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const esc = (v: string | number) => {
    const s = String(v);
    return /[",\n\r]/.test(s) || /^[=+\-@]/.test(s) ? `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"` : s;
  };
  return '\uFEFF' + [header, ...rows].map((r) => r.map(esc).join(',')).join('\r\n') + '\r\n';
}

/** The months (first and last day) ending with the month of `today`, oldest first. */
export function lastMonths(today: string, n: number): { label: string; from: string; to: string }[] {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const out: { label: string; from: string; to: string }[] = [];
  for (let k = n - 1; k >= 0; k--) {
    const idx = y * 12 + (m - 1) - k;
    const yy = Math.floor(idx / 12);
    const mm = (idx % 12) + 1;
    const last = new Date(Date.UTC(yy, mm, 0)).getUTCDate();
    const p = (v: number) => String(v).padStart(2, '0');
    out.push({ label: `${yy}-${p(mm)}`, from: `${yy}-${p(mm)}-01`, to: `${yy}-${p(mm)}-${p(last)}` });
  }
  return out;
}

/** 按期办结率 and 办结率 of the items due in each of the last `n` months (one request per month). */
export function useTrend(ledger: string | null, today: string, n = 6) {
  const months = lastMonths(today, n);
  const results = useQueries({
    queries: months.map((mo) => {
      const s: StatsParams = { from: mo.from, to: mo.to, by: 'deadline', groupBy: 'leadUnit', ledger };
      return { queryKey: statsKeys.report(s), queryFn: () => api<StatsView>(`/stats${qs(statsQuery(s))}`) };
    }),
  });
  return {
    pending: results.some((r) => r.isPending),
    points: months.map((mo, i) => ({
      ...mo,
      onTime: results[i]?.data?.total.on_time_rate?.value ?? null,
      closure: results[i]?.data?.total.closure_rate?.value ?? null,
      due: results[i]?.data?.total.due?.value ?? 0,
    })),
  };
}
