import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ContactsBody, DeliveryView, NotifyChannelBody, NotifyChannelView, NotifySettingsView } from '../../../../src/contracts/http/notify-admin.js';
import { api } from '../../api/client.js';

export type DeliveryStatus = DeliveryView['status'];

export const notifyAdminKeys = {
  all: ['admin', 'notify'] as const,
  channels: ['admin', 'notify', 'channels'] as const,
  log: (status: DeliveryStatus | null) => ['admin', 'notify', 'log', status ?? 'all'] as const,
  settings: ['admin', 'notify', 'settings'] as const,
  contacts: ['admin', 'notify', 'contacts'] as const,
};

export const useChannels = () => useQuery({ queryKey: notifyAdminKeys.channels, queryFn: () => api<NotifyChannelView[]>('/admin/notify/channels') });

/** The delivery log, newest first; refreshed every 10 s while open, as deliveries are retried in the background. */
export const useDeliveryLog = (status: DeliveryStatus | null) =>
  useQuery({
    queryKey: notifyAdminKeys.log(status),
    queryFn: () => api<DeliveryView[]>(`/admin/notify/log?limit=200${status ? `&status=${status}` : ''}`),
    refetchInterval: 10_000,
  });

export const useNotifySettings = () => useQuery({ queryKey: notifyAdminKeys.settings, queryFn: () => api<NotifySettingsView>('/admin/notify/settings') });

export const useContactKinds = () => useQuery({ queryKey: notifyAdminKeys.contacts, queryFn: () => api<Record<string, string[]>>('/admin/notify/contacts') });

/** Writes of the notifications tab; each refreshes what it changes. */
export function useNotifyAdminMutations() {
  const qc = useQueryClient();
  const refresh = (key: readonly string[]) => () => qc.invalidateQueries({ queryKey: key });
  return {
    addChannel: useMutation({ mutationFn: (b: NotifyChannelBody) => api<NotifyChannelView>('/admin/notify/channels', { body: b }), onSuccess: refresh(notifyAdminKeys.channels) }),
    disableChannel: useMutation({
      mutationFn: (id: string) => api<unknown>(`/admin/notify/channels/${encodeURIComponent(id)}/disable`, { method: 'POST' }),
      onSuccess: refresh(notifyAdminKeys.channels),
    }),
    resend: useMutation({
      mutationFn: (id: string) => api<unknown>(`/admin/notify/log/${encodeURIComponent(id)}/resend`, { method: 'POST' }),
      onSuccess: refresh([...notifyAdminKeys.all, 'log']),
    }),
    saveSettings: useMutation({
      mutationFn: (digestAt: string) => api<NotifySettingsView>('/admin/notify/settings', { method: 'PUT', body: { digestAt } }),
      onSuccess: (s) => qc.setQueryData(notifyAdminKeys.settings, s),
    }),
    saveRules: useMutation({
      mutationFn: (rules: NotifySettingsView['ruleOverrides']) => api<NotifySettingsView>('/admin/notify/settings', { method: 'PUT', body: { rules } }),
      onSuccess: (s) => qc.setQueryData(notifyAdminKeys.settings, s),
    }),
    setContacts: useMutation({
      mutationFn: ({ id, body }: { id: string; body: ContactsBody }) => api<{ changed: string[] }>(`/admin/users/${encodeURIComponent(id)}/contacts`, { method: 'PUT', body }),
      onSuccess: refresh(notifyAdminKeys.contacts),
    }),
  };
}
