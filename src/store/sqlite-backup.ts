import BetterSqlite3 from 'better-sqlite3';
import { StoreError } from './errors.js';

/**
 * Copies a SQLite database file while other processes write to it, with SQLite's online backup API: after a
 * first look, the rest is copied in one step, which holds a read transaction for its length, so the copy is
 * one consistent moment of the database (a write landing between the two steps makes SQLite start again, once).
 * Writers are not blocked (WAL). The copy is a complete SQLite file at `dest`.
 * @throws StoreError `database_unavailable` when the source cannot be opened.
 */
export async function backupSqliteFile(source: string, dest: string): Promise<void> {
  let db: BetterSqlite3.Database;
  try {
    db = new BetterSqlite3(source, { readonly: true, fileMustExist: true });
  } catch (cause) {
    throw new StoreError(
      'database_unavailable',
      `cannot open the database file ${source}: ${(cause as Error).message}`,
      `无法打开数据库文件 ${source}：${(cause as Error).message}`,
      { file: source },
      { cause },
    );
  }
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(dest, { progress: () => 0x7fffffff });
  } finally {
    db.close();
  }
}
