import { preloadGet, setApiLanguage } from './api/client.js';
import { filterFromParams, itemPagePath } from './features/items/filters.js';
import { storedLang } from './i18n/lang.js';
import { chunkOf, NAMING_CHUNKS, PAGES, pathPart } from './routes.js';

/**
 * The first thing the browser runs (a few kB, before React, antd and the page's code have loaded): it starts
 * loading the addressed page's code and the requests its first screen waits for — who is logged in, the names of
 * units and ledger types, a ledger's first page or an item — so that they travel while the code does, instead of
 * after it. The app's queries then take these answers (api/client.ts, preloadGet).
 */
export function startBoot({ pathname, search }: { readonly pathname: string; readonly search: string }): void {
  setApiLanguage(storedLang());
  const chunk = chunkOf(pathname);
  void PAGES[chunk]().catch(() => undefined); // a failed chunk is reported where React.lazy loads it again
  if (chunk === 'login') return;
  preloadGet('/me');
  if (NAMING_CHUNKS.has(chunk)) {
    preloadGet('/units');
    preloadGet('/ledger-types');
  }
  const second = pathPart(pathname, 1);
  if (chunk === 'item' && second) preloadGet(`/items/${encodeURIComponent(second)}`);
  if (chunk === 'ledger') preloadGet(itemPagePath(filterFromParams(new URLSearchParams(search), second), null));
}
