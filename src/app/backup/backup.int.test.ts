import { readFileSync, writeFileSync, truncateSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, openStore, type DatabaseConfig } from '../../store/index.js';
import { DIALECTS, databaseFor, dropTestDatabase, openTestStore, tempDir, type TestStore } from '../../store/testing/dialects.js';
import { createItem } from '../items/create.js';
import { performAction } from '../items/perform.js';
import { DRIVEN_ITEM } from '../testing/life.js';
import { errorCode, seedCity, testClock, testDeps } from '../testing/city.js';
import { makeBackup } from './backup.js';
import { restoreBackup } from './restore.js';

const PASS = '落实备份口令-2026-test';
const FAST_KDF = { N: 2 ** 14, r: 8, p: 1 };

for (const d of DIALECTS) {
  describe.skipIf(d.skip)(`backup and restore from ${d.name}`, () => {
    let ts: TestStore;
    let tenantId: string;
    const targets: DatabaseConfig[] = [];
    beforeAll(async () => {
      // Key files in the data folder on both databases: they travel in the archive.
      ts = await openTestStore(d.name, { keys: undefined });
      const deps = testDeps(ts.store, testClock());
      const city = await seedCity(deps);
      tenantId = city.tenantId;
      for (let i = 0; i < 5; i++) {
        const { item } = await createItem(deps, city.as('sup'), { ...DRIVEN_ITEM, title: `事项${i}` });
        await performAction(deps, city.as('sup'), item.id, { type: 'AssignItem', data: { leadUnitId: 'env', deadline: '2026-06-30' } });
      }
    });
    afterAll(async () => {
      for (const t of targets) await dropTestDatabase(t);
      await ts?.dispose();
    });

    const target = (name: 'sqlite' | 'postgres') => {
      // A SQLite target in a folder that does not exist yet, as `luoshi restore --data NEWDIR` gives.
      const dir = join(tempDir('luoshi-restore-'), 'new');
      const database = databaseFor(name, dir);
      targets.push(database);
      return { database, dataDir: join(dir, 'data') };
    };

    for (const into of DIALECTS.filter((x) => !x.skip).map((x) => x.name)) {
      it(`restores into an empty ${into} database and verifies to the same head`, async () => {
        const out = join(tempDir(), 'city.luoshi-backup');
        const manifest = await makeBackup({ database: ts.config.database, dataDir: ts.dir, out, passphrase: PASS });
        const head = await ts.store.read.events.head(tenantId);
        expect(manifest.heads.find((h) => h.tenantId === tenantId)).toEqual({ tenantId, seq: head.seq, hash: head.hash });
        expect(readFileSync(out).includes(Buffer.from('事项'))).toBe(false);
        const t = target(into);
        const report = await restoreBackup({ archive: out, passphrase: PASS, ...t });
        const mine = report.verified.find((v) => v.tenantId === tenantId)!;
        expect(mine).toMatchObject({ ok: true, seq: head.seq, hash: head.hash, count: head.seq });
        const restored = await openStore({ database: t.database, dataDir: t.dataDir, migrate: false });
        try {
          expect(await restored.read.items.count(tenantId, {})).toBe(5);
          expect(await restored.verifyChain(tenantId)).toMatchObject({ ok: true, headHash: head.hash });
        } finally {
          await restored.close();
        }
        // Once restored, the target is not empty: a second restore into it is refused.
        expect(await errorCode(restoreBackup({ archive: out, passphrase: PASS, database: t.database, dataDir: join(tempDir(), 'other') }))).toBe('already_exists');
      });
    }

    it('refuses a wrong passphrase, a truncated archive and an altered one, restoring nothing', async () => {
      const out = join(tempDir(), 'city.luoshi-backup');
      await makeBackup({ database: ts.config.database, dataDir: ts.dir, out, passphrase: PASS, kdf: FAST_KDF });
      const t = target('sqlite');
      expect(await errorCode(restoreBackup({ archive: out, passphrase: `${PASS}x`, ...t }))).toBe('backup_passphrase_wrong');
      const bytes = readFileSync(out);
      const cut = join(tempDir(), 'cut.luoshi-backup');
      writeFileSync(cut, bytes);
      truncateSync(cut, statSync(cut).size - 100);
      expect(await errorCode(restoreBackup({ archive: cut, passphrase: PASS, ...t }))).toBe('backup_damaged');
      const altered = Buffer.from(bytes);
      altered[Math.floor(altered.length / 2)]! ^= 0x01;
      const alt = join(tempDir(), 'alt.luoshi-backup');
      writeFileSync(alt, altered);
      expect(await errorCode(restoreBackup({ archive: alt, passphrase: PASS, ...t }))).toBe('backup_damaged');
      const notOne = join(tempDir(), 'x.bin');
      writeFileSync(notOne, 'hello');
      expect(await errorCode(restoreBackup({ archive: notOne, passphrase: PASS, ...t }))).toBe('backup_invalid');
      // Nothing was written: the same target takes the good archive.
      expect((await restoreBackup({ archive: out, passphrase: PASS, ...t })).verified.every((v) => v.ok)).toBe(true);
    });

    it('refuses a short passphrase before reading anything', async () => {
      expect(await errorCode(makeBackup({ database: ts.config.database, dataDir: ts.dir, out: join(tempDir(), 'b'), passphrase: 'short' }))).toBe('backup_passphrase_missing');
    });
  });
}

describe('restore of a database migrated by a newer Luoshi', () => {
  it('is refused with database_schema_newer and writes nothing', async () => {
    const ts = await openTestStore('sqlite', { keys: undefined });
    try {
      const h = createDatabase(ts.config.database);
      await sql`insert into kysely_migration (name, timestamp) values ('209912312359_from_the_future', '2099-12-31T23:59:00.000Z')`.execute(h.db);
      await h.close();
      const out = join(tempDir(), 'future.luoshi-backup');
      await makeBackup({ database: ts.config.database, dataDir: ts.dir, out, passphrase: PASS, kdf: FAST_KDF });
      const dir = tempDir();
      const file = join(dir, 'luoshi.db');
      expect(await errorCode(restoreBackup({ archive: out, passphrase: PASS, database: { kind: 'sqlite', file }, dataDir: join(dir, 'data') }))).toBe('database_schema_newer');
      expect(() => statSync(file)).toThrow();
    } finally {
      await ts.dispose();
    }
  });
});
