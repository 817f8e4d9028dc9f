import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { onSessionLost } from '../api/client.js';
import { sessionKeys } from '../features/session/queries.js';

/**
 * When any request finds the session gone (idle timeout, absolute lifetime, logged out elsewhere), forget the
 * cached data and go to the login page, which says why and returns to this page afterwards.
 */
export function SessionWatcher() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  useEffect(
    () =>
      onSessionLost(() => {
        if (location.pathname === '/login') return;
        qc.setQueryData(sessionKeys.me, null);
        qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
        const next = `${location.pathname}${location.search}`;
        navigate(`/login?reason=expired&next=${encodeURIComponent(next)}`, { replace: true });
      }),
    [qc, navigate, location],
  );
  return null;
}
