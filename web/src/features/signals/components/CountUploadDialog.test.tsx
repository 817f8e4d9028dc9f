// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../../i18n/index.js';
import { CountUploadDialog } from './CountUploadDialog.js';
import { stubMatchMedia } from '../../../testing/dom.js';

const report = (over: Record<string, unknown> = {}) => ({
  committed: false,
  valid: 2,
  invalid: 1,
  inserted: 1,
  updated: 1,
  unchanged: 0,
  series: 1,
  errors: [{ line: 4, column: 'region', code: 'unknown_unit', message: 'no unit "北城区"', messageZh: '未找到单位“北城区”' }],
  ...over,
});
const fetchMock = vi.fn((_url: string, _init?: RequestInit) => Promise.resolve(new Response(JSON.stringify(report()), { headers: { 'content-type': 'application/json' } })));

beforeAll(() => {
  stubMatchMedia();
  vi.stubGlobal('fetch', fetchMock);
});
beforeEach(() => fetchMock.mockClear());
afterEach(cleanup);

const open = (lang: 'zh' | 'en') =>
  render(
    <QueryClientProvider client={new QueryClient()}>
      <I18nProvider lang={lang}>
        <CountUploadDialog onClose={() => undefined} />
      </I18nProvider>
    </QueryClientProvider>,
  );

const choose = () => {
  const input = document.querySelector('input[type=file]') as HTMLInputElement;
  fireEvent.change(input, { target: { files: [new File(['地区,指标,日期,计数\n'], 'counts.csv', { type: 'text/csv' })] } });
};
const button = (name: RegExp) => screen.getAllByRole('button').find((b) => name.test(b.textContent ?? ''))!;

describe('CountUploadDialog', () => {
  it('previews the row report, keeps import off until the refused rows are fixed or skipped, then imports the valid rows', async () => {
    open('zh');
    expect(button(/确认导入/).hasAttribute('disabled')).toBe(true);
    choose();
    fireEvent.click(await screen.findByRole('button', { name: /试导入/ }));
    await screen.findByText('未找到单位“北城区”');
    expect(screen.getByText(/试导入结果（尚未写入）： 有效 2 行（新增 1，更新 1，未变 0），错误 1 行，涉及 1 条序列/)).toBeTruthy();
    expect(screen.getByText('地区')).toBeTruthy();
    expect(screen.getByText('4')).toBeTruthy();
    const [url, init] = fetchMock.mock.calls.at(-1)!;
    expect(url).toBe('/api/v1/signals/counts/file?dryRun=true');
    expect(init?.method).toBe('POST');
    expect((init?.body as FormData).get('file')).toBeInstanceOf(File);
    expect(button(/确认导入/).hasAttribute('disabled')).toBe(true);

    fireEvent.click(screen.getByRole('checkbox', { name: /只导入有效行/ }));
    await waitFor(() => expect(button(/确认导入/).hasAttribute('disabled')).toBe(false));
    fetchMock.mockImplementationOnce(() => Promise.resolve(new Response(JSON.stringify(report({ committed: true })), { headers: { 'content-type': 'application/json' } })));
    fireEvent.click(button(/确认导入/));
    await screen.findByText(/已导入： 有效 2 行/);
    expect(fetchMock.mock.calls.at(-1)![0]).toBe('/api/v1/signals/counts/file?dryRun=false&skipInvalid=true');
    expect(button(/确认导入/).hasAttribute('disabled')).toBe(true);
  });

  it('speaks English: the summary, the column and the reason', async () => {
    open('en');
    choose();
    fireEvent.click(await screen.findByRole('button', { name: /Preview/ }));
    await screen.findByText('no unit "北城区"');
    expect(screen.getByText(/Preview \(nothing written yet\): 2 valid rows \(1 new, 1 updated, 0 unchanged\), 1 with errors, in 1 series/)).toBeTruthy();
    expect(screen.getByText('Region')).toBeTruthy();
    expect(screen.queryByText('未找到单位“北城区”')).toBeNull();
  });
});
