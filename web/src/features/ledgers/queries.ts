import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from '../../api/client.js';
import type { LedgerType, Localised, Unit } from '../../api/types.js';
import { useI18n } from '../../i18n/index.js';

export const orgKeys = { ledgerTypes: ['ledger-types'] as const, units: ['units'] as const };

/** Ledger types and units change rarely; `quiet401` for the requests started before the session is known. */
export const ledgerTypesQuery = (quiet401 = false) => ({ queryKey: orgKeys.ledgerTypes, queryFn: () => api<LedgerType[]>('/ledger-types', { quiet401 }), staleTime: 10 * 60_000 });
export const unitsQuery = (quiet401 = false) => ({ queryKey: orgKeys.units, queryFn: () => api<Unit[]>('/units', { quiet401 }), staleTime: 10 * 60_000 });

export function useLedgerTypes() {
  return useQuery(ledgerTypesQuery());
}

export function useUnits(enabled = true) {
  return useQuery({ ...unitsQuery(), enabled });
}

/** Unit id → name (the id itself while loading or for a unit one cannot see). */
export function useUnitName(): (id: string | null | undefined) => string {
  const units = useUnits().data;
  const names = useMemo(() => new Map((units ?? []).map((u) => [u.id, u.name])), [units]);
  return (id) => (id ? (names.get(id) ?? id) : '');
}

/** A bilingual label in the current language. */
export function useLocalised(): (l: Localised | undefined) => string {
  const { lang } = useI18n();
  return (l) => (l ? (lang === 'en' ? l.en : l.zh) : '');
}

/** Ledger type key → its definition. */
export function useLedgerTypeMap(): Map<string, LedgerType> {
  const types = useLedgerTypes().data;
  return useMemo(() => new Map((types ?? []).map((x) => [x.key, x])), [types]);
}

/** Units as Select options, sorted with departments first by name. */
export function useUnitOptions(): { value: string; label: string }[] {
  const units = useUnits().data;
  return useMemo(() => (units ?? []).map((u) => ({ value: u.id, label: u.name })).sort((a, b) => a.label.localeCompare(b.label, 'zh-CN')), [units]);
}
