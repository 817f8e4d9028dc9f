import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
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

/**
 * Applies edits one request at a time, each with the latest version the client has (quick successive edits —
 * a blur and a date picked right after — would otherwise race each other into a version conflict); the draft
 * in the cache is replaced by the server's answer (text kept). Another tab's change still conflicts, as it should.
 */
export function useEditReadout(id: string) {
  const qc = useQueryClient();
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  return useMutation({
    mutationFn: ({ edits, version }: { edits: ReadoutEdit[]; version: number }) => {
      const run = queue.current.catch(() => undefined).then(() => {
        const latest = qc.getQueryData<ReadoutDraft>(readoutKeys.draft(id))?.version ?? version;
        return api<ReadoutDraft>(`/readouts/${encodeURIComponent(id)}/edits`, { body: { edits, version: Math.max(latest, version) } }).then((draft) => {
          qc.setQueryData<ReadoutDraft>(readoutKeys.draft(id), (old) => ({ ...draft, text: old?.text ?? draft.text }));
          return draft;
        });
      });
      queue.current = run;
      return run;
    },
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
