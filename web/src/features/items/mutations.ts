import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import type { ItemView } from '../../api/types.js';
import { itemKeys } from './queries.js';

export interface ActionInput {
  readonly slug: string;
  readonly body: Record<string, unknown>;
  /** The version the user saw: a stale one is refused (409/412) and explained, never merged. */
  readonly version: number;
}

/** POST /items/:id/{action} with If-Match; on success (or a conflict) every view of items is refreshed. */
export function useItemAction(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ slug, body, version }: ActionInput) => api<ItemView>(`/items/${encodeURIComponent(id)}/${slug}`, { body, ifMatch: version }),
    onSettled: () => qc.invalidateQueries({ queryKey: itemKeys.all }),
  });
}

/** PATCH /items/:id with If-Match: 修改 of a draft, or a supervisor's correction of an item at work. */
export function useEditItem(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, version }: { body: Record<string, unknown>; version: number }) =>
      api<ItemView>(`/items/${encodeURIComponent(id)}`, { method: 'PATCH', body, ifMatch: version }),
    onSettled: () => qc.invalidateQueries({ queryKey: itemKeys.all }),
  });
}

export interface CreateItemInput {
  readonly ledgerType: string;
  readonly title: string;
  readonly content?: string;
  readonly fields?: Record<string, unknown>;
  readonly priority?: string;
  /** 立项并交办: assigned in the same request (and transaction). */
  readonly assign?: { readonly leadUnitId: string; readonly coUnitIds?: readonly string[]; readonly deadline?: string };
}

export function useCreateItem() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateItemInput) => api<ItemView>('/items', { body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: itemKeys.lists() }),
  });
}
