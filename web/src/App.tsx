import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import type { Locale } from 'antd/es/locale';
import zhCN from 'antd/es/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, Suspense, useEffect, useState } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { ApiError, setApiLanguage } from './api/client.js';
import { AppLayout } from './components/AppLayout.js';
import { PageLoading } from './components/PageLoading.js';
import { RequireAuth } from './components/RequireAuth.js';
import { SessionWatcher } from './components/SessionWatcher.js';
import { I18nProvider, useI18n } from './i18n/index.js';

const LoginPage = lazy(() => import('./pages/LoginPage.js'));
const DeskPage = lazy(() => import('./pages/DeskPage.js'));
const LedgerPage = lazy(() => import('./pages/LedgerPage.js'));
const ItemPage = lazy(() => import('./pages/ItemPage.js'));
const ReadoutImportPage = lazy(() => import('./pages/ReadoutImportPage.js'));
const ReadoutDraftPage = lazy(() => import('./pages/ReadoutDraftPage.js'));
const DashboardPage = lazy(() => import('./pages/DashboardPage.js'));
const StatsItemsPage = lazy(() => import('./pages/StatsItemsPage.js'));
const BulletinPage = lazy(() => import('./pages/BulletinPage.js'));
const SignalsPage = lazy(() => import('./pages/SignalsPage.js'));
const AdminPage = lazy(() => import('./pages/AdminPage.js'));
const AuditPage = lazy(() => import('./pages/AuditPage.js'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage.js'));

/** Refused requests are not retried: only a network failure or a 5xx may be passing. */
function shouldRetry(count: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status > 0 && error.status < 500) return false;
  return count < 2;
}

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
    <ConfigProvider locale={lang === 'en' && enLocale ? enLocale : zhCN} theme={{ token: { colorPrimary: '#b7312c', borderRadius: 4 } }}>
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
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: shouldRetry, staleTime: 15_000, refetchOnWindowFocus: true }, mutations: { retry: false } } }));
  return (
    <QueryClientProvider client={client}>
      <I18nProvider>
        <Themed />
      </I18nProvider>
    </QueryClientProvider>
  );
}
