import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Item } from '../domain/item.js';
import { DIALECTS, openTestStore, type TestStore } from './testing/dialects.js';
import { applyAction } from './testing/concurrent-writer.js';
import { T0, buildItem, seedTenant } from './testing/factories.js';

const WRITERS = 16;

// Worker threads do not inherit the TypeScript loader, so each one registers tsx and then imports the writer
// (the bare specifier resolves from the working directory, the repository root).
const writerModule = new URL('./testing/concurrent-worker.ts', import.meta.url).href;
const TS_WORKER = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(writerModule)}); });`;

const nextMessage = (w: Worker): Promise<string> =>
  new Promise((resolve, reject) => {
    w.once('message', resolve);
    w.once('error', reject);
  });

/** SQLite: writer threads, each with its own connection to the file; started once per file (loading is slow). */
class WriterThreads {
  private constructor(private readonly workers: readonly Worker[]) {}

  static async start(t: TestStore, count: number): Promise<WriterThreads> {
    const workers = Array.from({ length: count }, () => new Worker(TS_WORKER, { eval: true, workerData: { config: t.config } }));
    await Promise.all(workers.map(nextMessage)); // 'open'
    return new WriterThreads(workers);
  }

  /** Gives writer i the item items[i], releases all at once when every one is ready, and collects outcomes. */
  async run(items: readonly Item[]): Promise<string[]> {
    const startLine = new SharedArrayBuffer(4);
    const ready = items.map((item, i) => {
      const w = this.workers[i]!;
      const r = nextMessage(w);
      w.postMessage({ item, writer: i + 1, startLine });
      return r;
    });
    await Promise.all(ready);
    const outcomes = this.workers.slice(0, items.length).map(nextMessage);
    Atomics.store(new Int32Array(startLine), 0, 1);
    Atomics.notify(new Int32Array(startLine), 0);
    return Promise.all(outcomes);
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.workers.map((w) => {
        const exited = new Promise((resolve) => w.once('exit', resolve));
        w.postMessage('close');
        return exited;
      }),
    );
  }
}

describe.each(DIALECTS)('concurrent writers on $name', ({ name, skip }) => {
  if (skip) {
    it.skip('needs LUOSHI_TEST_DATABASE_URL', () => undefined);
    return;
  }
  let t: TestStore;
  let threads: WriterThreads | null = null;
  // Each writer thread loads the TypeScript sources afresh: allow for a busy machine.
  beforeAll(async () => {
    t = await openTestStore(name);
    if (name === 'sqlite') threads = await WriterThreads.start(t, WRITERS);
  }, 180_000);
  afterAll(async () => {
    await threads?.stop();
    await t.dispose();
  });
  /** PostgreSQL: the writers share one pool, each transaction on its own connection. */
  const concurrently = (items: readonly Item[]): Promise<string[]> =>
    threads ? threads.run(items) : Promise.all(items.map((item, writer) => applyAction(t.store, item, writer + 1)));

  it(`${WRITERS} conflicting actions on one item: exactly one wins, the rest get version_conflict, the chain stays linear`, async () => {
    const { tenantId } = await seedTenant(t.store);
    const item = buildItem(tenantId);
    await t.store.transaction((tx) => tx.items.insert(item, T0));
    const outcomes = await concurrently(Array.from({ length: WRITERS }, () => item));
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'version_conflict')).toHaveLength(WRITERS - 1);
    const winner = outcomes.indexOf('ok') + 1;
    expect(await t.store.read.items.get(tenantId, item.id)).toMatchObject({ version: 2, progress: winner });
    const events = await t.store.read.events.listByItem(tenantId, item.id);
    expect(events.map((e) => [e.seq, e.payload.writer])).toEqual([[1, winner]]);
    expect(await t.store.verifyChain(tenantId)).toMatchObject({ ok: true, count: 1 });
  });

  it(`${WRITERS} writers on different items of one tenant all succeed and never fork the chain`, async () => {
    const { tenantId } = await seedTenant(t.store);
    const items = Array.from({ length: WRITERS }, () => buildItem(tenantId));
    await t.store.transaction(async (tx) => {
      for (const item of items) await tx.items.insert(item, T0);
    });
    const outcomes = await concurrently(items);
    expect(outcomes).toEqual(Array.from({ length: WRITERS }, () => 'ok'));
    const events = await t.store.read.events.listAfter(tenantId, 0);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: WRITERS }, (_, i) => i + 1));
    expect(await t.store.verifyChain(tenantId)).toMatchObject({ ok: true, count: WRITERS });
  });
});
