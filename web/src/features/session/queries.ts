import { useQuery } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client.js';
import type { Me } from '../../api/types.js';

export const sessionKeys = { me: ['me'] as const };

/** Who is logged in and what they may do; null when nobody is (the login page then shows). */
export function useMe() {
  return useQuery({
    queryKey: sessionKeys.me,
    queryFn: async (): Promise<Me | null> => {
      try {
        return await api<Me>('/me', { quiet401: true });
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
