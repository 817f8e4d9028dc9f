import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import type { ReadoutConfirmedBody, ReadoutDraftViewBody, ReadoutEdit } from '../../../../src/contracts/http/readouts.js';
import { itemKeys } from '../items/queries.js';

export type ReadoutDraft = ReadoutDraftViewBody;
export type { ReadoutEdit };

export const readoutKeys = { draft: (id: string) => ['readouts', id] as const };

export function useReadoutDraft(id: string) {
  return useQuery({ queryKey: readoutKeys.draft(id), queryFn: () => api<ReadoutDraft>(`/readouts/${encodeURIComponent(id)}`), staleTime: Infinity });
}

/** Paste (JSON) or upload (multipart) a readout; the answer is the new draft. */
export function useImportReadout() {
  return useMutation({
    mutationFn: (input: { text: string; meetingDate?: string } | { file: File; meetingDate?: string }) => {
      if ('file' in input) {
        const form = new FormData();
        if (input.meetingDate) form.append('meetingDate', input.meetingDate);
        form.append('file', input.file, input.file.name);
        return api<ReadoutDraft>('/readouts/upload', { form });
      }
      return api<ReadoutDraft>('/readouts', { body: { text: input.text, ...(input.meetingDate ? { meetingDate: input.meetingDate } : {}) } });
    },
  });
}

/** Applies edits with the version seen; the draft in the cache is replaced by the server's answer (text kept). */
export function useEditReadout(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ edits, version }: { edits: ReadoutEdit[]; version: number }) => api<ReadoutDraft>(`/readouts/${encodeURIComponent(id)}/edits`, { body: { edits, version } }),
    onSuccess: (draft) => qc.setQueryData<ReadoutDraft>(readoutKeys.draft(id), (old) => ({ ...draft, text: old?.text ?? draft.text })),
    onError: () => qc.invalidateQueries({ queryKey: readoutKeys.draft(id) }),
  });
}

export function useConfirmReadout(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (assign: boolean) => api<ReadoutConfirmedBody>(`/readouts/${encodeURIComponent(id)}/confirm`, { body: { assign } }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: readoutKeys.draft(id) });
      void qc.invalidateQueries({ queryKey: itemKeys.all });
    },
  });
}
