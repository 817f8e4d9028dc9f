// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ItemDetail } from '../../../api/types.js';
import { I18nProvider } from '../../../i18n/index.js';
import { ItemTimeline } from './ItemSections.js';
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
  timeline: [
    {
      seq: 5,
      type: 'DocumentIssued',
      at: '2026-03-21T02:00:00Z',
      actorUserId: 'u',
      actorName: '督办员',
      actorUnitId: 'o',
      unitName: '市委督查室',
      data: { documentId: 'doc-1', kind: 'urge', number: '催办〔2026〕1号', title: '关于推进黑臭水体整治的催办通知' },
    },
  ],
} as unknown as ItemDetail;

describe('ItemTimeline', () => {
  it('names a document issued on the item by its number and links its Word and PDF files', () => {
    render(
      <QueryClientProvider client={new QueryClient()}>
        <I18nProvider lang="zh">
          <ItemTimeline detail={detail} />
        </I18nProvider>
      </QueryClientProvider>,
    );
    expect(screen.getByText('发文')).toBeTruthy();
    expect(screen.getByText(/催办〔2026〕1号 关于推进黑臭水体整治的催办通知/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Word' }).getAttribute('href')).toBe('/api/v1/documents/doc-1/file?format=docx');
    expect(screen.getByRole('link', { name: 'PDF' }).getAttribute('href')).toBe('/api/v1/documents/doc-1/file?format=pdf');
  });

  it('names the files an action cites, and the file uploaded or withdrawn, not their ids', () => {
    const who = { actorUserId: 'u', actorName: '承办人', actorUnitId: 'l', unitName: '市生态环境局' };
    const withFiles = {
      timeline: [
        { seq: 1, type: 'EvidenceUploaded', at: '2026-03-21T02:00:00Z', ...who, data: { evidenceId: 'e-1', fileName: '整改方案.pdf' } },
        { seq: 2, type: 'EvidenceUploaded', at: '2026-03-21T02:01:00Z', ...who, data: { evidenceId: 'e-2', fileName: '误传.txt' } },
        { seq: 3, type: 'EvidenceWithdrawn', at: '2026-03-21T02:02:00Z', ...who, data: { evidenceId: 'e-2', fileName: '误传.txt' } },
        { seq: 4, type: 'ProgressReported', at: '2026-03-21T02:03:00Z', ...who, data: { text: '已完成过半', percent: 50, evidence: ['e-1'] } },
      ],
    } as unknown as ItemDetail;
    render(
      <QueryClientProvider client={new QueryClient()}>
        <I18nProvider lang="zh">
          <ItemTimeline detail={withFiles} />
        </I18nProvider>
      </QueryClientProvider>,
    );
    expect(screen.getByText('撤回佐证材料')).toBeTruthy();
    expect(screen.getByText('50% · 已完成过半 · 材料：整改方案.pdf')).toBeTruthy();
    expect(screen.getAllByText('材料：误传.txt')).toHaveLength(2);
    expect(document.body.textContent).not.toContain('e-1');
  });
});
