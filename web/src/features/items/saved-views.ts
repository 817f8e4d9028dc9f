import { useCallback, useState } from 'react';

/** A named ledger view: the search string of its URL (filters, sort, size, columns). */
export interface SavedView {
  readonly name: string;
  readonly search: string;
}

const KEY = 'luoshi.views';

/** Views kept per ledger (or "all"), newest first; a name saved again replaces the old view. */
export function withView(list: readonly SavedView[], view: SavedView, max = 20): SavedView[] {
  return [view, ...list.filter((v) => v.name !== view.name)].slice(0, max);
}

function read(): Record<string, SavedView[]> {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '{}') as unknown;
    return raw && typeof raw === 'object' ? (raw as Record<string, SavedView[]>) : {};
  } catch {
    return {};
  }
}

/** The saved views of one ledger, kept in this browser. */
export function useSavedViews(ledger: string) {
  const [views, setViews] = useState<SavedView[]>(() => read()[ledger] ?? []);
  const write = useCallback(
    (next: SavedView[]) => {
      const all = read();
      all[ledger] = next;
      try {
        localStorage.setItem(KEY, JSON.stringify(all));
      } catch {
        /* storage full or blocked: the view lasts for this page only */
      }
      setViews(next);
    },
    [ledger],
  );
  return {
    views: (read()[ledger] ?? views) as readonly SavedView[],
    save: (name: string, search: string) => write(withView(read()[ledger] ?? [], { name: name.trim().slice(0, 40), search })),
    remove: (name: string) => write((read()[ledger] ?? []).filter((v) => v.name !== name)),
  };
}
