import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, qs } from '../../api/client.js';
import type { AuditPage, ChainVerification } from '../../api/types.js';

export const auditKeys = { verify: ['audit', 'verify'] as const, log: ['audit', 'log'] as const };

/** Recomputes the chain on the server (auditor only). */
export function useChainVerification() {
  return useQuery({ queryKey: auditKeys.verify, queryFn: () => api<ChainVerification>('/audit/verify'), staleTime: 0 });
}

/** The event log, 100 at a time from the start. */
export function useAuditLog() {
  return useInfiniteQuery({
    queryKey: auditKeys.log,
    initialPageParam: 0,
    queryFn: ({ pageParam }) => api<AuditPage>(`/audit${qs({ after: pageParam, limit: 100 })}`),
    getNextPageParam: (last) => last.nextAfter ?? undefined,
  });
}
