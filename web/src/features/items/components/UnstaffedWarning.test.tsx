// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import { Form } from 'antd';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../../i18n/index.js';
import { UnstaffedWarning } from './UnstaffedWarning.js';
import { stubMatchMedia } from '../../../testing/dom.js';

const UNITS = [
  { id: 'dept-a', name: '市甲局', kind: 'department', parentId: 'city', code: null, staffed: true },
  { id: 'street-b', name: '乙街道', kind: 'street', parentId: 'city', code: null, staffed: false },
];

beforeAll(() => {
  stubMatchMedia();
  vi.stubGlobal(
    'fetch',
    vi.fn(() => Promise.resolve(new Response(JSON.stringify(UNITS), { headers: { 'content-type': 'application/json' } }))),
  );
});
afterEach(cleanup);

function renderWith(leadUnitId: string | undefined) {
  return render(
    <QueryClientProvider client={new QueryClient()}>
      <I18nProvider lang="zh">
        <Form initialValues={{ leadUnitId }}>
          <Form.Item name="leadUnitId">
            <input />
          </Form.Item>
          <UnstaffedWarning />
        </Form>
      </I18nProvider>
    </QueryClientProvider>,
  );
}

describe(UnstaffedWarning.name, () => {
  it('warns before confirming that a chosen unit has nobody to accept the work', async () => {
    renderWith('street-b');
    expect((await screen.findByTestId('unstaffed-warning')).textContent).toContain('「乙街道」尚无可用的承办人账号');
  });

  it('says nothing for a staffed unit or before a unit is chosen', async () => {
    renderWith('dept-a');
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByTestId('unstaffed-warning')).toBeNull();
    cleanup();
    renderWith(undefined);
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByTestId('unstaffed-warning')).toBeNull();
  });
});
