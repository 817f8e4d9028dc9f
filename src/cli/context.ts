import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Command } from 'commander';
// The app's modules one by one, not its index: a command then loads only the use cases it calls.
import type { AppDeps } from '../app/context.js';
import { AppError } from '../app/errors.js';
import { loadWorkCalendar } from '../config/calendar.js';
import { loadConfig, type Config } from '../config/config.js';
import { openStore, type Store } from '../store/index.js';

/** Flags every command that touches the database takes. */
export interface StoreFlags {
  db?: string;
  databaseUrl?: string;
  data?: string;
  tenant?: string;
  json?: boolean;
}

/** Adds the shared flags: --db / --database-url / --data / --tenant / --json. */
export function withStoreOptions(cmd: Command): Command {
  return cmd
    .option('--db <path>', 'SQLite database file (default: <data>/luoshi.db)')
    .option('--database-url <url>', 'PostgreSQL database URL (postgres://…), instead of SQLite')
    .option('--data <dir>', 'data folder: keys, checkpoints, evidence files (default: ./data)')
    .option('--tenant <id>', 'tenant (city) to work on (default: default)')
    .option('--json', 'print JSON instead of tables');
}

/** Settings from the environment with the flags on top. @throws ConfigError. */
export function configFrom(flags: StoreFlags, env: NodeJS.ProcessEnv = process.env): Config {
  return loadConfig(env, { LUOSHI_DB: flags.db, LUOSHI_DATABASE_URL: flags.databaseUrl, LUOSHI_DATA_DIR: flags.data, LUOSHI_TENANT: flags.tenant });
}

export interface CliContext {
  readonly config: Config;
  readonly store: Store;
  readonly deps: AppDeps;
  readonly tenantId: string;
}

/**
 * Opens the store the flags name and runs `fn` with the app's dependencies; always closes the store (which
 * also writes the due checkpoints).
 */
export async function withStore<T>(flags: StoreFlags, fn: (c: CliContext) => Promise<T>, options: { migrate?: boolean } = {}): Promise<T> {
  const config = configFrom(flags);
  const calendar = loadWorkCalendar(config);
  if (config.database.kind === 'sqlite') {
    const file = config.database.file;
    if (options.migrate) mkdirSync(dirname(file), { recursive: true });
    else if (!existsSync(file)) {
      throw new AppError('invalid_input', `No database at ${file}: run \`luoshi init\` or \`luoshi demo\` first.`, `${file} 处没有数据库:请先运行 luoshi init 或 luoshi demo。`);
    }
  }
  const store = await openStore({
    database: config.database,
    dataDir: config.dataDir,
    chainAlgorithm: config.chainHash === 'sm3' ? 'hmac-sm3' : 'hmac-sha256',
    migrate: options.migrate ?? false,
    checkpointAnchor: config.checkpointAnchor,
  });
  try {
    return await fn({ config, store, deps: { store, now: () => new Date(), newId: randomUUID, calendar }, tenantId: config.tenant });
  } finally {
    await store.close();
  }
}
