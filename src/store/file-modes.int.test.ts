import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from './store.js';

const mode = (f: string): number => statSync(f).mode & 0o777;

// SQLite only: PostgreSQL keeps its files in its own server's data directory.
describe('SQLite files at rest', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('creates the database, its WAL and shared-memory files readable by their owner only, whatever the umask', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'luoshi-modes-'));
    dirs.push(dir);
    const file = join(dir, 'luoshi.db');
    const umask = process.umask(0o022);
    try {
      // Opening migrates the new file, so the WAL and shared-memory files exist too.
      const store = await openStore({ database: { kind: 'sqlite', file }, dataDir: dir });
      for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(mode(f).toString(8), f).toBe('600');
      await store.close();
    } finally {
      process.umask(umask);
    }
  });

  it('narrows a database file an older version left world-readable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'luoshi-modes-'));
    dirs.push(dir);
    const file = join(dir, 'luoshi.db');
    writeFileSync(file, '');
    chmodSync(file, 0o644);
    const store = await openStore({ database: { kind: 'sqlite', file }, dataDir: dir });
    expect(mode(file).toString(8)).toBe('600');
    await store.close();
  });
});
