/*
 * Test support: a writer thread with its own store, and so its own SQLite connection to the shared file.
 * It opens the store once, then for each job: says it is ready, waits at the start line (a shared flag) so
 * that all writers go at once, applies one action and reports the outcome.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Item } from '../../domain/item.js';
import { openStore, type StoreConfig } from '../store.js';
import { applyAction } from './concurrent-writer.js';

export interface WriterJob {
  readonly item: Item;
  readonly writer: number;
  readonly startLine: SharedArrayBuffer;
}

const port = parentPort!;
const store = await openStore({ ...(workerData as { config: StoreConfig }).config, migrate: false });

port.on('message', (job: WriterJob | 'close') => {
  if (job === 'close') {
    void store.close().then(() => port.close());
    return;
  }
  port.postMessage('ready');
  Atomics.wait(new Int32Array(job.startLine), 0, 0);
  void applyAction(store, job.item, job.writer).then((outcome) => port.postMessage(outcome));
});
port.postMessage('open');
