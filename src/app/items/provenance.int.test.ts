import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildItem } from '../../store/testing/factories.js';
import { DIALECTS, freshId, openTestStore, type TestStore } from '../../store/testing/dialects.js';
import { ensureTenant } from '../organisation.js';
import { provenanceOf } from './provenance.js';

for (const d of DIALECTS) {
  describe.skipIf(d.skip)(`provenance of readout items (${d.name})`, () => {
    let ts: TestStore;
    const tenantId = freshId('prov');
    const text = `${'会议听取了各部门工作汇报。'.repeat(20)}要求市生态环境局在六月底前完成河道整治。${'会议强调要压实责任。'.repeat(20)}`;
    const sentence = '要求市生态环境局在六月底前完成河道整治。';
    const start = text.indexOf(sentence);
    beforeAll(async () => {
      ts = await openTestStore(d.name);
      await ensureTenant({ store: ts.store, now: () => new Date(), newId: () => freshId('id') }, { id: tenantId, name: '示范市', signingPolicy: 'when_enrolled' });
      await ts.store.transaction(async (tx) => {
        await tx.documents.insert(tenantId, {
          id: 'minutes',
          title: '第5次常务会议纪要',
          fileName: null,
          mediaType: 'text/plain',
          text,
          createdBy: null,
          createdAt: '2026-03-01T00:00:00.000Z',
        });
        await tx.documents.insert(tenantId, {
          id: 'huge',
          title: '超长纪要',
          fileName: null,
          mediaType: 'text/plain',
          text: '字'.repeat(600_000),
          createdBy: null,
          createdAt: '2026-03-01T00:00:00.000Z',
        });
      });
    });
    afterAll(() => ts?.dispose());

    const readoutItem = (documentId: string, s: number, e: number) => buildItem(tenantId, { source: { kind: 'readout', documentId, start: s, end: e } });

    it('cuts the sentence and its context out of the document, reading a document once for the items that share it', async () => {
      const owner = {};
      const get = vi.spyOn(ts.store.read.documents, 'get');
      try {
        const p = await provenanceOf(owner, ts.store.read, readoutItem('minutes', start, start + sentence.length));
        expect(p).toEqual({
          documentId: 'minutes',
          title: '第5次常务会议纪要',
          before: text.slice(start - 120, start),
          text: sentence,
          after: text.slice(start + sentence.length, start + sentence.length + 120),
        });
        const q = await provenanceOf(owner, ts.store.read, readoutItem('minutes', 0, 13));
        expect(q?.text).toBe('会议听取了各部门工作汇报。');
        expect(q?.before).toBe('');
        expect(get).toHaveBeenCalledTimes(1);
      } finally {
        get.mockRestore();
      }
    });

    it('does not keep a very long document, and answers null for a missing one or another source', async () => {
      const owner = {};
      const get = vi.spyOn(ts.store.read.documents, 'get');
      try {
        expect((await provenanceOf(owner, ts.store.read, readoutItem('huge', 10, 12)))?.text).toBe('字字');
        expect((await provenanceOf(owner, ts.store.read, readoutItem('huge', 10, 12)))?.text).toBe('字字');
        expect(get).toHaveBeenCalledTimes(2);
        expect(await provenanceOf(owner, ts.store.read, readoutItem('gone', 0, 1))).toBeNull();
        expect(await provenanceOf(owner, ts.store.read, buildItem(tenantId, { source: { kind: 'manual' } }))).toBeNull();
      } finally {
        get.mockRestore();
      }
    });
  });
}
