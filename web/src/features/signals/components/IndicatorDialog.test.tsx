// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../../i18n/index.js';
import type { IndicatorView } from '../mutations.js';
import { IndicatorDialog } from './IndicatorDialog.js';
import { stubMatchMedia } from '../../../testing/dom.js';

const saved = {
  key: 'gas',
  name: '燃气投诉',
  algorithm: 'earsC',
  control: {},
  frequency: 'day',
  windowPeriods: 1,
  ledgerType: 'signal',
  createdAt: '',
  updatedAt: '',
  disabledAt: null,
};
const fetchMock = vi.fn((_url: string, _init?: RequestInit) => Promise.resolve(new Response(JSON.stringify(saved), { headers: { 'content-type': 'application/json' } })));

beforeAll(() => {
  stubMatchMedia();
  vi.stubGlobal('fetch', fetchMock);
});
beforeEach(() => fetchMock.mockClear());
afterEach(cleanup);

const open = (indicator: IndicatorView | null, onClose = vi.fn()) => {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <I18nProvider lang="zh">
        <IndicatorDialog indicator={indicator} onClose={onClose} />
      </I18nProvider>
    </QueryClientProvider>,
  );
  return onClose;
};
const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const submit = () => fireEvent.click(screen.getAllByRole('button').find((b) => /保\s*存/.test(b.textContent ?? ''))!);

describe('IndicatorDialog', () => {
  it('adds an indicator with its algorithm parameters, leaving empty ones to R’s defaults', async () => {
    const onClose = open(null);
    type('指标代码', 'gas');
    type('指标名称', '燃气投诉');
    type('显著性水平 α', '0.01');
    type('其他参数（JSON）', '{"minSigma": 1}');
    expect(screen.getByText('默认 0.001')).toBeTruthy();
    submit();
    await waitFor(() => expect(onClose).toHaveBeenCalledWith('燃气投诉'));
    const [url, init] = fetchMock.mock.calls.at(-1)!;
    expect(url).toBe('/api/v1/signals/indicators');
    expect(JSON.parse(String(init?.body))).toEqual({ key: 'gas', name: '燃气投诉', algorithm: 'earsC', frequency: 'day', control: { minSigma: 1, alpha: 0.01 } });
  });

  it('refuses a bad key and a non-number parameter before sending anything', async () => {
    open(null);
    type('指标代码', '燃气');
    type('指标名称', '燃气投诉');
    submit();
    await screen.findByText('指标代码只能包含字母、数字、_ . -，且以字母或数字开头');
    type('指标代码', 'gas');
    type('基线期数', 'seven');
    submit();
    await screen.findByText('“基线期数”须为数字');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('edits an indicator: key and frequency stay, the configuration is replaced', async () => {
    const onClose = open({ ...saved, control: { method: 'C2' } } as IndicatorView);
    expect(screen.getByLabelText('指标代码').hasAttribute('disabled')).toBe(true);
    type('指标名称', '12345 燃气投诉');
    submit();
    await waitFor(() => expect(onClose).toHaveBeenCalledWith('12345 燃气投诉'));
    const [url, init] = fetchMock.mock.calls.at(-1)!;
    expect(url).toBe('/api/v1/signals/indicators?replace=true');
    expect(JSON.parse(String(init?.body))).toMatchObject({ key: 'gas', name: '12345 燃气投诉', control: { method: 'C2' } });
  });
});
