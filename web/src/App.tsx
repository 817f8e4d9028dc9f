import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import type { Locale } from 'antd/es/locale';
import zhCN from 'antd/es/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, Suspense, useEffect, useState } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { filterFromParams } from './features/items/filters.js';
import { itemPageQuery, itemQuery } from './features/items/queries.js';
import { ledgerTypesQuery, unitsQuery } from './features/ledgers/queries.js';
import { meQuery } from './features/session/queries.js';
import { ApiError, setApiLanguage } from './api/client.js';
import { AppLayout } from './components/AppLayout.js';
import { PageLoading } from './components/PageLoading.js';
import { RequireAuth } from './components/RequireAuth.js';
import { SessionWatcher } from './components/SessionWatcher.js';
import { I18nProvider, useI18n } from './i18n/index.js';
import { THEME } from './theme.js';

/** Refused requests are not retried: only a network failure or a 5xx may be passing. */
function shouldRetry(count: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status > 0 && error.status < 500) return false;
  return count < 2;
}

/** Route chunks; the one the address names starts loading at once, in parallel with the session check. */
const load = {
  login: () => import('./pages/LoginPage.js'),
  desk: () => import('./pages/DeskPage.js'),
  ledger: () => import('./pages/LedgerPage.js'),
  item: () => import('./pages/ItemPage.js'),
  readoutImport: () => import('./pages/ReadoutImportPage.js'),
  readoutDraft: () => import('./pages/ReadoutDraftPage.js'),
  dashboard: () => import('./pages/DashboardPage.js'),
  statsItems: () => import('./pages/StatsItemsPage.js'),
  bulletin: () => import('./pages/BulletinPage.js'),
  signals: () => import('./pages/SignalsPage.js'),
  admin: () => import('./pages/AdminPage.js'),
  audit: () => import('./pages/AuditPage.js'),
  notFound: () => import('./pages/NotFoundPage.js'),
};

/** The chunk of a path (the same table as the routes below). */
export function chunkOf(pathname: string): keyof typeof load {
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
      return second === 'new' ? 'readoutImport' : 'readoutDraft';
    case 'stats':
      return second === 'items' ? 'statsItems' : second === 'bulletin' ? 'bulletin' : 'dashboard';
    case 'signals':
      return 'signals';
    case 'admin':
      return 'admin';
    case 'audit':
      return 'audit';
    default:
      return 'notFound';
  }
}

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: shouldRetry, staleTime: 15_000, refetchOnWindowFocus: true }, mutations: { retry: false } } });

/** A decoded path segment; null when absent or malformed (the router then shows what it shows). */
function decodePart(part: string | undefined): string | null {
  try {
    return part ? decodeURIComponent(part) : null;
  } catch {
    return null;
  }
}

/** Pages whose first render needs units and ledger types (to name things) besides the session. */
const NAMING_CHUNKS: ReadonlySet<keyof typeof load> = new Set(['desk', 'ledger', 'item', 'dashboard', 'statsItems', 'readoutDraft']);

if (typeof window !== 'undefined') {
  const { pathname, search } = window.location;
  const chunk = chunkOf(pathname);
  void load[chunk]().catch(() => undefined);
  // Everything the first screen waits for starts now, side by side with the page's code: who is logged in, the
  // names of units and ledger types, and a ledger's first page (not one after the other once React has rendered).
  if (chunk !== 'login') void queryClient.prefetchQuery(meQuery(queryClient));
  if (NAMING_CHUNKS.has(chunk)) {
    void queryClient.prefetchQuery(unitsQuery(true));
    void queryClient.prefetchQuery(ledgerTypesQuery(true));
  }
  const second = decodePart(pathname.split('/').filter(Boolean)[1]);
  if (chunk === 'item' && second) void queryClient.prefetchQuery(itemQuery(second, true));
  if (chunk === 'ledger') void queryClient.prefetchQuery(itemPageQuery(filterFromParams(new URLSearchParams(search), second), null, true));
}

const LoginPage = lazy(load.login);
const DeskPage = lazy(load.desk);
const LedgerPage = lazy(load.ledger);
const ItemPage = lazy(load.item);
const ReadoutImportPage = lazy(load.readoutImport);
const ReadoutDraftPage = lazy(load.readoutDraft);
const DashboardPage = lazy(load.dashboard);
const StatsItemsPage = lazy(load.statsItems);
const BulletinPage = lazy(load.bulletin);
const SignalsPage = lazy(load.signals);
const AdminPage = lazy(load.admin);
const AuditPage = lazy(load.audit);
const NotFoundPage = lazy(load.notFound);


function Themed() {
  const { lang } = useI18n();
  const [enLocale, setEnLocale] = useState<Locale | null>(null);
  useEffect(() => {
    if (lang === 'en' && !enLocale) void import('antd/es/locale/en_US').then((m) => setEnLocale(m.default));
  }, [lang, enLocale]);
  useEffect(() => {
    setApiLanguage(lang);
    dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  setApiLanguage(lang);
  return (
    <ConfigProvider locale={lang === 'en' && enLocale ? enLocale : zhCN} theme={THEME}>
      <AntApp>
        <BrowserRouter>
          <SessionWatcher />
          <Suspense fallback={<PageLoading />}>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route path="/stats/bulletin" element={<RequireAuth><BulletinPage /></RequireAuth>} />
              <Route element={<RequireAuth><AppLayout /></RequireAuth>}>
                <Route index element={<DeskPage />} />
                <Route path="ledgers" element={<LedgerPage />} />
                <Route path="ledgers/:type" element={<LedgerPage />} />
                <Route path="items/:id" element={<ItemPage />} />
                <Route path="readouts/new" element={<ReadoutImportPage />} />
                <Route path="readouts/:id" element={<ReadoutDraftPage />} />
                <Route path="stats" element={<DashboardPage />} />
                <Route path="stats/items" element={<StatsItemsPage />} />
                <Route path="signals" element={<SignalsPage />} />
                <Route path="admin" element={<AdminPage />} />
                <Route path="audit" element={<AuditPage />} />
                <Route path="desk" element={<Navigate to="/" replace />} />
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Routes>
          </Suspense>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <Themed />
      </I18nProvider>
    </QueryClientProvider>
  );
}
