import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, qs, request } from '../../api/client.js';
import type { Evidence, ItemDetail, ItemFacets, ItemView, Page } from '../../api/types.js';
import { apiQuery, itemPagePath, type ItemFilter } from './filters.js';

/** Query keys of items: all → lists → list(filter, cursor); all → detail(id). */
export const itemKeys = {
  all: ['items'] as const,
  lists: () => [...itemKeys.all, 'list'] as const,
  list: (f: ItemFilter, cursor: string | null) => [...itemKeys.lists(), f, cursor] as const,
  details: () => [...itemKeys.all, 'detail'] as const,
  detail: (id: string) => [...itemKeys.details(), id] as const,
  evidence: (id: string) => [...itemKeys.all, 'evidence', id] as const,
  ledgerCounts: (f: ItemFilter) => [...itemKeys.all, 'ledger-counts', { ...f, ledger: null, size: 0 }] as const,
};

/**
 * How many items the filter holds per ledger type, whatever tab is open (the ledger's tabs show them): one
 * count request (GET /items/facets), never a page of rows. Sort and paging do not change a count.
 */
export function useLedgerCounts(f: ItemFilter) {
  const { sort: _sort, ...query } = apiQuery({ ...f, ledger: null });
  return useQuery({
    queryKey: itemKeys.ledgerCounts(f),
    queryFn: ({ signal }) => api<ItemFacets>(`/items/facets${qs({ ...query, by: 'ledger' })}`, { signal }),
    placeholderData: keepPreviousData,
  });
}

/** One page of a filtered list (the server pages by cursor). */
export function useItemPage(f: ItemFilter, cursor: string | null) {
  return useQuery({ ...itemPageQuery(f, cursor), placeholderData: keepPreviousData });
}

/** The query of one page of a list (also used to start the first page before the ledger's code has loaded). */
export const itemPageQuery = (f: ItemFilter, cursor: string | null, quiet401 = false) => ({
  queryKey: itemKeys.list(f, cursor),
  queryFn: ({ signal }: { signal?: AbortSignal }) => api<Page<ItemView>>(itemPagePath(f, cursor), { signal, quiet401 }),
});

/** An item with its children, timeline, provenance and the actions this user may take now; the ETag's version too. */
export function useItem(id: string) {
  return useQuery(itemQuery(id));
}

/** The query of an item (also started at boot when the address names one, `quiet401` as the session is not known yet). */
export const itemQuery = (id: string, quiet401 = false) => ({
  queryKey: itemKeys.detail(id),
  queryFn: async ({ signal }: { signal?: AbortSignal }) => (await request<ItemDetail>(`/items/${encodeURIComponent(id)}`, { signal, quiet401 })).data,
});

export function useEvidence(id: string, enabled = true) {
  return useQuery({ queryKey: itemKeys.evidence(id), queryFn: () => api<Evidence[]>(`/items/${encodeURIComponent(id)}/evidence`), enabled });
}

/** Shows a picture of the item on its public page, or stops showing it (supervisors; JPEG and PNG, metadata removed). */
export function useSetEvidencePublic(itemId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { evidenceId: string; public: boolean }) =>
      api<{ evidenceId: string; public: boolean }>(`/evidence/${encodeURIComponent(v.evidenceId)}/public`, { method: 'PUT', body: { public: v.public } }),
    onSettled: () => qc.invalidateQueries({ queryKey: itemKeys.evidence(itemId) }),
  });
}

/** The URL of an export of exactly the filtered list (the browser downloads it with the session cookie). */
export function exportUrl(f: ItemFilter, format: 'xlsx' | 'csv', lang: 'zh' | 'en'): string {
  return `/api/v1/items/export${qs({ ...apiQuery(f), format, lang })}`;
}
