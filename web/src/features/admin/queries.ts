import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import type { AccountRequest, Unit, UserView } from '../../api/types.js';
import { orgKeys } from '../ledgers/queries.js';

export const adminKeys = { users: ['admin', 'users'] as const, requests: ['admin', 'requests'] as const };

export function useUsers(enabled: boolean) {
  return useQuery({ queryKey: adminKeys.users, queryFn: () => api<UserView[]>('/admin/users'), enabled });
}

/** Two-person account changes waiting for the other admin. */
export function useAccountRequests(enabled: boolean) {
  return useQuery({ queryKey: adminKeys.requests, queryFn: () => api<AccountRequest[]>('/admin/requests'), enabled });
}

/**
 * Whether a write's answer is a request waiting for the other admin (202 with the request) rather than the
 * change itself: changes to admin accounts, password and second-factor resets go through a second person.
 */
export const isPendingRequest = (answer: unknown): answer is AccountRequest =>
  typeof answer === 'object' && answer !== null && 'approverRoles' in answer && (answer as AccountRequest).decision === null;

/** Writes of the admin page; each refreshes the lists it changes. */
export function useAdminMutations() {
  const qc = useQueryClient();
  // A write may have changed a user or filed a request (or decided one, which changes a user): both lists refresh.
  const users = () => Promise.all([qc.invalidateQueries({ queryKey: adminKeys.users }), qc.invalidateQueries({ queryKey: adminKeys.requests })]);
  return {
    addUser: useMutation({
      mutationFn: (b: { username: string; displayName: string; unitId: string; password: string }) => api<UserView>('/admin/users', { body: b }),
      onSuccess: users,
    }),
    setRoles: useMutation({
      mutationFn: ({ id, roles }: { id: string; roles: string[] }) =>
        api<UserView | AccountRequest>(`/admin/users/${encodeURIComponent(id)}/roles`, { method: 'PUT', body: { roles } }),
      onSuccess: users,
    }),
    setDisabled: useMutation({
      mutationFn: ({ id, disabled }: { id: string; disabled: boolean }) => api<unknown>(`/admin/users/${encodeURIComponent(id)}/disabled`, { method: 'PUT', body: { disabled } }),
      onSuccess: users,
    }),
    resetTotp: useMutation({ mutationFn: (id: string) => api<AccountRequest>(`/admin/users/${encodeURIComponent(id)}/totp`, { method: 'DELETE' }), onSuccess: users }),
    resetPassword: useMutation({
      mutationFn: ({ id, password }: { id: string; password: string }) =>
        api<AccountRequest>(`/admin/users/${encodeURIComponent(id)}/password`, { method: 'PUT', body: { password } }),
      onSuccess: users,
    }),
    decide: useMutation({
      mutationFn: ({ id, approve }: { id: string; approve: boolean }) =>
        api<AccountRequest>(`/admin/requests/${encodeURIComponent(id)}/${approve ? 'approve' : 'refuse'}`, { method: 'POST' }),
      onSuccess: users,
    }),
    addUnit: useMutation({ mutationFn: (b: Unit) => api<Unit>('/admin/units', { body: b }), onSuccess: () => qc.invalidateQueries({ queryKey: orgKeys.units }) }),
  };
}

export interface UnitNode {
  readonly key: string;
  readonly title: string;
  readonly children: UnitNode[];
}

/** The units as a tree (roots: units without a parent, or whose parent is unknown), children by name. */
export function unitTree(units: readonly Unit[]): UnitNode[] {
  const ids = new Set(units.map((u) => u.id));
  const byParent = new Map<string | null, Unit[]>();
  for (const u of units) {
    const p = u.parentId !== null && ids.has(u.parentId) ? u.parentId : null;
    byParent.set(p, [...(byParent.get(p) ?? []), u]);
  }
  const build = (parent: string | null, seen: Set<string>): UnitNode[] =>
    (byParent.get(parent) ?? [])
      .filter((u) => !seen.has(u.id))
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
      .map((u) => ({ key: u.id, title: u.name, children: build(u.id, new Set([...seen, u.id])) }));
  return build(null, new Set());
}
