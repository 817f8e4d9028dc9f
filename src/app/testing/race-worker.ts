/*
 * Test support: a contender thread with its own store, and so its own SQLite connection to the shared file.
 * It opens the store once, then for each job: says it is ready, waits at the start line (a shared flag) so
 * that all contenders go at once, applies the action through the app and posts the outcome.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openStore, type StoreConfig } from '../../store/index.js';
import { attempt, type RaceJob } from './race.js';

export interface RaceMessage {
  readonly job: RaceJob;
  readonly startLine: SharedArrayBuffer;
}

const port = parentPort!;
const store = await openStore({ ...(workerData as { config: StoreConfig }).config, migrate: false });

port.on('message', (msg: RaceMessage | 'close') => {
  if (msg === 'close') {
    void store.close().then(() => port.close());
    return;
  }
  port.postMessage('ready');
  Atomics.wait(new Int32Array(msg.startLine), 0, 0);
  void attempt(store, msg.job).then((outcome) => port.postMessage(outcome));
});
port.postMessage('open');
