// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ItemDetail } from '../../../api/types.js';
import { I18nProvider } from '../../../i18n/index.js';
import { EditItemDialog } from './EditItemDialog.js';
import { stubMatchMedia } from '../../../testing/dom.js';

const fetchMock = vi.fn((_url: string, _init?: RequestInit) => Promise.resolve(new Response('{}', { headers: { 'content-type': 'application/json' } })));

beforeAll(() => {
  stubMatchMedia();
  vi.stubGlobal('fetch', fetchMock);
});
afterEach(cleanup);

const detail = {
  item: { id: 'i1', number: '督办〔2026〕0001号', ledgerType: 'directive', title: '河道整治', content: '原内容', fields: {}, priority: 'normal', status: 'assigned', version: 3 },
  editable: true,
} as unknown as ItemDetail;

describe(EditItemDialog.name, () => {
  it('sends only what changed, with the version seen', async () => {
    const onDone = vi.fn();
    render(
      <QueryClientProvider client={new QueryClient()}>
        <I18nProvider lang="zh">
          <EditItemDialog detail={detail} type={undefined} onDone={onDone} onCancel={() => undefined} />
        </I18nProvider>
      </QueryClientProvider>,
    );
    fireEvent.change(await screen.findByLabelText('事项'), { target: { value: '城区河道综合整治' } });
    fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    const [url, init] = fetchMock.mock.calls.at(-1)!;
    expect(url).toBe('/api/v1/items/i1');
    expect(init?.method).toBe('PATCH');
    expect(JSON.parse(String(init?.body))).toEqual({ title: '城区河道综合整治' });
    expect(new Headers(init?.headers).get('if-match')).toBe('"3"');
  });
});
