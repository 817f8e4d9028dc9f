import type { Item } from '../../domain/item.js';
import type { ReadContext, TransactionContext } from '../../store/index.js';

/** For items from a readout: the source sentence with the text around it. */
export interface Provenance {
  readonly documentId: string;
  readonly title: string;
  readonly before: string;
  readonly text: string;
  readonly after: string;
}

/** Characters of context shown on each side of a source sentence. */
const CONTEXT_CHARS = 120;

/*
 * Source documents are written once and never changed (they carry their digest), and the items of one readout
 * are usually read one after another, so the last few documents read are kept: the next page then needs no
 * read of a long text to cut 240 characters out of it. Kept per store (`owner`) for TTL_MS of real time, at
 * most BUDGET_CHARS of text in all (about 4 MB); a document longer than a quarter of that is not kept.
 */
const BUDGET_CHARS = 2_000_000;
const TTL_MS = 60_000;

interface Entry {
  readonly title: string;
  readonly text: string;
  readonly loadedAt: number;
}

interface Documents {
  readonly byKey: Map<string, Entry>;
  chars: number;
}

const cache = new WeakMap<object, Documents>();

function drop(docs: Documents, key: string): void {
  const e = docs.byKey.get(key);
  if (!e) return;
  docs.byKey.delete(key);
  docs.chars -= e.text.length;
}

async function sourceDocument(owner: object, read: ReadContext | TransactionContext, tenantId: string, documentId: string): Promise<Entry | null> {
  let docs = cache.get(owner);
  if (!docs) cache.set(owner, (docs = { byKey: new Map(), chars: 0 }));
  const key = `${tenantId}\u0000${documentId}`;
  const now = performance.now();
  const hit = docs.byKey.get(key);
  if (hit && now - hit.loadedAt < TTL_MS) {
    // Most recently used last, so the first key is the one to drop.
    docs.byKey.delete(key);
    docs.byKey.set(key, hit);
    return hit;
  }
  drop(docs, key);
  const doc = await read.documents.get(tenantId, documentId);
  if (!doc) return null;
  const entry = { title: doc.title, text: doc.text, loadedAt: now };
  if (doc.text.length <= BUDGET_CHARS / 4) {
    drop(docs, key);
    while (docs.chars + doc.text.length > BUDGET_CHARS) drop(docs, docs.byKey.keys().next().value!);
    docs.byKey.set(key, entry);
    docs.chars += doc.text.length;
  }
  return entry;
}

/** Where a readout item's text comes from, with context; null for other sources or a missing document. */
export async function provenanceOf(owner: object, read: ReadContext | TransactionContext, item: Item): Promise<Provenance | null> {
  if (item.source.kind !== 'readout') return null;
  const { documentId, start, end } = item.source;
  const doc = await sourceDocument(owner, read, item.tenantId, documentId);
  if (!doc) return null;
  return {
    documentId,
    title: doc.title,
    before: doc.text.slice(Math.max(0, start - CONTEXT_CHARS), start),
    text: doc.text.slice(start, end),
    after: doc.text.slice(end, end + CONTEXT_CHARS),
  };
}
