/*
 * Test support: one writer of the concurrency tests. It applies "an action" to an item: a versioned update
 * of the projection and an event, in one transaction, exactly as a use case of the app layer does.
 */
import type { Item } from '../../domain/item.js';
import { isStoreError } from '../errors.js';
import type { Store } from '../store.js';
import { buildEvent } from './factories.js';

/** 'ok', or the store error code that refused the action. */
export async function applyAction(store: Store, item: Item, writer: number): Promise<string> {
  try {
    await store.transaction(async (tx) => {
      const next: Item = { ...item, progress: writer, version: item.version + 1 };
      await tx.items.update(item, next, new Date(Date.parse(item.createdAt) + writer * 1000).toISOString());
      await tx.appendEvents(item.tenantId, [buildEvent(item.id, 'ItemReported', writer, { progress: writer, writer })]);
    });
    return 'ok';
  } catch (err) {
    return isStoreError(err) ? err.code : `unexpected: ${String(err)}`;
  }
}
