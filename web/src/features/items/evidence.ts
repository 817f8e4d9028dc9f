import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import type { Evidence } from '../../api/types.js';
import type { EvidenceLimits, EvidenceWithdrawal } from '../../../../src/contracts/http/evidence.js';
import { itemKeys } from './queries.js';

/** The pictures and PDF shown inline when the server's list is not known yet (the same as its list). */
export const DEFAULT_PREVIEW_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf'];

/** What an upload may be (largest size, types shown inline), as the server states it; read once. */
export function useEvidenceLimits() {
  return useQuery({ queryKey: ['evidence-limits'], queryFn: () => api<EvidenceLimits>('/evidence-limits'), staleTime: Infinity });
}

/**
 * Uploads one file into an action dialog's staging: the item's list is not refreshed, since the file is the
 * item's only once the action citing it is submitted (which refreshes every view of the item).
 */
export function useStageUpload(itemId: string) {
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api<Evidence>(`/items/${encodeURIComponent(itemId)}/evidence`, { form });
    },
  });
}

/** 撤回: the uploader takes a file back; the item's list and timeline are refreshed. */
export function useWithdrawEvidence(itemId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ evidenceId, reason }: { evidenceId: string; reason?: string }) =>
      api<EvidenceWithdrawal>(`/evidence/${encodeURIComponent(evidenceId)}/withdraw`, { body: reason ? { reason } : {} }),
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: itemKeys.evidence(itemId) }), qc.invalidateQueries({ queryKey: itemKeys.detail(itemId) })]),
  });
}
