import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client.js';
import type { Me } from '../../api/types.js';
import { ledgerTypesQuery, unitsQuery } from '../ledgers/queries.js';

export const sessionKeys = { me: ['me'] as const };

/** The query of who is logged in (also started at boot, before React renders, in parallel with the page's code). */
export const meQuery = (qc: QueryClient) => ({
  queryKey: sessionKeys.me,
  queryFn: async (): Promise<Me | null> => {
    try {
      const me = await api<Me>('/me', { quiet401: true });
      // Units and ledger types name things on every business page: ask for them now, while the page renders.
      if (me.can.readItems) {
        void qc.prefetchQuery(unitsQuery());
        void qc.prefetchQuery(ledgerTypesQuery());
      }
      return me;
    } catch (e) {
      if (e instanceof ApiError && (e.status === 401 || e.code === 'second_factor_required')) return null;
      throw e;
    }
  },
  staleTime: 60_000,
});

/** Who is logged in and what they may do; null when nobody is (the login page then shows). */
export function useMe() {
  return useQuery(meQuery(useQueryClient()));
}

/** The roles that never see business data (三权分立). */
export const isAdminOnly = (me: Me): boolean => !me.can.readItems && !me.can.readStats;
