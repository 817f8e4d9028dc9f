import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { api } from '../../api/client.js';
import type { ReadoutConfirmedBody, ReadoutDraftListBody, ReadoutDraftSummaryBody, ReadoutDraftViewBody, ReadoutEdit } from '../../../../src/contracts/http/readouts.js';
import { itemKeys } from '../items/queries.js';

export type ReadoutDraft = ReadoutDraftViewBody;
export type { ReadoutEdit };

export type ReadoutDraftSummary = ReadoutDraftSummaryBody;

export const readoutKeys = { all: ['readouts'] as const, list: ['readouts', 'list'] as const, draft: (id: string) => ['readouts', 'draft', id] as const };

/** 导入记录: the caller's own drafts, newest first. */
export function useReadoutDrafts() {
  return useQuery({ queryKey: readoutKeys.list, queryFn: () => api<ReadoutDraftListBody>('/readouts').then((r) => r.drafts) });
}

/** 放弃: sets an open draft aside (with the version the list showed, so a draft changed meanwhile is not lost). */
export function useDiscardReadout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) => api<ReadoutDraftSummary>(`/readouts/${encodeURIComponent(id)}/discard`, { body: { version } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: readoutKeys.all }),
  });
}

export function useReadoutDraft(id: string) {
  return useQuery({ queryKey: readoutKeys.draft(id), queryFn: () => api<ReadoutDraft>(`/readouts/${encodeURIComponent(id)}`), staleTime: Infinity });
}

/** Paste (JSON) or upload (multipart) a readout; the answer is the new draft. */
export function useImportReadout() {
  const qc = useQueryClient();
  return useMutation({
    onSuccess: () => qc.invalidateQueries({ queryKey: readoutKeys.list }),
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
      const run = queue.current
        .catch(() => undefined)
        .then(() => {
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
      void qc.invalidateQueries({ queryKey: readoutKeys.all });
      void qc.invalidateQueries({ queryKey: itemKeys.all });
    },
  });
}
