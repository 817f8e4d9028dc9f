import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../api/types.js';
import { evidenceNames, filesOf, formatBytes, onSubmitStaged, previewKind, tooLarge } from './evidence-staging.js';

const entry = (type: string, data: unknown): TimelineEntry => ({
  seq: 1,
  type,
  at: '2026-03-02T02:00:00Z',
  actorUserId: null,
  actorName: null,
  actorUnitId: null,
  unitName: null,
  data,
});
const PREVIEW = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf'];

describe('evidence staging', () => {
  it('states sizes in the units the limit is counted in', () => {
    expect(formatBytes(20 * 1024 * 1024)).toBe('20 MB');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(900)).toBe('900 B');
  });

  it('refuses a file over the limit before it is sent, and lets one at the limit go', () => {
    expect(tooLarge({ name: 'scan.pdf', size: 21 * 1024 * 1024 }, 20 * 1024 * 1024)).toEqual({ name: 'scan.pdf', size: '21 MB', max: '20 MB' });
    expect(tooLarge({ name: 'scan.pdf', size: 20 * 1024 * 1024 }, 20 * 1024 * 1024)).toBeNull();
    expect(tooLarge({ name: 'scan.pdf', size: 1e12 }, undefined)).toBeNull();
  });

  it('keeps the staged files a submit cites and withdraws the ones unticked', () => {
    const staged = [
      { id: 'a', fileName: 'a.pdf' },
      { id: 'b', fileName: 'b.jpg' },
    ];
    expect(onSubmitStaged(staged, ['b', 'older'])).toEqual({ keep: [staged[1]], withdraw: [staged[0]] });
    expect(onSubmitStaged(staged, [])).toEqual({ keep: [], withdraw: staged });
  });

  it('names the files a timeline entry cites, uploads or withdraws', () => {
    const timeline = [entry('EvidenceUploaded', { evidenceId: 'e1', fileName: '方案.pdf' }), entry('EvidenceUploaded', { evidenceId: 'e2', fileName: '照片.jpg' })];
    const names = evidenceNames(timeline);
    expect(filesOf(entry('ProgressReported', { text: '过半', percent: 50, evidence: ['e1', 'e2'] }), names)).toEqual(['方案.pdf', '照片.jpg']);
    expect(filesOf(entry('EvidenceWithdrawn', { evidenceId: 'e2', fileName: '照片.jpg' }), names)).toEqual(['照片.jpg']);
    expect(filesOf(entry('ItemAccepted', {}), names)).toEqual([]);
  });

  it('previews pictures and PDF of the list and text as text; never HTML, SVG or TIFF', () => {
    expect(previewKind('image/png', PREVIEW)).toBe('image');
    expect(previewKind('application/pdf', PREVIEW)).toBe('pdf');
    expect(previewKind('text/plain', PREVIEW)).toBe('text');
    for (const m of ['text/html', 'image/svg+xml', 'image/tiff', 'application/zip']) expect(previewKind(m, PREVIEW), m).toBeNull();
    expect(previewKind('image/svg+xml', [...PREVIEW, 'image/svg+xml'])).toBeNull();
  });
});
