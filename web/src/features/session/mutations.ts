import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import type { SessionView, TotpEnrolment } from '../../api/types.js';
import { sessionKeys } from './queries.js';

export interface LoginInput {
  readonly username: string;
  readonly password: string;
  readonly totp?: string;
}

export function useLogin() {
  return useMutation({ mutationFn: (input: LoginInput) => api<SessionView>('/session', { body: input, quiet401: true }) });
}

export function useBeginTotp() {
  return useMutation({ mutationFn: () => api<TotpEnrolment>('/me/totp', { method: 'POST', quiet401: true }) });
}

export function useConfirmTotp() {
  return useMutation({ mutationFn: (code: string) => api<{ ok: true }>('/me/totp/confirm', { body: { code }, quiet401: true }) });
}

/** Ends the session on the server and forgets every cached answer. */
export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ ok: true }>('/session', { method: 'DELETE', quiet401: true }).catch(() => ({ ok: true as const })),
    onSettled: () => {
      qc.setQueryData(sessionKeys.me, null);
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
    },
  });
}
