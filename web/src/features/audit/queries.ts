import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, qs } from '../../api/client.js';
import type { AuditEvent, AuditSearchPage, ChainVerification } from '../../api/types.js';

export const auditKeys = { verify: ['audit', 'verify'] as const, log: (f: AuditFilter) => ['audit', 'log', f] as const };

/** What the auditor narrows the log to; every part optional. Days are YYYY-MM-DD in the city. */
export interface AuditFilter {
  readonly type?: string;
  readonly user?: string;
  readonly unit?: string;
  readonly item?: string;
  readonly from?: string;
  readonly to?: string;
}

/** Recomputes the chain on the server (auditor only). */
export function useChainVerification() {
  return useQuery({ queryKey: auditKeys.verify, queryFn: () => api<ChainVerification>('/audit/verify'), staleTime: 0 });
}

const page = (f: AuditFilter, before: number | undefined, limit: number) => api<AuditSearchPage>(`/audit/search${qs({ ...f, before, limit })}`);

/** The event log newest first, narrowed by the filter, 100 at a time. */
export function useAuditLog(f: AuditFilter) {
  return useInfiniteQuery({
    queryKey: auditKeys.log(f),
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) => page(f, pageParam, 100),
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
}

/** Every event the filter selects, newest first, up to `max` (what the export writes). */
export async function allAuditEvents(f: AuditFilter, max = 50_000): Promise<{ events: AuditEvent[]; truncated: boolean }> {
  const events: AuditEvent[] = [];
  let before: number | undefined;
  do {
    const p = await page(f, before, 1000);
    events.push(...p.events);
    before = p.nextBefore ?? undefined;
  } while (before !== undefined && events.length < max);
  return { events: events.slice(0, max), truncated: before !== undefined };
}
