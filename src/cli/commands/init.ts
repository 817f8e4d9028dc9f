import type { Command } from 'commander';
import { ensureTenant } from '../../app/index.js';
import { NEW_TENANT_SIGNING_POLICY } from '../../app/signatures/policy.js';
import { withStore, withStoreOptions, type StoreFlags } from '../context.js';
import { printFields, printJson, processOutput, type Output } from '../output.js';
import { runCommand } from '../run.js';

interface InitFlags extends StoreFlags {
  name?: string;
  timeZone?: string;
}

/**
 * `luoshi init`: creates the database or migrates it to this version, and creates the tenant — a new one with the
 * signing policy `required` (审签, 销号 and 印发通报 signed by everyone who takes them); a tenant that existed
 * before keeps its own.
 */
export function registerInit(program: Command, o: Output = processOutput): void {
  withStoreOptions(program.command('init'))
    .description('Create or migrate a database and create the tenant 创建或升级数据库')
    .option('--name <name>', 'name of the tenant (city)', 'Luoshi')
    .option('--time-zone <zone>', 'time zone of the tenant (IANA)')
    .action((flags: InitFlags) =>
      runCommand(
        () =>
          withStore(
            flags,
            async ({ config, deps, tenantId }) => {
              const tenant = await ensureTenant(deps, {
                id: tenantId,
                name: flags.name ?? 'Luoshi',
                timeZone: flags.timeZone ?? config.timeZone,
                signingPolicy: NEW_TENANT_SIGNING_POLICY,
              });
              const where = config.database.kind === 'sqlite' ? config.database.file : 'PostgreSQL';
              if (flags.json) printJson(o, { database: where, tenant });
              else {
                printFields(o, [
                  ['database 数据库', where],
                  ['tenant 租户', `${tenant.id} (${tenant.name})`],
                  ['time zone 时区', tenant.timeZone],
                  ['signing 签章要求', tenant.signingPolicy],
                  ['data 数据目录', config.dataDir],
                ]);
              }
            },
            { migrate: true },
          ),
        o,
      ),
    );
}
