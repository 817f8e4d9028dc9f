import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type DatabaseConfig } from '../store/index.js';
import { DIALECTS, databaseFor, dropTestDatabase, freshId, tempDir } from '../store/testing/dialects.js';
import { bundleForNode, type Bundle } from './testing/bundle.js';
import type { Ack, CrashChildConfig } from './testing/crash-child.js';
import { runAndKill } from './testing/kill-loop.js';
import { seedLedgerCity } from './testing/ledger-city.js';
import { checkRecord } from './testing/record-check.js';
import { seededRandom } from '../domain/testing/random.js';

/*
 * Crash safety of the use cases (issue: "a child process applying actions is killed with SIGKILL many times
 * at random moments → every action it acknowledged is present, nothing half-written, the chain verifies").
 * The child acknowledges an action only after its transaction committed; it is killed at a random moment
 * of its work each time and restarted on the same database and data folder.
 */

const KILLS = 18;
/** Work time before each kill is drawn from [0, MAX_WORK_MS): from inside the first transaction to a few dozen actions in. */
const MAX_WORK_MS = 400;
const SEED = 20_260_302;

describe.each(DIALECTS)('SIGKILL during actions on $name', ({ name, skip }) => {
  if (skip) {
    it.skip('needs LUOSHI_TEST_DATABASE_URL', () => undefined);
    return;
  }
  let child: Bundle;
  const dir = tempDir('luoshi-crash-');
  // PostgreSQL: a schema of its own, so that the data folder's key files can be created for it.
  const database: DatabaseConfig = databaseFor(name, dir);

  beforeAll(async () => {
    child = await bundleForNode(new URL('./testing/crash-child.ts', import.meta.url));
  }, 60_000);
  afterAll(async () => {
    await child?.remove();
    rmSync(dir, { recursive: true, force: true });
    await dropTestDatabase(database);
  });

  it(`every acknowledged action survives ${KILLS} kills at random moments, nothing is half-written and the chain verifies`, async () => {
    const tenantId = freshId('crash');
    const setup = await openStore({ database, dataDir: dir });
    await seedLedgerCity({ store: setup, now: () => new Date(), newId: randomUUID }, tenantId, { departments: 8 });
    await setup.close();

    const config: CrashChildConfig = { database, dataDir: dir, tenantId, departments: 8, checkpointEvery: 7 };
    const rand = seededRandom(SEED);
    const acks: Ack[] = [];
    for (let k = 0; k < KILLS; k++) acks.push(...(await runAndKill(child.file, config, rand() * MAX_WORK_MS)));

    const store = await openStore({ database, dataDir: dir, migrate: false });
    try {
      const record = await checkRecord(store, tenantId);
      expect(record.chain).toMatchObject({ ok: true, count: record.events.length });
      expect(record.chain.ok && record.chain.checkpointsChecked).toBeGreaterThan(0);
      expect(record.seqProblems).toEqual([]);
      expect(record.mismatched).toEqual([]);
      expect(record.missing).toEqual([]);

      // The kills landed in real work, and every acknowledged action is in the record as it was acknowledged.
      expect(acks.length).toBeGreaterThanOrEqual(KILLS);
      const bySeq = new Map(record.events.map((e) => [e.seq, e]));
      for (const ack of acks) {
        const events = ack.events.map(([seq]) => bySeq.get(seq));
        expect(events.map((e) => e && [e.seq, e.type, e.itemId])).toEqual(ack.events.map(([seq, type]) => [seq, type, ack.item]));
        expect(events.at(-1)?.payload.version).toBe(ack.version);
        expect(record.items.get(ack.item)?.version).toBeGreaterThanOrEqual(ack.version);
      }
      // A kill can fall between a commit and its acknowledgement, so at most one action per kill (two events
      // at most: the last stage passing also closes the item) is in the record without having been acknowledged.
      const acked = new Set(acks.flatMap((a) => a.events.map(([seq]) => seq)));
      const unacknowledged = record.events.filter((e) => e.itemId !== null && !acked.has(e.seq));
      expect(unacknowledged.length).toBeLessThanOrEqual(2 * KILLS);
    } finally {
      await store.close();
    }
  }, 120_000);
});
