import type { Command } from 'commander';
import { DEMO_PASSWORD } from '../../app/demo/demo-password.js';
import { listItems } from '../../app/index.js';
import { withStore, withStoreOptions, type StoreFlags } from '../context.js';
import { printTable, processOutput, type Output } from '../output.js';
import { runCommand } from '../run.js';
import { runDemo, tenantTakesDemo } from './demo.js';
import { runServe } from './serve.js';
import { LIGHT_ZH, STATUS_ZH } from './present.js';

/** Password of the demo users that `npm start` creates, printed so a newcomer can log in. */
export const START_DEMO_PASSWORD = DEMO_PASSWORD;

interface StartFlags extends StoreFlags {
  password?: string;
  host?: string;
  port?: string;
  serve?: boolean;
}

/**
 * `luoshi start` (`npm start`): on first run creates the demo city in the data folder, then shows what the
 * database holds: items per ledger type, state and light, and the users to try.
 */
export function registerStart(program: Command, o: Output = processOutput): void {
  withStoreOptions(program.command('start'))
    .description('Create the demo city on first run and show what it holds 首次运行创建演示城市')
    .option('--password <password>', 'password of the demo users created on first run', START_DEMO_PASSWORD)
    .option('--host <host>', 'address to bind (default 127.0.0.1)')
    .option('--port <port>', 'port (default 8080)')
    .option('--no-serve', 'only create the demo and show what it holds')
    .action((flags: StartFlags) => runCommand(() => runStart(flags, o), o));
}

async function runStart(flags: StartFlags, o: Output): Promise<number> {
  const fresh = await withStore(flags, async ({ store, tenantId }) => tenantTakesDemo(store, tenantId), { migrate: true });
  if (fresh) {
    o.out('首次运行:正在创建演示城市 示范市 / first run: creating the demo city …');
    await runDemo({ ...flags, json: false }, { out: () => undefined, err: o.err });
    o.out(`演示用户密码 demo users' password: ${flags.password ?? START_DEMO_PASSWORD}`);
  }
  await withStore(flags, async ({ deps, tenantId, config }) => {
    const counts = new Map<string, number>();
    let after: string | null = null;
    do {
      const page = await listItems(deps, { tenantId, operator: true }, { limit: 1000, after });
      for (const { item, light } of page.items) {
        const key = `${item.ledgerType}\u0000${item.status}\u0000${light.light}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      after = page.nextCursor;
    } while (after !== null);
    const where = config.database.kind === 'sqlite' ? config.database.file : 'PostgreSQL';
    o.out(`数据库 database: ${where}`);
    printTable(
      o,
      ['台账 ledger', '状态 state', '预警 light', '事项 items'],
      [...counts].sort().map(([k, n]) => {
        const [ledger, status, light] = k.split('\u0000') as [string, keyof typeof STATUS_ZH, keyof typeof LIGHT_ZH];
        return [ledger, STATUS_ZH[status], LIGHT_ZH[light], n];
      }),
    );
    o.out(
      ['试一试 try:', `  npx luoshi items list --as supervisor --light red`, `  npx luoshi item show <id> --as wjw.handler`, `  npx luoshi stats`, `  npx luoshi verify`].join(
        '\n',
      ),
    );
  });
  if (flags.serve === false) return 0;
  return runServe({ db: flags.db, databaseUrl: flags.databaseUrl, data: flags.data, host: flags.host, port: flags.port }, o);
}
