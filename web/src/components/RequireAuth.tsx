import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { sessionWasLost } from '../api/client.js';
import { useMe } from '../features/session/queries.js';
import { ErrorAlert } from './ErrorAlert.js';
import { PageLoading } from './PageLoading.js';

/** Shows its children to a logged-in user; anyone else goes to the login page and comes back after. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <PageLoading />;
  if (me.isError) return <ErrorAlert error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) {
    const params = new URLSearchParams();
    if (sessionWasLost()) params.set('reason', 'expired');
    const next = `${location.pathname}${location.search}`;
    if (next !== '/') params.set('next', next);
    const q = params.toString();
    return <Navigate to={`/login${q ? `?${q}` : ''}`} replace />;
  }
  return <>{children}</>;
}
