import { isDeepStrictEqual } from 'node:util';
import type { TenantId } from '../domain/ids.js';
import type { ChainVerification, StoredEvent, Store } from '../store/index.js';

/*
 * A readout's text is what items point into for good: the item page shows the source sentence by its offsets.
 * Each document was stored in the same transaction as a ReadoutRecorded event carrying its SM3 digest, so verify
 * recomputes the digest of every stored text and holds the row (title, file name, type, who, when) to its event:
 * a text edited, a document inserted behind the record or deleted is named here.
 */

const failure = (seq: number, count: number, en: string, zh: string): ChainVerification => ({ ok: false, seq, problem: 'projection_mismatch', message: en, messageZh: zh, count });

export async function verifyDocuments(store: Store, tenantId: TenantId, chain: ChainVerification & { ok: true }, events: readonly StoredEvent[]): Promise<ChainVerification> {
  const said = new Map<string, StoredEvent>();
  for (const e of events) {
    if (e.type === 'ReadoutRecorded' && typeof e.payload.documentId === 'string') said.set(e.payload.documentId, e);
  }
  const seen = new Set<string>();
  for (const doc of await store.read.documents.listByTenant(tenantId)) {
    seen.add(doc.id);
    const e = said.get(doc.id);
    if (!e) {
      return failure(0, chain.count, `readout ${doc.id} has no event that recorded it: it was inserted behind the record`, `会议通稿 ${doc.id} 没有导入事件：系绕过记录插入`);
    }
    const p = e.payload;
    const recorded: Record<string, unknown> = { digest: p.digest, title: p.title, fileName: p.fileName ?? null, mediaType: p.mediaType, createdBy: e.actorUserId, createdAt: e.at };
    // The digest is recomputed from the text: a text edited with its digest column left alone is still caught.
    const stored: Record<string, unknown> = {
      digest: store.read.documents.digestOf(doc.text),
      title: doc.title,
      fileName: doc.fileName,
      mediaType: doc.mediaType,
      createdBy: doc.createdBy,
      createdAt: doc.createdAt,
    };
    const field = Object.keys(recorded).find((k) => !isDeepStrictEqual(recorded[k], stored[k])) ?? (doc.digest !== p.digest ? 'digest' : undefined);
    if (field) {
      const what = field === 'digest' ? 'text' : field;
      return failure(
        e.seq,
        chain.count,
        `readout ${doc.id}: its ${what} differs from event #${e.seq} that recorded it: the documents table was edited`,
        `会议通稿 ${doc.id} 的${what === 'text' ? '正文' : ` ${what} `}与第 ${e.seq} 号导入事件不符：会议通稿表被改动`,
      );
    }
  }
  const lost = [...said.entries()].find(([id]) => !seen.has(id));
  if (lost) {
    const [id, e] = lost;
    return failure(e.seq, chain.count, `readout ${id} recorded in event #${e.seq} has no row: it was deleted`, `第 ${e.seq} 号事件导入的会议通稿 ${id} 没有数据行：已被删除`);
  }
  return chain;
}
