import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { NotificationList, NotifyPreferencesBody } from '../../../../src/contracts/http/notify.js';
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

export const preferenceKeys = { mine: ['notifications', 'preferences'] as const };

/** The signed-in person's notification preferences. */
export function usePreferences(enabled: boolean) {
  return useQuery({ queryKey: preferenceKeys.mine, queryFn: () => api<NotifyPreferencesBody>('/notifications/preferences'), enabled });
}

export function useSavePreferences() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (p: NotifyPreferencesBody) => api<NotifyPreferencesBody>('/notifications/preferences', { method: 'PUT', body: p }),
    onSuccess: (p) => qc.setQueryData(preferenceKeys.mine, p),
  });
}
