// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../../i18n/index.js';
import { ImportDialog } from './ImportDialog.js';
import { stubMatchMedia } from '../../../testing/dom.js';

const preview = {
  created: 2,
  updated: 1,
  unchanged: 0,
  written: false,
  errors: [{ row: 6, column: '事项类别', code: 'invalid_value', message: '「随便」不是可选项', messageEn: '"随便" is not one of the choices' }],
  rows: [
    {
      row: 7,
      action: 'update',
      number: '督办〔2026〕0003号',
      changes: ['牵头单位', '办理时限'],
      actions: [
        { kind: 'transfer', column: '牵头单位', from: '市水务局', to: '市生态环境局' },
        { kind: 'transfer', column: '办理时限', from: '2026-06-30', to: '2026-07-31' },
      ],
    },
    { row: 8, action: 'update', number: '督办〔2026〕0004号', changes: ['办理时限'], actions: [{ kind: 'extension', column: '办理时限', from: '2026-06-30', to: '2026-07-20' }] },
  ],
};
const fetchMock = vi.fn((_url: string, _init?: RequestInit) => Promise.resolve(new Response(JSON.stringify(preview), { headers: { 'content-type': 'application/json' } })));

beforeAll(() => {
  stubMatchMedia();
  vi.stubGlobal('fetch', fetchMock);
});
afterEach(cleanup);

describe('ImportDialog', () => {
  it('links the template, previews an uploaded sheet and lists each refused row with its column and message', async () => {
    render(
      <QueryClientProvider client={new QueryClient()}>
        <I18nProvider lang="zh">
          <ImportDialog ledger="directive" onClose={() => undefined} />
        </I18nProvider>
      </QueryClientProvider>,
    );
    expect(screen.getByRole('link', { name: '下载导入模板' }).getAttribute('href')).toBe('/api/v1/items/import/template?ledger=directive&lang=zh');
    const commit = screen.getByRole('button', { name: /^导\s*入$/ });
    expect(commit.hasAttribute('disabled')).toBe(true);
    const input = document.querySelector('input[type=file]') as HTMLInputElement;
    fireEvent.change(input, { target: { files: [new File(['x'], 'sheet.xlsx')] } });
    fireEvent.click(await screen.findByRole('button', { name: /试导入/ }));
    await screen.findByText('「随便」不是可选项');
    expect(screen.getByText(/新建 2 项，修改 1 项，未变 0 项，拒绝 1 行/)).toBeTruthy();
    // What each changed cell will become, and by which action of the loop.
    expect(screen.getByText('导入将执行的操作')).toBeTruthy();
    expect(screen.getAllByText('转办')).toHaveLength(2);
    expect(screen.getByText('市水务局 → 市生态环境局')).toBeTruthy();
    expect(screen.getByText('批准延期')).toBeTruthy();
    expect(screen.getByText('2026-06-30 → 2026-07-20')).toBeTruthy();
    expect(screen.getByText('事项类别')).toBeTruthy();
    const [url, init] = fetchMock.mock.calls.at(-1)!;
    expect(url).toBe('/api/v1/items/import?ledger=directive&dryRun=true&mode=all');
    expect(init?.method).toBe('POST');
    await waitFor(() => expect(screen.getAllByRole('button').map((b) => b.textContent)).toContain('导 入'));
    expect(
      screen
        .getAllByRole('button')
        .find((b) => b.textContent === '导 入')!
        .hasAttribute('disabled'),
    ).toBe(false);
  });
});
