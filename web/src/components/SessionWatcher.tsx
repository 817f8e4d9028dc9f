import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { onSessionLost } from '../api/client.js';
import { sessionKeys } from '../features/session/queries.js';

/**
 * When any request finds the session gone (idle timeout, absolute lifetime, logged out elsewhere), forget who was
 * logged in and every cached answer; RequireAuth then sends the user to the login page, which says why and
 * returns to the same page afterwards.
 */
export function SessionWatcher() {
  const qc = useQueryClient();
  useEffect(
    () =>
      onSessionLost(() => {
        qc.setQueryData(sessionKeys.me, null);
        qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
      }),
    [qc],
  );
  return null;
}
