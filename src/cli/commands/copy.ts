import type { Command } from 'commander';
import { copySqliteToPostgres } from '../../app/backup/copy.js';
import { configFrom } from '../context.js';
import { printJson, processOutput, type Output } from '../output.js';
import { runCommand } from '../run.js';

interface CopyFlags {
  fromDb: string;
  toDatabaseUrl: string;
  data?: string;
  json?: boolean;
}

/**
 * `luoshi copy --from-db FILE --to-database-url URL [--data DIR]`: every tenant of a SQLite file into an empty
 * PostgreSQL database, all or nothing, then each chain verified on the target.
 */
export function registerCopy(program: Command, o: Output = processOutput): void {
  program
    .command('copy')
    .description('Copy a SQLite database into an empty PostgreSQL database (all or nothing), then verify 迁移到 PostgreSQL')
    .requiredOption('--from-db <file>', 'SQLite database file (stop the server on it first)')
    .requiredOption('--to-database-url <url>', 'empty PostgreSQL database')
    .option('--data <dir>', 'data folder of the SQLite file: its keys and checkpoint log serve the copy (default: ./data)')
    .option('--json', 'print JSON instead of text')
    .action((flags: CopyFlags) =>
      runCommand(async () => {
        const config = configFrom({ data: flags.data, db: flags.fromDb });
        const r = await copySqliteToPostgres({
          fromFile: flags.fromDb,
          toUrl: flags.toDatabaseUrl,
          dataDir: config.dataDir,
          chainAlgorithm: config.chainHash === 'sha256' ? 'hmac-sha256' : 'hmac-sm3',
          onTable: flags.json ? undefined : (t) => o.out(`  ${t.table}: ${t.rows}`),
        });
        if (flags.json) printJson(o, r);
        else {
          o.out(`已迁移 copied ${r.tables.reduce((n, t) => n + t.rows, 0)} rows in ${r.tables.length} tables`);
          for (const v of r.verified) {
            if (v.ok) o.out(`  ${v.tenantId}: 链完整 chain verified on the target, ${v.count} events, head #${v.seq} ${v.hash}`);
            else o.err(`  ${v.tenantId}: 链校验失败 chain does not verify on the target: ${v.problem ?? ''}`);
          }
        }
        return r.verified.every((v) => v.ok) ? 0 : 7;
      }, o),
    );
}
