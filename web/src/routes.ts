/*
 * Which page (code chunk) an address opens, without React: boot.ts starts loading that chunk and the page's
 * requests before the rest of the app has arrived; App.tsx renders the pages. The same table as its routes.
 */
import type { ComponentType } from 'react';

export type Chunk =
  | 'login'
  | 'desk'
  | 'ledger'
  | 'item'
  | 'readoutImport'
  | 'readoutList'
  | 'readoutDraft'
  | 'dashboard'
  | 'statsItems'
  | 'bulletin'
  | 'bulletins'
  | 'signals'
  | 'inspection'
  | 'admin'
  | 'audit'
  | 'signingKey'
  | 'notFound';

/** Each page's code (a chunk of its own). */
export const PAGES: Record<Chunk, () => Promise<{ default: ComponentType }>> = {
  login: () => import('./pages/LoginPage.js'),
  desk: () => import('./pages/DeskPage.js'),
  ledger: () => import('./pages/LedgerPage.js'),
  item: () => import('./pages/ItemPage.js'),
  readoutImport: () => import('./pages/ReadoutImportPage.js'),
  readoutList: () => import('./pages/ReadoutListPage.js'),
  readoutDraft: () => import('./pages/ReadoutDraftPage.js'),
  dashboard: () => import('./pages/DashboardPage.js'),
  statsItems: () => import('./pages/StatsItemsPage.js'),
  bulletin: () => import('./pages/BulletinPage.js'),
  bulletins: () => import('./pages/BulletinsPage.js'),
  signals: () => import('./pages/SignalsPage.js'),
  inspection: () => import('./pages/InspectionPage.js'),
  admin: () => import('./pages/AdminPage.js'),
  audit: () => import('./pages/AuditPage.js'),
  signingKey: () => import('./pages/SigningKeyPage.js'),
  notFound: () => import('./pages/NotFoundPage.js'),
};

/** The chunk of a path. */
export function chunkOf(pathname: string): Chunk {
  const [first = '', second = ''] = pathname.split('/').filter(Boolean);
  switch (first) {
    case '':
      return 'desk';
    case 'login':
      return 'login';
    case 'ledgers':
      return 'ledger';
    case 'items':
      return 'item';
    case 'readouts':
      return second === 'new' ? 'readoutImport' : second === '' ? 'readoutList' : 'readoutDraft';
    case 'stats':
      return second === 'items' ? 'statsItems' : second === 'bulletin' ? 'bulletin' : 'dashboard';
    case 'bulletins':
      return 'bulletins';
    case 'signals':
      return 'signals';
    case 'inspection':
      return 'inspection';
    case 'admin':
      return 'admin';
    case 'audit':
      return 'audit';
    case 'signing-key':
      return 'signingKey';
    default:
      return 'notFound';
  }
}

/** Pages whose first render needs units and ledger types (to name things) besides the session. */
export const NAMING_CHUNKS: ReadonlySet<Chunk> = new Set(['desk', 'ledger', 'item', 'dashboard', 'statsItems', 'readoutDraft']);

/** The decoded n-th segment of a path; null when absent or malformed (the router then shows what it shows). */
export function pathPart(pathname: string, n: number): string | null {
  const part = pathname.split('/').filter(Boolean)[n];
  try {
    return part ? decodeURIComponent(part) : null;
  } catch {
    return null;
  }
}
