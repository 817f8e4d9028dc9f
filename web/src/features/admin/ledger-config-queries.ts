import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request } from '../../api/client.js';
import { orgKeys } from '../ledgers/queries.js';
import type { LedgerConfig, LedgerConfigView } from './ledger-config.js';

export const ledgerConfigKey = ['admin', 'ledger-config'] as const;

/** The tenant's ledger type settings with their version (system admin). */
export function useLedgerConfig(enabled: boolean) {
  return useQuery({ queryKey: ledgerConfigKey, queryFn: async () => (await request<LedgerConfigView>('/ledger-types/config')).data, enabled, staleTime: 0 });
}

/** Saves the settings from the version the editor started from; a stale version is refused (412). */
export function useSaveLedgerConfig() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ config, version }: { config: LedgerConfig; version: number }) =>
      (await request<LedgerConfigView>('/ledger-types/config', { method: 'PUT', body: config, ifMatch: version })).data,
    onSuccess: (view) => {
      qc.setQueryData(ledgerConfigKey, view);
      // Ledger pages, forms and the desk read the types from GET /ledger-types.
      return qc.invalidateQueries({ queryKey: orgKeys.ledgerTypes });
    },
  });
}
