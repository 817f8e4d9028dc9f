import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, qs } from '../../api/client.js';
import type { InspectionPhotoViewSchema, RoundDetailSchema, RoundRecordedSchema, RoundResultsBodySchema, RoundViewSchema } from '../../../../src/contracts/http/inspection.js';
import { itemKeys } from '../items/queries.js';

/* Inspection rounds (城市安全运行常态化检查): the rounds on the desk, one round's form, photos, the record. */

export type RoundView = z.infer<typeof RoundViewSchema>;
export type RoundDetail = z.infer<typeof RoundDetailSchema>;
export type RoundResults = z.input<typeof RoundResultsBodySchema>;
export type RoundRecorded = z.infer<typeof RoundRecordedSchema>;
export type InspectionPhoto = z.infer<typeof InspectionPhotoViewSchema>;

export const inspectionKeys = {
  all: ['inspection'] as const,
  rounds: (status: string) => ['inspection', 'rounds', status] as const,
  round: (id: string) => ['inspection', 'round', id] as const,
};

/** Rounds in these states that the user may see (an inspector: their unit's; a supervisor: their area's). */
export function useRounds(status: string) {
  return useQuery({ queryKey: inspectionKeys.rounds(status), queryFn: () => api<RoundView[]>(`/inspection/rounds${qs({ status })}`) });
}

export function useRound(id: string | null) {
  return useQuery({ queryKey: inspectionKeys.round(id ?? ''), queryFn: () => api<RoundDetail>(`/inspection/rounds/${encodeURIComponent(id!)}`), enabled: id !== null });
}

/** Uploads one photo of a round (multipart); the answer's id goes into the line's photos. */
export function useUploadPhoto(roundId: string) {
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api<InspectionPhoto>(`/inspection/rounds/${encodeURIComponent(roundId)}/photos`, { form });
    },
  });
}

/** Records a round; the hazards it opened are new items, so item lists are refreshed too. */
export function useRecordRound(roundId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: RoundResults) => api<RoundRecorded>(`/inspection/rounds/${encodeURIComponent(roundId)}/record`, { body }),
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: inspectionKeys.all }), qc.invalidateQueries({ queryKey: itemKeys.all })]),
  });
}
