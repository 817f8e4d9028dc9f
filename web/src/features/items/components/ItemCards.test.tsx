// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ItemView, Unit } from '../../../api/types.js';
import { I18nProvider, type Lang } from '../../../i18n/index.js';
import { orgKeys } from '../../ledgers/queries.js';
import { ItemCards } from './ItemCards.js';
import { ItemTable } from './ItemTable.js';

/** The viewport width antd's breakpoints read through matchMedia (happy-dom has no layout of its own). */
let width = 390;
beforeAll(() => {
  window.matchMedia = ((q: string) => {
    const min = /min-width:\s*(\d+)px/.exec(q);
    const max = /max-width:\s*([\d.]+)px/.exec(q);
    const matches = (!min || width >= Number(min[1])) && (!max || width <= Number(max[1]));
    return { matches, media: q, onchange: null, addListener() {}, removeListener() {}, addEventListener() {}, removeEventListener() {}, dispatchEvent: () => false };
  }) as typeof window.matchMedia;
  vi.stubGlobal(
    'fetch',
    vi.fn(() => Promise.resolve(new Response('[]', { headers: { 'content-type': 'application/json' } }))),
  );
});
afterEach(cleanup);

const base = {
  ledgerType: 'directive',
  content: '',
  source: {},
  fields: {},
  priority: 'normal',
  stageKey: null,
  ownerUnitId: 'u-sup',
  coUnitIds: [],
  contacts: {},
  originalDeadline: null,
  cadence: null,
  progressNote: null,
  evidence: [],
  parentId: null,
  pendingExtension: null,
  createdAt: '2026-01-01T00:00:00Z',
  closedAt: null,
  version: 1,
};
const rows = [
  {
    ...base,
    id: 'i/1',
    number: '督办〔2026〕0001号',
    title: '落实防汛值守',
    status: 'in_progress',
    leadUnitId: 'u-wjw',
    currentDeadline: '2026-03-31',
    progress: 40,
    light: { light: 'red', reasons: [], calendarApproximate: false },
  },
  {
    ...base,
    id: 'i2',
    number: '督办〔2026〕0002号',
    title: '每月报送排查情况',
    status: 'assigned',
    leadUnitId: 'u-sfj',
    currentDeadline: null,
    cadence: 'monthly',
    progress: 0,
    light: { light: 'yellow', reasons: [], calendarApproximate: false },
  },
] as unknown as ItemView[];
const units = [
  { id: 'u-wjw', name: '市卫健委' },
  { id: 'u-sfj', name: '市司法局' },
] as unknown as Unit[];

function wrap(node: ReactNode, lang: Lang = 'zh') {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(orgKeys.units, units);
  return render(
    <QueryClientProvider client={client}>
      <I18nProvider lang={lang}>
        <MemoryRouter>{node}</MemoryRouter>
      </I18nProvider>
    </QueryClientProvider>,
  );
}

describe(ItemCards.name, () => {
  it('shows each row as a card: light in words, title linking to the item page, lead unit, deadline or cadence, progress', () => {
    wrap(<ItemCards items={rows} />);
    const cards = screen.getAllByTestId('item-card');
    expect(cards).toHaveLength(2);
    const [first, second] = cards as [HTMLElement, HTMLElement];
    expect(within(first).getByText('红灯').closest('[data-light]')?.getAttribute('data-light')).toBe('red');
    expect(within(first).getByRole('link', { name: '落实防汛值守' }).getAttribute('href')).toBe('/items/i%2F1');
    expect(within(first).getByTestId('item-card-deadline').textContent).toBe('2026-03-31');
    expect(within(first).getByText('市卫健委')).toBeTruthy();
    expect(within(first).getByText('督办〔2026〕0001号')).toBeTruthy();
    expect(within(first).getByRole('progressbar', { name: '进度' }).getAttribute('aria-valuenow')).toBe('40');
    expect(within(second).getByText('黄灯')).toBeTruthy();
    expect(within(second).getByRole('link', { name: '每月报送排查情况' }).getAttribute('href')).toBe('/items/i2');
    expect(within(second).getByTestId('item-card-deadline').textContent).toBe('每月');
  });

  it('speaks English through the same messages', async () => {
    wrap(<ItemCards items={rows} />, 'en');
    expect(await screen.findByText('Red')).toBeTruthy();
    expect(screen.getByText('Monthly')).toBeTruthy();
    expect(screen.getAllByRole('progressbar', { name: 'Progress' })).toHaveLength(2);
  });

  it("shows a closed item's outcome where the light would be: 按期办结, or 超期办结 with the days late", () => {
    const closed = (id: string, closure: { onTime: boolean; daysLate: number | null }) =>
      ({
        ...base,
        id,
        number: id,
        title: `事项${id}`,
        status: 'closed',
        leadUnitId: 'u-wjw',
        currentDeadline: '2026-03-31',
        progress: 100,
        light: { light: 'none', reasons: [], calendarApproximate: false, closure },
      }) as unknown as ItemView;
    wrap(<ItemCards items={[closed('a', { onTime: true, daysLate: 0 }), closed('b', { onTime: false, daysLate: 6 }), closed('c', { onTime: false, daysLate: 1 })]} />);
    const [a, b, c] = screen.getAllByTestId('item-card') as [HTMLElement, HTMLElement, HTMLElement];
    expect(within(a).getByText('按期办结').closest('[data-closure]')?.getAttribute('data-closure')).toBe('on-time');
    expect(within(a).queryByText('无')).toBeNull();
    expect(within(b).getByText('超期办结 6 天')).toBeTruthy();
    expect(within(c).getByText('超期办结 1 天')).toBeTruthy();
    expect(within(b).getByRole('progressbar', { name: '进度' }).getAttribute('aria-valuenow')).toBe('100');
  });

  it('marks a deadline counted on a year without a holiday notice as 暂定 (provisional)', async () => {
    const row = { ...rows[0]!, id: 'p', currentDeadline: '2027-01-25', light: { ...rows[0]!.light, deadlineProvisional: true } } as ItemView;
    wrap(<ItemCards items={[row, rows[0]!]} />);
    const [provisional, known] = screen.getAllByTestId('item-card-deadline') as [HTMLElement, HTMLElement];
    expect(provisional.textContent).toBe('2027-01-25（暂定）');
    expect(known.textContent).toBe('2026-03-31');
    cleanup();
    wrap(<ItemCards items={[row]} />, 'en');
    await screen.findByText('Red');
    expect(screen.getByTestId('item-card-deadline').textContent).toBe('2027-01-25 (provisional)');
  });

  it('says so when there are no rows', () => {
    wrap(<ItemCards items={[]} />);
    expect(screen.getByText('暂无数据')).toBeTruthy();
    expect(screen.queryAllByTestId('item-card')).toHaveLength(0);
  });
});

describe(ItemTable.name, () => {
  it('renders cards below the md breakpoint and the table from it up, with the same links', () => {
    width = 390;
    wrap(<ItemTable items={rows} />);
    expect(screen.getAllByTestId('item-card')).toHaveLength(2);
    expect(document.querySelector('.ant-table')).toBeNull();
    cleanup();
    width = 1280;
    wrap(<ItemTable items={rows} />);
    expect(screen.queryAllByTestId('item-card')).toHaveLength(0);
    expect(document.querySelector('.ant-table')).not.toBeNull();
    expect(screen.getByRole('link', { name: '落实防汛值守' }).getAttribute('href')).toBe('/items/i%2F1');
  });
});
