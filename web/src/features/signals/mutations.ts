import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, qs } from '../../api/client.js';
import type { IndicatorBody, IndicatorViewSchema, IngestReportSchema, ResponsibleBodySchema, ResponsibleViewSchema } from '../../../../src/contracts/http/signals.js';

export type IndicatorView = z.infer<typeof IndicatorViewSchema>;
export type IngestReport = z.infer<typeof IngestReportSchema>;
export type ResponsibleBody = z.infer<typeof ResponsibleBodySchema>;

/** Everything under /signals changes with a configuration or an import: charts, alarms, the tables. */
const useInvalidateSignals = () => {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['signals'] });
};

/** Adds an indicator, or replaces the configuration of an existing one (`replace`). */
export function useSaveIndicator() {
  const invalidate = useInvalidateSignals();
  return useMutation({
    mutationFn: ({ body, replace }: { body: IndicatorBody; replace: boolean }) =>
      api<IndicatorView>(`/signals/indicators${qs({ replace: replace ? 'true' : undefined })}`, { method: 'POST', body }),
    onSuccess: invalidate,
  });
}

/** Switches an indicator off (停用) or on again. */
export function useSwitchIndicator() {
  const invalidate = useInvalidateSignals();
  return useMutation({
    mutationFn: ({ key, enabled }: { key: string; enabled: boolean }) =>
      api<IndicatorView>(`/signals/indicators/${encodeURIComponent(key)}/enabled`, { method: 'PUT', body: { enabled } }),
    onSuccess: invalidate,
  });
}

/** Names the unit answering for a region's alarms. */
export function useSetResponsible() {
  const invalidate = useInvalidateSignals();
  return useMutation({
    mutationFn: (body: ResponsibleBody) => api<z.infer<typeof ResponsibleViewSchema>>('/signals/responsibles', { method: 'PUT', body }),
    onSuccess: invalidate,
  });
}

/** Uploads a count file: a dry run answers with the row report; a commit writes (all rows, or the valid ones). */
export function uploadCounts(file: File, options: { dryRun: boolean; skipInvalid: boolean }): Promise<IngestReport> {
  const form = new FormData();
  form.append('file', file);
  return api<IngestReport>(`/signals/counts/file${qs({ dryRun: String(options.dryRun), skipInvalid: options.skipInvalid ? 'true' : undefined })}`, {
    method: 'POST',
    form,
  });
}
