import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import type { Objection, OpenObjectionsOfItem } from '../../api/types.js';
import { itemKeys } from './queries.js';

/** Items with open 异议 in the supervisor's scope (the desk); the texts are read on each item's page. */
export function useOpenObjections(enabled: boolean) {
  return useQuery({ queryKey: ['objections', 'open'], queryFn: () => api<OpenObjectionsOfItem[]>('/objections/open'), enabled });
}

/** The objections of one item, opened (supervisor only: they are personal data and their read is logged). */
export function useItemObjections(itemId: string, enabled: boolean) {
  return useQuery({ queryKey: ['objections', 'item', itemId], queryFn: () => api<Objection[]>(`/items/${encodeURIComponent(itemId)}/objections`), enabled });
}

/** Answers an objection (the reply is shown on the public page, masked), optionally reopening the item. */
export function useHandleObjection(itemId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (h: { objectionId: string; reply: string; reopen: boolean }) =>
      api<Objection>(`/items/${encodeURIComponent(itemId)}/objections/${encodeURIComponent(h.objectionId)}/handle`, { body: { reply: h.reply, reopen: h.reopen } }),
    onSettled: async () => {
      await qc.invalidateQueries({ queryKey: ['objections'] });
      await qc.invalidateQueries({ queryKey: itemKeys.all });
    },
  });
}
