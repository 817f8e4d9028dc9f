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
import { chunkOf, NAMING_CHUNKS, PAGES, pathPart } from './routes.js';
import { THEME } from './theme.js';

/** Refused requests are not retried: only a network failure or a 5xx may be passing. */
function shouldRetry(count: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status > 0 && error.status < 500) return false;
  return count < 2;
}

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: shouldRetry, staleTime: 15_000, refetchOnWindowFocus: true }, mutations: { retry: false } } });

if (typeof window !== 'undefined') {
  const { pathname, search } = window.location;
  const chunk = chunkOf(pathname);
  // The first screen's queries start now, before React renders, on the answers of the requests boot.ts sent
  // while this code was loading: who is logged in, the names of units and ledger types, a ledger's first page.
  if (chunk !== 'login') void queryClient.prefetchQuery(meQuery(queryClient));
  if (NAMING_CHUNKS.has(chunk)) {
    void queryClient.prefetchQuery(unitsQuery(true));
    void queryClient.prefetchQuery(ledgerTypesQuery(true));
  }
  const second = pathPart(pathname, 1);
  if (chunk === 'item' && second) void queryClient.prefetchQuery(itemQuery(second, true));
  if (chunk === 'ledger') void queryClient.prefetchQuery(itemPageQuery(filterFromParams(new URLSearchParams(search), second), null, true));
}

const LoginPage = lazy(PAGES.login);
const DeskPage = lazy(PAGES.desk);
const LedgerPage = lazy(PAGES.ledger);
const ItemPage = lazy(PAGES.item);
const ReadoutImportPage = lazy(PAGES.readoutImport);
const ReadoutListPage = lazy(PAGES.readoutList);
const ReadoutDraftPage = lazy(PAGES.readoutDraft);
const DashboardPage = lazy(PAGES.dashboard);
const StatsItemsPage = lazy(PAGES.statsItems);
const BulletinPage = lazy(PAGES.bulletin);
const BulletinsPage = lazy(PAGES.bulletins);
const SignalsPage = lazy(PAGES.signals);
const InspectionPage = lazy(PAGES.inspection);
const AdminPage = lazy(PAGES.admin);
const AuditPage = lazy(PAGES.audit);
const SigningKeyPage = lazy(PAGES.signingKey);
const NotFoundPage = lazy(PAGES.notFound);

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
              <Route
                path="/stats/bulletin"
                element={
                  <RequireAuth>
                    <BulletinPage />
                  </RequireAuth>
                }
              />
              <Route
                element={
                  <RequireAuth>
                    <AppLayout />
                  </RequireAuth>
                }
              >
                <Route index element={<DeskPage />} />
                <Route path="ledgers" element={<LedgerPage />} />
                <Route path="ledgers/:type" element={<LedgerPage />} />
                <Route path="items/:id" element={<ItemPage />} />
                <Route path="readouts" element={<ReadoutListPage />} />
                <Route path="readouts/new" element={<ReadoutImportPage />} />
                <Route path="readouts/:id" element={<ReadoutDraftPage />} />
                <Route path="stats" element={<DashboardPage />} />
                <Route path="stats/items" element={<StatsItemsPage />} />
                <Route path="bulletins" element={<BulletinsPage />} />
                <Route path="bulletins/:id" element={<BulletinsPage />} />
                <Route path="signals" element={<SignalsPage />} />
                <Route path="inspection" element={<InspectionPage />} />
                <Route path="admin" element={<AdminPage />} />
                <Route path="audit" element={<AuditPage />} />
                <Route path="signing-key" element={<SigningKeyPage />} />
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
