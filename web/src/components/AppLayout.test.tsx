// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Me } from '../api/types.js';
import { sessionKeys } from '../features/session/queries.js';
import { orgKeys } from '../features/ledgers/queries.js';
import { I18nProvider, type Lang } from '../i18n/index.js';
import { stubViewport } from '../testing/dom.js';
import { AppLayout } from './AppLayout.js';

/*
 * The frame at a phone's width and a desktop's: the menu is a drawer behind a header button, over a backdrop
 * that closes it, as do Escape and going to a page; language and logout show their words in both languages.
 */
const me: Me = {
  user: { id: 'u1', username: 'wjw.handler', displayName: '市卫生健康委员会 承办人', unitId: 'dept-wjw', roles: ['handler'], disabled: false },
  unit: { id: 'dept-wjw', name: '市卫生健康委员会', kind: 'department' },
  auth: 'session',
  csrfToken: 'x',
  can: {
    readItems: true,
    createItems: false,
    readStats: false,
    export: false,
    administerUnitsAndUsers: false,
    administerRoles: false,
    readAudit: false,
    manageWebhooks: false,
    manageTokens: false,
  },
  tokenScopes: null,
};

beforeAll(() => {
  vi.stubGlobal(
    'fetch',
    vi.fn(() => Promise.resolve(new Response('[]', { headers: { 'content-type': 'application/json' } }))),
  );
});
afterEach(cleanup);

function frame(width: number, lang: Lang = 'zh') {
  stubViewport(width);
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  qc.setQueryData(sessionKeys.me, me);
  qc.setQueryData(orgKeys.units, []);
  qc.setQueryData(orgKeys.ledgerTypes, []);
  return render(
    <QueryClientProvider client={qc}>
      <I18nProvider lang={lang}>
        <MemoryRouter initialEntries={['/']}>
          <Routes>
            <Route element={<AppLayout />}>
              <Route path="/" element={<p>desk page</p>} />
              <Route path="/ledgers" element={<p>ledger page</p>} />
            </Route>
          </Routes>
        </MemoryRouter>
      </I18nProvider>
    </QueryClientProvider>,
  );
}

const backdrop = () => screen.queryByTestId('nav-backdrop');
const drawer = () => document.getElementById('app-nav')!;

describe('AppLayout on a phone', () => {
  it('opens the menu as a drawer over a backdrop, and a tap on the backdrop closes it', () => {
    frame(390);
    const toggle = screen.getByRole('button', { name: '导航菜单' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(drawer().hidden).toBe(true);
    expect(backdrop()).toBeNull();
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(drawer().hidden).toBe(false);
    expect(drawer().className).toContain('nav-drawer');
    fireEvent.click(backdrop()!);
    expect(backdrop()).toBeNull();
    expect(drawer().hidden).toBe(true);
  });

  it('closes the drawer on Escape and after going to a page', async () => {
    frame(390);
    const toggle = screen.getByRole('button', { name: '导航菜单' });
    fireEvent.click(toggle);
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(backdrop()).toBeNull();
    fireEvent.click(toggle);
    fireEvent.click(screen.getByRole('menuitem', { name: /台账/ }));
    expect(await screen.findByText('ledger page')).toBeTruthy();
    expect(backdrop()).toBeNull();
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
  });

  it('shows the words of language and logout, in Chinese and in English', async () => {
    frame(390);
    expect(screen.getByTestId('language-switch').textContent).toBe('English');
    expect(screen.getByTestId('language-switch').title).toBe('切换语言');
    expect(screen.getByRole('button', { name: '退出登录' })).toBeTruthy();
    cleanup();
    frame(390, 'en');
    // The English catalogue is loaded on demand.
    expect(await screen.findByRole('button', { name: 'Log out' })).toBeTruthy();
    expect(screen.getByTestId('language-switch').textContent).toBe('中文');
  });
});

describe('AppLayout on a desktop', () => {
  it('keeps the menu beside the page, with no drawer button and no backdrop', () => {
    frame(1440);
    expect(screen.queryByRole('button', { name: '导航菜单' })).toBeNull();
    expect(drawer().hidden).toBe(false);
    expect(backdrop()).toBeNull();
    expect(screen.getByRole('menuitem', { name: /台账/ })).toBeTruthy();
  });
});
