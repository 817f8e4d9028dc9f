import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { AppError } from '../../app/errors.js';
import { readLedgerConfig, setLedgerConfig, type LedgerConfigView } from '../../app/ledger-types/config.js';
import type { TimeLimit } from '../../domain/ledger-types/index.js';
import { withStore, withStoreOptions, type StoreFlags } from '../context.js';
import { printJson, printTable, processOutput, type Output } from '../output.js';
import { runCommand } from '../run.js';

interface Flags extends StoreFlags {
  as?: string;
  expectedVersion?: string;
}

const UNIT_ZH: Record<TimeLimit['unit'], string> = { hours: '小时', calendar_days: '自然日', working_days: '工作日' };

function printView(o: Output, view: LedgerConfigView): void {
  o.out(`台账类型配置 ledger type settings: version ${view.version}${view.updatedAt ? ` (${view.updatedAt}, ${view.updatedBy ?? '—'})` : ' (内置默认 built-ins as shipped)'}`);
  printTable(
    o,
    ['key', '名称 name', '时限 limit', '预警 warn (wd)', '办结环节 closure stages', '字段 fields', '状态 state'],
    view.types.map((t) => [
      t.key,
      t.name.zh,
      t.defaultTimeLimit ? `${t.defaultTimeLimit.amount} ${UNIT_ZH[t.defaultTimeLimit.unit]}` : (t.defaultCadence ?? '—'),
      t.warningRules.warnWorkingDays,
      t.closureStages.map((s) => s.name.zh).join(' → '),
      t.fields.length,
      t.disabled ? '停用 off' : '启用 on',
    ]),
  );
}

/**
 * What `set` reads: a bare configuration, or the output of `show --json` (edited), whose version is the one
 * the change starts from.
 */
function readConfigFile(file: string): { config: unknown; version?: number } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new AppError('invalid_input', `Cannot read ${file} as JSON: ${(e as Error).message}`, `无法将 ${file} 读取为 JSON:${(e as Error).message}`);
  }
  if (typeof parsed === 'object' && parsed !== null && 'config' in parsed && 'version' in parsed) {
    const { config, version } = parsed as { config: unknown; version: unknown };
    return { config, version: typeof version === 'number' ? version : undefined };
  }
  return { config: parsed };
}

/** `luoshi ledger-types show|set`: the tenant's ledger type settings (system admin). */
export function registerLedgerTypes(program: Command, o: Output = processOutput): void {
  const cmd = program.command('ledger-types').description('Ledger type settings: fields, time limits, warning rules, closure stages 台账类型配置');
  withStoreOptions(cmd.command('show'))
    .description('The configuration, its version and the types it results in 查看台账类型配置')
    .option('--as <username>', 'read as this system admin (default: the operator)')
    .action((flags: Flags) =>
      runCommand(
        () =>
          withStore(flags, async ({ deps, tenantId }) => {
            const view = await readLedgerConfig(deps, flags.as ? { tenantId, username: flags.as } : { tenantId, operator: true });
            if (flags.json) printJson(o, view);
            else printView(o, view);
          }),
        o,
      ),
    );

  withStoreOptions(cmd.command('set'))
    .description('Replace the configuration with FILE.json (a configuration, or the edited output of show --json) 修改台账类型配置')
    .argument('<file>', 'JSON file: {"overrides": {…}, "custom": […], "disabled": […]}, or show --json output')
    .option('--as <username>', 'the system admin who makes the change (required)')
    .option('--expected-version <n>', 'the version the change starts from (default: the version in the file)')
    .action((file: string, flags: Flags) =>
      runCommand(
        () =>
          withStore(flags, async ({ deps, tenantId }) => {
            if (!flags.as) throw new AppError('invalid_input', 'Say who changes the settings: --as USERNAME (a system admin)', '请用 --as 用户名 指明修改配置的系统管理员');
            const { config, version } = readConfigFile(file);
            const expected = flags.expectedVersion !== undefined ? Number(flags.expectedVersion) : version;
            if (expected === undefined || !Number.isSafeInteger(expected) || expected < 0) {
              throw new AppError(
                'invalid_input',
                'Say which version the change starts from: --expected-version N (see ledger-types show), or set the output of show --json.',
                '请用 --expected-version 指明所修改配置的版本号(见 ledger-types show),或使用 show --json 的输出文件。',
              );
            }
            const view = await setLedgerConfig(deps, { tenantId, username: flags.as }, { config, expectedVersion: expected });
            if (flags.json) printJson(o, view);
            else {
              o.out(`已保存 saved: version ${view.version}`);
              printView(o, view);
            }
          }),
        o,
      ),
    );
}
