import { useCallback, useState } from 'react';

interface State {
  readonly key: string;
  /** Cursor of each page visited so far: page 0 starts at null. */
  readonly cursors: readonly (string | null)[];
  readonly index: number;
}

export interface CursorPages {
  /** 0-based page number. */
  readonly index: number;
  /** The cursor to fetch the current page with. */
  readonly cursor: string | null;
  readonly hasPrev: boolean;
  /** Moves on to the page that starts at `nextCursor` (the current page's answer). */
  next(nextCursor: string): void;
  prev(): void;
}

/**
 * Paging over a cursor API: the server only says where the next page starts, so the cursors of the pages seen
 * are kept to go back. A new filter (another `key`) starts again at the first page.
 */
export function useCursorPages(key: string): CursorPages {
  const [state, setState] = useState<State>({ key, cursors: [null], index: 0 });
  const current = state.key === key ? state : { key, cursors: [null], index: 0 };
  if (current !== state) setState(current);
  const next = useCallback(
    (nextCursor: string) =>
      setState((s) => {
        const base = s.key === key ? s : { key, cursors: [null], index: 0 };
        const cursors = [...base.cursors.slice(0, base.index + 1), nextCursor];
        return { key, cursors, index: base.index + 1 };
      }),
    [key],
  );
  const prev = useCallback(() => setState((s) => (s.key === key && s.index > 0 ? { ...s, index: s.index - 1 } : s)), [key]);
  return { index: current.index, cursor: current.cursors[current.index] ?? null, hasPrev: current.index > 0, next, prev };
}
