// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useParams } from 'react-router';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../i18n/index.js';
import { NotificationBell } from './NotificationBell.js';

/*
 * The bell against a stand-in of the notification API (fetch answered in the server's shapes): the unread count,
 * the list with urgent ones tagged, following one to its item marks it read, and "mark all read".
 */
const state = {
  notifications: [
    {
      id: 'n2',
      itemId: 'i/2',
      rule: 'bulletin',
      urgency: 'urgent',
      subject: '【落实】【紧急】督办〔2026〕0002号 通报：整改',
      createdAt: '2026-03-02T02:00:00Z',
      readAt: null as string | null,
    },
    {
      id: 'n1',
      itemId: 'i1',
      rule: 'assigned',
      urgency: 'normal',
      subject: '【落实】督办〔2026〕0001号 新交办：落实防汛值守',
      createdAt: '2026-03-02T01:00:00Z',
      readAt: null as string | null,
    },
  ],
};
const posts: unknown[] = [];
const puts: unknown[] = [];
let prefs: unknown = { channels: { urgent: ['email', 'work', 'sms'], normal: ['email', 'work'], low: [] }, quiet: null, digestOnly: false };
const json = (body: unknown) => Promise.resolve(new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } }));

beforeAll(() => {
  window.matchMedia = ((q: string) => ({
    matches: false,
    media: q,
    onchange: null,
    addListener() {},
    removeListener() {},
    addEventListener() {},
    removeEventListener() {},
    dispatchEvent: () => false,
  })) as typeof window.matchMedia;
  vi.stubGlobal(
    'fetch',
    vi.fn((url: string, init?: RequestInit) => {
      if (String(url).includes('/notifications/preferences')) {
        if (init?.method === 'PUT') {
          prefs = JSON.parse(String(init.body));
          puts.push(prefs);
        }
        return json(prefs);
      }
      if (String(url).includes('/notifications/read')) {
        const { ids } = JSON.parse(String(init?.body)) as { ids: string[] | null };
        posts.push(ids);
        for (const n of state.notifications) if (ids === null || ids.includes(n.id)) n.readAt = '2026-03-02T03:00:00Z';
        return Promise.resolve(new Response(JSON.stringify({ marked: 1 }), { headers: { 'content-type': 'application/json' } }));
      }
      const unread = state.notifications.filter((n) => n.readAt === null).length;
      return Promise.resolve(new Response(JSON.stringify({ unread, notifications: state.notifications }), { headers: { 'content-type': 'application/json' } }));
    }),
  );
});
afterEach(cleanup);

function ItemStub() {
  return <div data-testid="item-page">{useParams().id}</div>;
}

function renderBell() {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={qc}>
      <I18nProvider lang="zh">
        <MemoryRouter initialEntries={['/']}>
          <Routes>
            <Route path="/" element={<NotificationBell enabled />} />
            <Route path="/items/:id" element={<ItemStub />} />
          </Routes>
        </MemoryRouter>
      </I18nProvider>
    </QueryClientProvider>,
  );
}

describe('NotificationBell', () => {
  it('shows the unread count, lists notifications with urgent ones tagged, and opens an item marking it read', async () => {
    renderBell();
    const bell = await screen.findByRole('button', { name: '通知，2 条未读' });
    fireEvent.click(bell);
    expect(await screen.findByText('【落实】督办〔2026〕0001号 新交办：落实防汛值守')).toBeTruthy();
    expect(screen.getByText('紧急')).toBeTruthy();
    fireEvent.click(screen.getByText('【落实】督办〔2026〕0001号 新交办：落实防汛值守'));
    expect((await screen.findByTestId('item-page')).textContent).toBe('i1');
    await waitFor(() => expect(posts).toEqual([['n1']]));
  });

  it('marks all read and the count goes to zero', async () => {
    renderBell();
    fireEvent.click(await screen.findByRole('button', { name: '通知，1 条未读' }));
    fireEvent.click(await screen.findByRole('button', { name: '全部标为已读' }));
    await waitFor(() => expect(posts.at(-1)).toBeNull());
    expect(await screen.findByRole('button', { name: '通知，0 条未读' })).toBeTruthy();
  });

  it('edits the preferences: channels per urgency, quiet hours (checked), digest only', async () => {
    renderBell();
    fireEvent.click(await screen.findByTestId('notification-bell'));
    fireEvent.click(await screen.findByRole('button', { name: '通知设置' }));
    const form = await screen.findByTestId('notify-preferences');
    expect(form.textContent).toContain('紧急通知的发送渠道');
    fireEvent.click(screen.getByRole('switch', { name: '免打扰时段' }));
    fireEvent.change(screen.getByLabelText('开始时间'), { target: { value: '25:00' } });
    expect(await screen.findByText('时间格式为 时:分，例如 22:00')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('开始时间'), { target: { value: '21:30' } });
    fireEvent.click(screen.getByRole('switch', { name: '只接收每日摘要' }));
    fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));
    await waitFor(() =>
      expect(puts).toEqual([{ channels: { urgent: ['email', 'work', 'sms'], normal: ['email', 'work'], low: [] }, quiet: { from: '21:30', to: '07:30' }, digestOnly: true }]),
    );
  });

  it('is absent for someone who reads no business data', () => {
    const { container } = render(
      <QueryClientProvider client={new QueryClient()}>
        <I18nProvider lang="zh">
          <MemoryRouter>
            <NotificationBell enabled={false} />
          </MemoryRouter>
        </I18nProvider>
      </QueryClientProvider>,
    );
    expect(container.textContent).toBe('');
  });
});
