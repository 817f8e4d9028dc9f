import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import type { SigningKey, SigningPolicy } from '../../api/types.js';

const keys = { mine: ['signing-keys', 'mine'] as const, all: ['signing-keys', 'all'] as const, policy: ['signing-policy'] as const };

/** The person's own signing keys (to know whether they can sign, and whether the key is registered yet). */
export function useMySigningKeys(enabled = true) {
  return useQuery({ queryKey: keys.mine, queryFn: () => api<SigningKey[]>('/signing-keys/mine'), enabled });
}

/** Enrols a key sealed by the passphrase; the passphrase goes in this one request and nowhere else. */
export function useEnrolSigningKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (passphrase: string) => api<SigningKey>('/signing-keys/mine', { body: { passphrase } }),
    onSettled: () => qc.invalidateQueries({ queryKey: ['signing-keys'] }),
  });
}

/** Every key of the tenant with its owner (security admin). */
export function useAllSigningKeys(enabled = true) {
  return useQuery({ queryKey: keys.all, queryFn: () => api<SigningKey[]>('/admin/signing-keys'), enabled });
}

/** Registers an enrolled key, or revokes one with a reason (security admin). */
export function useChangeSigningKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (c: { keyId: string; to: 'register' } | { keyId: string; to: 'revoke'; reason: string }) =>
      api<SigningKey>(`/admin/signing-keys/${encodeURIComponent(c.keyId)}/${c.to}`, c.to === 'revoke' ? { body: { reason: c.reason } } : { method: 'POST' }),
    onSettled: () => qc.invalidateQueries({ queryKey: ['signing-keys'] }),
  });
}

/** The city's signing policy (签章要求): whether a signed decision is refused to a person without a registered key. */
export function useSigningPolicy(enabled = true) {
  return useQuery({ queryKey: keys.policy, queryFn: async () => (await api<{ policy: SigningPolicy }>('/signing-policy')).policy, enabled });
}

/** Sets the signing policy (security admin). */
export function useSetSigningPolicy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (policy: SigningPolicy) => api<{ policy: SigningPolicy }>('/admin/signing-policy', { method: 'PUT', body: { policy } }),
    onSettled: () => qc.invalidateQueries({ queryKey: keys.policy }),
  });
}
