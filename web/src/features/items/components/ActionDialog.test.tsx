// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ItemDetail } from '../../../api/types.js';
import { I18nProvider } from '../../../i18n/index.js';
import { ActionDialog } from './ActionDialog.js';
import { stubMatchMedia } from '../../../testing/dom.js';

beforeAll(() => {
  stubMatchMedia();
  vi.stubGlobal(
    'fetch',
    vi.fn(() => Promise.resolve(new Response('[]', { headers: { 'content-type': 'application/json' } }))),
  );
});
afterEach(cleanup);

const detail = {
  item: {
    id: 'i1',
    number: '督办〔2026〕0001号',
    ledgerType: 'directive',
    title: 't',
    content: '',
    source: {},
    fields: {},
    priority: 'normal',
    status: 'closing',
    stageKey: 'review',
    ownerUnitId: 'o',
    leadUnitId: 'l',
    coUnitIds: [],
    contacts: {},
    originalDeadline: null,
    currentDeadline: null,
    cadence: null,
    progress: 40,
    progressNote: null,
    evidence: [],
    parentId: null,
    pendingExtension: null,
    createdAt: '2026-01-01T00:00:00Z',
    closedAt: null,
    version: 7,
    light: { light: 'green', reasons: [], calendarApproximate: false },
  },
  children: [],
  timeline: [],
  actions: ['reject'],
  editable: false,
  provenance: null,
} as unknown as ItemDetail;

function renderDialog(slug: string, onSubmit: (b: Record<string, unknown>) => void) {
  return render(
    <QueryClientProvider client={new QueryClient()}>
      <I18nProvider lang="zh">
        <ActionDialog slug={slug} detail={detail} type={undefined} pending={false} error={null} onSubmit={onSubmit} onCancel={() => undefined} />
      </I18nProvider>
    </QueryClientProvider>,
  );
}

describe(ActionDialog.name, () => {
  it('will not send a rejection without a reason, and sends the stage seen with the reason given', async () => {
    const onSubmit = vi.fn();
    renderDialog('reject', onSubmit);
    fireEvent.click(screen.getByRole('button', { name: /提\s*交/ }));
    await screen.findByText('请填写理由');
    expect(onSubmit).not.toHaveBeenCalled();
    fireEvent.change(screen.getByLabelText('理由'), { target: { value: '佐证不足' } });
    fireEvent.click(screen.getByRole('button', { name: /提\s*交/ }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith({ stageKey: 'review', reason: '佐证不足' }));
  });

  it('names every input of the report and decision forms for assistive technology', async () => {
    renderDialog('report', () => undefined);
    await screen.findByLabelText('进展情况');
    expect(screen.getByLabelText('完成进度（%）')).toBeTruthy();
    expect(screen.getByRole('group', { name: '佐证材料' })).toBeTruthy();
    cleanup();
    renderDialog('decide-extension', () => undefined);
    expect(await screen.findByRole('radiogroup', { name: '审批意见' })).toBeTruthy();
  });

  it('starts a progress report at the progress already reported', async () => {
    renderDialog('report', () => undefined);
    const percent = (await screen.findByLabelText('完成进度（%）')) as HTMLInputElement;
    expect(percent.value).toBe('40');
  });
});
