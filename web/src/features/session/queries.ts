import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client.js';
import type { Me } from '../../api/types.js';

export const sessionKeys = { me: ['me'] as const };

/** Who is logged in and what they may do; null when nobody is (the login page then shows). */
export function useMe() {
  const qc = useQueryClient();
  return useQuery({
    queryKey: sessionKeys.me,
    queryFn: async (): Promise<Me | null> => {
      try {
        const me = await api<Me>('/me', { quiet401: true });
        // Units and ledger types name things on every business page: ask for them now, while the page renders.
        if (me.can.readItems) {
          void qc.prefetchQuery({ queryKey: ['units'], queryFn: () => api('/units'), staleTime: 10 * 60_000 });
          void qc.prefetchQuery({ queryKey: ['ledger-types'], queryFn: () => api('/ledger-types'), staleTime: 10 * 60_000 });
        }
        return me;
      } catch (e) {
        if (e instanceof ApiError && (e.status === 401 || e.code === 'second_factor_required')) return null;
        throw e;
      }
    },
    staleTime: 60_000,
  });
}

/** The roles that never see business data (三权分立). */
export const isAdminOnly = (me: Me): boolean => !me.can.readItems && !me.can.readStats;
