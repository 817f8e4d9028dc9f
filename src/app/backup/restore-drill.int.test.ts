import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, type DatabaseConfig } from '../../store/index.js';
import { DIALECTS, databaseFor, dropTestDatabase, openTestStore, tempDir } from '../../store/testing/dialects.js';
import { createItem } from '../items/create.js';
import { performAction } from '../items/perform.js';
import { DRIVEN_ITEM } from '../testing/life.js';
import { seedCity, testClock, testDeps } from '../testing/city.js';
import { makeBackup } from './backup.js';
import { restoreBackup } from './restore.js';

const PASS = 'restore-drill-passphrase';

/*
 * The restore drill: writers keep creating and assigning items while the backup is taken; every write
 * acknowledged before the backup started must be in the restored copy, whose chains verify to the head the
 * backup recorded.
 */
for (const d of DIALECTS) {
  describe.skipIf(d.skip)(`restore drill on ${d.name}`, () => {
    const drop: DatabaseConfig[] = [];
    afterAll(async () => {
      for (const c of drop) await dropTestDatabase(c);
    });

    it('restores every action acknowledged before a backup taken under write load', async () => {
      const ts = await openTestStore(d.name, { keys: undefined, checkpoints: { everyEvents: 5 } });
      try {
        const deps = testDeps(ts.store, testClock());
        const city = await seedCity(deps);
        const acked: { id: string; version: number }[] = [];
        let stop = false;
        const writer = async (w: number) => {
          for (let i = 0; !stop; i++) {
            const { item } = await createItem(deps, city.as('sup'), { ...DRIVEN_ITEM, title: `演练事项 ${w}-${i}` });
            acked.push({ id: item.id, version: item.version });
            const { item: assigned } = await performAction(deps, city.as('sup'), item.id, { type: 'AssignItem', data: { leadUnitId: 'env', deadline: '2026-06-30' } });
            acked.push({ id: assigned.id, version: assigned.version });
          }
        };
        const writers = [writer(1), writer(2), writer(3)];
        while (acked.length < 30) await new Promise((r) => setTimeout(r, 5));
        // What was acknowledged before the backup starts must survive it.
        const before = new Map<string, number>();
        for (const a of acked) before.set(a.id, Math.max(before.get(a.id) ?? 0, a.version));
        const out = join(tempDir(), 'drill.luoshi-backup');
        const manifest = await makeBackup({ database: ts.config.database, dataDir: ts.dir, out, passphrase: PASS });
        const during = acked.length;
        stop = true;
        await Promise.all(writers);
        expect(acked.length).toBeGreaterThan(30); // writes went on while the backup ran or right after it
        expect(during).toBeGreaterThanOrEqual(30);

        for (const into of DIALECTS.filter((x) => !x.skip).map((x) => x.name)) {
          const dir = tempDir();
          const database = databaseFor(into, dir);
          drop.push(database);
          const report = await restoreBackup({ archive: out, passphrase: PASS, database, dataDir: join(dir, 'data') });
          const mine = report.verified.find((v) => v.tenantId === city.tenantId)!;
          expect(mine.ok, mine.problem).toBe(true);
          expect(mine.seq).toBe(manifest.heads.find((h) => h.tenantId === city.tenantId)!.seq);
          const restored = await openStore({ database, dataDir: join(dir, 'data'), migrate: false });
          try {
            const missing: string[] = [];
            for (const [id, version] of before) {
              const item = await restored.read.items.get(city.tenantId, id);
              if (!item || item.version < version) missing.push(id);
            }
            expect(missing).toEqual([]);
          } finally {
            await restored.close();
          }
        }
      } finally {
        await ts.dispose();
      }
    }, 60_000);
  });
}
