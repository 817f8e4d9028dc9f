// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ItemDetail } from '../../../api/types.js';
import { I18nProvider } from '../../../i18n/index.js';
import { ActionDialog } from './ActionDialog.js';
import { stubMatchMedia } from '../../../testing/dom.js';

/*
 * Files chosen in an action dialog are staged: the size limit is stated and checked before sending, and 取消
 * withdraws what the dialog uploaded, so a cancelled dialog leaves no evidence on the item.
 */

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
let calls: { method: string; url: string }[] = [];
let uploads = 0;

beforeAll(() => {
  stubMatchMedia();
});
beforeEach(() => {
  calls = [];
  uploads = 0;
  vi.stubGlobal(
    'fetch',
    vi.fn((url: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      calls.push({ method, url });
      if (url.endsWith('/evidence-limits')) return Promise.resolve(json({ maxBytes: 1024, previewTypes: ['image/png', 'application/pdf'] }));
      if (method === 'POST' && url.endsWith('/items/i1/evidence')) {
        uploads += 1;
        return Promise.resolve(
          json(
            {
              id: `e${uploads}`,
              itemId: 'i1',
              fileName: `说明${uploads}.txt`,
              mediaType: 'text/plain',
              sizeBytes: 10,
              digest: 'sm3:0',
              uploadedBy: 'u',
              uploadedAt: '2026-03-02T02:00:00Z',
            },
            201,
          ),
        );
      }
      if (method === 'POST' && url.includes('/withdraw')) return Promise.resolve(json({ evidenceId: 'x', itemId: 'i1', fileName: 'x', withdrawnAt: '2026-03-02T02:00:00Z' }));
      return Promise.resolve(json([]));
    }),
  );
});
afterEach(cleanup);

const detail = {
  item: { id: 'i1', status: 'in_progress', stageKey: null, progress: 40, evidence: [], currentDeadline: null, coUnitIds: [], leadUnitId: 'l' },
  actions: ['report'],
} as unknown as ItemDetail;

function renderReport(onSubmit = vi.fn(), onCancel = vi.fn()) {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <I18nProvider lang="zh">
        <ActionDialog slug="report" detail={detail} type={undefined} pending={false} error={null} onSubmit={onSubmit} onCancel={onCancel} />
      </I18nProvider>
    </QueryClientProvider>,
  );
  return { onSubmit, onCancel };
}

function choose(file: File) {
  const input = document.querySelector('input[type=file]') as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  fireEvent.change(input);
}

const withdrawals = () => calls.filter((c) => c.method === 'POST' && c.url.includes('/withdraw')).map((c) => c.url);

describe('staged evidence in an action dialog', () => {
  it('states the size limit and refuses a larger file in the browser, sending nothing', async () => {
    renderReport();
    await screen.findByText('单个文件不超过 1 KB');
    choose(new File([new Uint8Array(2048)], '大扫描件.pdf', { type: 'application/pdf' }));
    expect((await screen.findByRole('alert')).textContent).toContain('“大扫描件.pdf”大小为 2 KB，超过 1 KB 的上限，未上传。');
    expect(uploads).toBe(0);
  });

  it('withdraws on 取消 every file the dialog uploaded', async () => {
    const { onCancel, onSubmit } = renderReport();
    await screen.findByText('单个文件不超过 1 KB');
    choose(new File(['整改说明'], '说明.txt', { type: 'text/plain' }));
    const box = (await screen.findByRole('checkbox', { name: '说明1.txt' })) as HTMLInputElement;
    expect(box.checked).toBe(true);
    screen.getByText('本次上传（提交后列入事项，取消则撤回）');
    fireEvent.click(screen.getByRole('button', { name: /取\s*消/ }));
    await waitFor(() => expect(withdrawals()).toEqual(['/api/v1/evidence/e1/withdraw']));
    expect(onCancel).toHaveBeenCalled();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('removes a staged file at once, and on submit cites the ticked ones and withdraws the unticked', async () => {
    const { onSubmit } = renderReport();
    await screen.findByText('单个文件不超过 1 KB');
    for (const name of ['a.txt', 'b.txt', 'c.txt']) {
      choose(new File([name], name, { type: 'text/plain' }));
      await waitFor(() => expect(screen.getAllByTestId('staged-file').length).toBe(uploads));
      await screen.findByRole('checkbox', { name: `说明${uploads}.txt` });
    }
    fireEvent.click(screen.getByRole('button', { name: '移除 说明1.txt' }));
    await waitFor(() => expect(withdrawals()).toEqual(['/api/v1/evidence/e1/withdraw']));
    expect(screen.queryByRole('checkbox', { name: '说明1.txt' })).toBeNull();
    fireEvent.click(screen.getByRole('checkbox', { name: '说明2.txt' }));
    fireEvent.change(screen.getByLabelText('进展情况'), { target: { value: '已完成过半' } });
    fireEvent.click(screen.getByRole('button', { name: /提\s*交/ }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ text: '已完成过半', evidence: ['e3'] })));
    await waitFor(() => expect(withdrawals()).toEqual(['/api/v1/evidence/e1/withdraw', '/api/v1/evidence/e2/withdraw']));
  });
});
