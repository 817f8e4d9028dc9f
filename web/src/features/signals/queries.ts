import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, qs } from '../../api/client.js';
import type { IndicatorListSchema, ResponsibleListSchema, SeriesChartSchema, SignalStatsSchema } from '../../../../src/contracts/http/signals.js';

export type IndicatorList = z.infer<typeof IndicatorListSchema>;
export type ResponsibleList = z.infer<typeof ResponsibleListSchema>;
export type SeriesChart = z.infer<typeof SeriesChartSchema>;
export type SignalStats = z.infer<typeof SignalStatsSchema>;

export const signalKeys = {
  indicators: ['signals', 'indicators'] as const,
  responsibles: ['signals', 'responsibles'] as const,
  series: (region: string, indicator: string) => ['signals', 'series', region, indicator] as const,
  stats: ['signals', 'stats'] as const,
};

export function useIndicators() {
  return useQuery({ queryKey: signalKeys.indicators, queryFn: () => api<IndicatorList>('/signals/indicators') });
}

export function useResponsibles() {
  return useQuery({ queryKey: signalKeys.responsibles, queryFn: () => api<ResponsibleList>('/signals/responsibles') });
}

export function useSeries(region: string | null, indicator: string | null) {
  return useQuery({
    queryKey: signalKeys.series(region ?? '', indicator ?? ''),
    queryFn: () => api<SeriesChart>(`/signals/series${qs({ region, indicator })}`),
    enabled: Boolean(region && indicator),
  });
}

export function useSignalStats() {
  return useQuery({ queryKey: signalKeys.stats, queryFn: () => api<SignalStats>('/signals/stats') });
}
