import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { NotificationList } from '../../../../src/contracts/http/notify.js';
import { api } from '../../api/client.js';

export const notificationKeys = { all: ['notifications'] as const, list: () => [...notificationKeys.all, 'list'] as const };

/** How often the bell looks for new notifications while the app is open. */
const POLL_MS = 30_000;

/** The signed-in person's latest notifications and unread count (the bell). */
export function useNotifications(enabled: boolean) {
  return useQuery({
    queryKey: notificationKeys.list(),
    queryFn: () => api<NotificationList>('/notifications?limit=20'),
    enabled,
    refetchInterval: POLL_MS,
    staleTime: 10_000,
  });
}

/** Marks notifications read (the ids, or all with null), then reloads the bell. */
export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (ids: readonly string[] | null) => api<{ marked: number }>('/notifications/read', { body: { ids } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}
