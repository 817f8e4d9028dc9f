import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import type { OfficialDocument } from '../../api/types.js';

/** What a bulletin says (the server's BulletinData): figures frozen at drafting, paragraphs the supervisor writes. */
export interface BulletinData {
  readonly from: string;
  readonly to: string;
  readonly issue: number;
  readonly summary: string;
  readonly ranking: readonly { rank: number; unit: string; due: number; onTime: number; onTimeRate: number; overdue: number }[];
  readonly nothingDue: readonly string[];
  readonly redItems: readonly { number: string; title: string; unit: string; deadline: string | null }[];
  readonly praise: string;
  readonly criticism: string;
  readonly issuer: string;
  readonly recipient: string;
  readonly cc: readonly string[];
}

export const bulletinKeys = { all: ['bulletins'] as const, one: (id: string) => ['bulletins', id] as const };

export function useBulletins() {
  return useQuery({ queryKey: bulletinKeys.all, queryFn: async () => (await api<{ bulletins: OfficialDocument[] }>('/bulletins')).bulletins });
}

export function useBulletin(id: string) {
  return useQuery({ queryKey: bulletinKeys.one(id), queryFn: () => api<OfficialDocument>(`/bulletins/${encodeURIComponent(id)}`) });
}

/** The bulletin's data as the editor reads it; null when the answer carries none (a list row). */
export const bulletinData = (d: OfficialDocument): BulletinData | null => (d.data ? (d.data as unknown as BulletinData) : null);

/** Draft, edit (with the version read: a concurrent edit is refused, not overwritten) and issue. */
export function useBulletinMutations() {
  const qc = useQueryClient();
  const refresh = (d: OfficialDocument) => {
    qc.setQueryData(bulletinKeys.one(d.id), d);
    return qc.invalidateQueries({ queryKey: bulletinKeys.all, exact: true });
  };
  return {
    draft: useMutation({ mutationFn: (b: { from: string; to: string }) => api<OfficialDocument>('/bulletins', { body: b }), onSuccess: refresh }),
    edit: useMutation({
      mutationFn: ({ id, ...b }: { id: string; version: number; praise?: string; criticism?: string; recipient?: string; cc?: string[] }) =>
        api<OfficialDocument>(`/bulletins/${encodeURIComponent(id)}`, { method: 'PATCH', body: b }),
      onSuccess: refresh,
    }),
    issue: useMutation({
      mutationFn: ({ id, passphrase }: { id: string; passphrase?: string }) =>
        api<OfficialDocument>(`/bulletins/${encodeURIComponent(id)}/issue`, { body: passphrase ? { passphrase } : {} }),
      onSuccess: refresh,
    }),
  };
}

/** The previous calendar month of a city day (YYYY-MM-DD): a bulletin's default period. */
export function previousMonth(today: string): { from: string; to: string } {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const year = m === 1 ? y - 1 : y;
  const month = m === 1 ? 12 : m - 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const mm = String(month).padStart(2, '0');
  return { from: `${year}-${mm}-01`, to: `${year}-${mm}-${String(last).padStart(2, '0')}` };
}
