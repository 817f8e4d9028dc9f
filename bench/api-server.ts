/*
 * The server side of bench/api.ts, in a process of its own so that the load generator does not share its
 * thread: opens the seeded store the parent names, serves it, and answers the parent's questions about its CPU
 * time over IPC. Not meant to be run by hand.
 */
import { startServer, type RunningServer } from '../src/api/server.js';
import { loadConfig } from '../src/config/config.js';
import { openStore, type Store, type StoreConfig } from '../src/store/index.js';

export type ToServer = { readonly type: 'start'; readonly store: StoreConfig; readonly tenantId: string } | { readonly type: 'cpu' } | { readonly type: 'close' };
export type FromServer = { readonly type: 'started'; readonly url: string } | { readonly type: 'cpu'; readonly micros: number } | { readonly type: 'closed' };

let store: Store | null = null;
let server: RunningServer | null = null;
const send = (m: FromServer) => process.send!(m);

// Without its parent (finished or killed) the server has no reason to run.
process.on('disconnect', () => {
  void (async () => {
    await server?.close();
    await store?.close();
  })().finally(() => process.exit(0));
});

process.on('message', (m: ToServer) => {
  void (async () => {
    if (m.type === 'start') {
      store = await openStore(m.store);
      const config = loadConfig({ LUOSHI_TENANT: m.tenantId, LUOSHI_PORT: '0', LUOSHI_LOG_LEVEL: 'warn', LUOSHI_DATA_DIR: m.store.dataDir });
      server = await startServer(config, {
        store,
        limits: { login: { max: 0, windowMs: 1 }, writes: { max: 0, windowMs: 1 } },
        dispatchWebhooks: false,
        schedule: false,
        notify: process.env.BENCH_NOTIFY !== 'off',
      });
      send({ type: 'started', url: server.url });
    } else if (m.type === 'cpu') {
      const u = process.cpuUsage();
      send({ type: 'cpu', micros: u.user + u.system });
    } else {
      await server?.close();
      await store?.close();
      server = null;
      store = null;
      send({ type: 'closed' });
      process.disconnect();
    }
  })().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
});
