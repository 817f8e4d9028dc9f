import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import type { Unit, UserView } from '../../api/types.js';
import { orgKeys } from '../ledgers/queries.js';

export const adminKeys = { users: ['admin', 'users'] as const };

export function useUsers(enabled: boolean) {
  return useQuery({ queryKey: adminKeys.users, queryFn: () => api<UserView[]>('/admin/users'), enabled });
}

/** Writes of the admin page; each refreshes the lists it changes. */
export function useAdminMutations() {
  const qc = useQueryClient();
  const users = () => qc.invalidateQueries({ queryKey: adminKeys.users });
  return {
    addUser: useMutation({ mutationFn: (b: { username: string; displayName: string; unitId: string; password: string }) => api<UserView>('/admin/users', { body: b }), onSuccess: users }),
    setRoles: useMutation({ mutationFn: ({ id, roles }: { id: string; roles: string[] }) => api<UserView>(`/admin/users/${encodeURIComponent(id)}/roles`, { method: 'PUT', body: { roles } }), onSuccess: users }),
    setDisabled: useMutation({ mutationFn: ({ id, disabled }: { id: string; disabled: boolean }) => api(`/admin/users/${encodeURIComponent(id)}/disabled`, { method: 'PUT', body: { disabled } }), onSuccess: users }),
    resetTotp: useMutation({ mutationFn: (id: string) => api(`/admin/users/${encodeURIComponent(id)}/totp`, { method: 'DELETE' }) }),
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
