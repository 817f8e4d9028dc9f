import { randomUUID } from 'node:crypto';
import { SingleBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import { buildDemo, type DemoSummary } from '../../app/demo/build-demo.js';
import { AppError } from '../../app/errors.js';
import type { TenantId } from '../../domain/ids.js';
import type { Store } from '../../store/index.js';
import { withStore, withStoreOptions, type StoreFlags } from '../context.js';
import { printJson, printTable, processOutput, type Output } from '../output.js';
import { runCommand } from '../run.js';

interface DemoFlags extends StoreFlags {
  password?: string;
}

/** `luoshi demo`: fills an empty database with the demo city 示范市. */
export function registerDemo(program: Command, o: Output = processOutput): void {
  withStoreOptions(program.command('demo'))
    .description('Create the demo city 示范市 (units, users of every role, items in every state) 创建演示城市')
    .option('--password <password>', 'password of every demo user')
    .action((flags: DemoFlags) =>
      runCommand(async () => {
        await runDemo(flags, o);
      }, o),
    );
}

/**
 * Whether the tenant can take the demo: absent, or present with nothing in it yet (as `luoshi init` leaves it:
 * no units, users or items), since init then demo is the order a newcomer tries.
 */
export async function tenantTakesDemo(store: Store, tenantId: TenantId): Promise<boolean> {
  if ((await store.read.tenants.get(tenantId)) === undefined) return true;
  const [units, users, items] = await Promise.all([store.read.units.list(tenantId), store.read.users.list(tenantId), store.read.items.count(tenantId)]);
  return units.length === 0 && users.length === 0 && items === 0;
}

/** Builds the demo in the database the flags name; refuses a tenant that already holds units, users or items. */
export async function runDemo(flags: DemoFlags, o: Output): Promise<DemoSummary> {
  return withStore(
    flags,
    async ({ store, tenantId, config }) => {
      if (tenantId !== 'default') {
        throw new AppError('invalid_input', 'The demo city is the tenant "default"; drop --tenant.', '演示城市的租户固定为 default,请去掉 --tenant。');
      }
      if (!(await tenantTakesDemo(store, tenantId))) {
        throw new AppError(
          'invalid_input',
          'The tenant "default" of this database already holds units, users or items; use a new --db for the demo.',
          '该数据库的租户 default 中已有单位、用户或事项,请用新的 --db 创建演示城市。',
        );
      }
      const bar = !flags.json && process.stderr.isTTY ? new SingleBar({ format: '示范市 demo [{bar}] {value}/{total}', stream: process.stderr }, Presets.shades_classic) : null;
      const summary = await buildDemo(store, {
        now: new Date(),
        newId: randomUUID,
        password: flags.password,
        onProgress: (done, total) => (done === 1 ? bar?.start(total, done) : bar?.update(done)),
      });
      bar?.stop();
      if (flags.json) {
        printJson(o, {
          database: config.database.kind === 'sqlite' ? config.database.file : 'postgres',
          tenant: { id: summary.tenantId, name: summary.tenantName },
          units: summary.units,
          actions: summary.actions,
          users: summary.users.map((u) => ({ username: u.username, display_name: u.displayName, roles: u.roles, unit_id: u.unitId, unit_name: u.unitName })),
        });
      } else {
        o.out(`演示城市 ${summary.tenantName} 已创建 / demo city created: ${summary.units} units, ${summary.users.length} users, ${summary.actions} actions`);
        printTable(
          o,
          ['username 用户名', 'roles 角色', 'unit 单位'],
          summary.users.map((u) => [u.username, u.roles.join(','), u.unitName]),
        );
      }
      return summary;
    },
    { migrate: true },
  );
}
