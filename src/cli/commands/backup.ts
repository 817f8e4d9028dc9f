import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { makeBackup } from '../../app/backup/backup.js';
import { BackupError } from '../../app/backup/errors.js';
import { restoreBackup } from '../../app/backup/restore.js';
import { configFrom, type StoreFlags } from '../context.js';
import { printJson, processOutput, type Output } from '../output.js';
import { runCommand } from '../run.js';

interface PassphraseFlags {
  passphraseFile?: string;
}

/**
 * The passphrase from `--passphrase-file` (first line) or LUOSHI_BACKUP_PASSPHRASE; never from a flag's value,
 * which other users of the host could read from the process list.
 */
export function passphraseFrom(flags: PassphraseFlags, env: NodeJS.ProcessEnv = process.env): string {
  const text = flags.passphraseFile ? readFileSync(flags.passphraseFile, 'utf8').split(/\r?\n/)[0]! : env.LUOSHI_BACKUP_PASSPHRASE;
  if (!text) {
    throw new BackupError(
      'backup_passphrase_missing',
      'Give the backup passphrase in a file (--passphrase-file FILE) or in LUOSHI_BACKUP_PASSPHRASE.',
      '请通过文件(--passphrase-file FILE)或环境变量 LUOSHI_BACKUP_PASSPHRASE 提供备份口令。',
    );
  }
  return text;
}

const withDatabase = (cmd: Command) =>
  cmd
    .option('--db <path>', 'SQLite database file (default: <data>/luoshi.db)')
    .option('--database-url <url>', 'PostgreSQL database URL (postgres://…), instead of SQLite')
    .option('--data <dir>', 'data folder: keys, checkpoint log, evidence files (default: ./data)')
    .option('--passphrase-file <file>', 'file whose first line is the passphrase (or set LUOSHI_BACKUP_PASSPHRASE)')
    .option('--json', 'print JSON instead of text');

/** `luoshi backup --out FILE`. */
export function registerBackup(program: Command, o: Output = processOutput): void {
  withDatabase(program.command('backup'))
    .description('Back up the database, keys, checkpoint log and evidence into one encrypted archive, while the server runs 在线备份')
    .requiredOption('--out <file>', 'archive to write')
    .action((flags: StoreFlags & PassphraseFlags & { out: string }) =>
      runCommand(async () => {
        const config = configFrom(flags);
        const m = await makeBackup({ database: config.database, dataDir: config.dataDir, out: flags.out, passphrase: passphraseFrom(flags) });
        if (flags.json) printJson(o, m);
        else {
          o.out(`已备份 backed up to ${flags.out}: ${m.tables.reduce((n, t) => n + t.rows, 0)} rows in ${m.tables.length} tables, ${m.files.length} files`);
          for (const h of m.heads) o.out(`  ${h.tenantId}: chain head #${h.seq} ${h.hash}`);
        }
        return 0;
      }, o),
    );
}

/** `luoshi restore FILE --db PATH | --database-url URL --data DIR`. */
export function registerRestore(program: Command, o: Output = processOutput): void {
  withDatabase(program.command('restore'))
    .description('Restore an archive into an empty database and a new data folder, then verify every chain 恢复并校验')
    .argument('<file>', 'archive written by luoshi backup')
    .action((file: string, flags: StoreFlags & PassphraseFlags) =>
      runCommand(async () => {
        const config = configFrom(flags);
        const r = await restoreBackup({
          archive: file,
          passphrase: passphraseFrom(flags),
          database: config.database,
          dataDir: config.dataDir,
          chainAlgorithm: config.chainHash === 'sha256' ? 'hmac-sha256' : 'hmac-sm3',
        });
        if (flags.json) printJson(o, { tables: r.tables, verified: r.verified, migrations: r.manifest.migrations, createdAt: r.manifest.createdAt });
        else {
          o.out(`已恢复 restored ${r.tables.reduce((n, t) => n + t.rows, 0)} rows (backup of ${r.manifest.createdAt})`);
          for (const v of r.verified) {
            if (v.ok) o.out(`  ${v.tenantId}: 链完整 chain verified, ${v.count} events, head #${v.seq} ${v.hash}`);
            else o.err(`  ${v.tenantId}: 链校验失败 chain does not verify: ${v.problem ?? ''}`);
          }
        }
        return r.verified.every((v) => v.ok) ? 0 : 7;
      }, o),
    );
}
