import type { Command } from 'commander';
import { AppError } from '../../app/index.js';
import { configureIndicator, listIndicators, listResponsibleUnits, setResponsibleUnit, switchIndicator } from '../../app/signals/index.js';
import { withStore, withStoreOptions, type StoreFlags } from '../context.js';
import { printFields, printJson, printTable, processOutput, type Output } from '../output.js';
import { runCommand } from '../run.js';
import { signalsCommand } from './signals-run.js';

interface AddFlags extends StoreFlags {
  as?: string;
  name: string;
  algorithm: string;
  control?: string;
  frequency: string;
  window?: string;
  ledger?: string;
  replace?: boolean;
}

interface ResponsibleFlags extends StoreFlags {
  as?: string;
  indicator?: string;
}

const by = (tenantId: string, as: string | undefined) => (as ? { tenantId, username: as } : { tenantId, operator: true as const });

function parseControl(text: string | undefined): Record<string, unknown> {
  if (text === undefined) return {};
  try {
    const v = JSON.parse(text) as unknown;
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new AppError('invalid_input', `--control must be a JSON object, e.g. '{"method":"C3"}'.`, `--control 须为 JSON 对象，例如 '{"method":"C3"}'。`);
}

function parseWindow(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n)) throw new AppError('invalid_input', '--window must be a whole number of periods.', '--window 须为整数期数。');
  return n;
}

/** `luoshi signals indicator add|list`: indicators with their algorithm and controls. */
export function registerSignalsIndicator(program: Command, o: Output = processOutput): void {
  const group = signalsCommand(program).command('indicator').description('Monitored indicators 监测指标');
  withStoreOptions(group.command('add'))
    .description('Add (or with --replace change) an indicator 新增监测指标')
    .argument('<key>', 'indicator key, e.g. fever_clinic')
    .requiredOption('--name <name>', 'name, e.g. 发热门诊就诊人次')
    .requiredOption('--algorithm <alg>', 'farringtonFlexible | farrington | earsC | cusum | glrnb | cidars')
    .requiredOption('--frequency <f>', 'day | week')
    .option('--control <json>', "the algorithm's controls as JSON (R's names and defaults)")
    .option('--window <n>', 'periods the algorithm runs over at each detection (needed by cusum and glrnb)')
    .option('--ledger <type>', 'ledger type of the items its alarms open', 'signal')
    .option('--replace', 'replace the configuration of an existing indicator')
    .option('--as <username>', 'act as this supervisor (default: the operator)')
    .action((key: string, flags: AddFlags) =>
      runCommand(
        () =>
          withStore(flags, async ({ deps, tenantId }) => {
            const input = {
              key,
              name: flags.name,
              algorithm: flags.algorithm,
              control: parseControl(flags.control),
              frequency: flags.frequency,
              windowPeriods: parseWindow(flags.window),
              ledgerType: flags.ledger,
            };
            const saved = await configureIndicator(deps, by(tenantId, flags.as), input as Parameters<typeof configureIndicator>[2], { replace: flags.replace });
            if (flags.json) printJson(o, saved);
            else {
              printFields(o, [
                ['indicator 指标', `${saved.key} ${saved.name}`],
                ['algorithm 算法', saved.algorithm],
                ['control 参数', JSON.stringify(saved.control)],
                ['frequency 频率', saved.frequency],
                ['window 窗口', saved.windowPeriods],
                ['ledger 台账', saved.ledgerType],
              ]);
            }
          }),
        o,
      ),
    );
  withStoreOptions(group.command('list'))
    .description('List indicators 监测指标列表')
    .option('--as <username>', 'as this user (default: the operator)')
    .action((flags: StoreFlags & { as?: string }) =>
      runCommand(
        () =>
          withStore(flags, async ({ deps, tenantId }) => {
            const list = await listIndicators(deps, by(tenantId, flags.as));
            if (flags.json) printJson(o, list);
            else {
              printTable(
                o,
                ['key', '名称 name', '算法 algorithm', '参数 control', '频率 frequency', '窗口 window', '台账 ledger', '状态 state'],
                list.map((i) => [
                  i.key,
                  i.name,
                  i.algorithm,
                  JSON.stringify(i.control),
                  i.frequency,
                  i.windowPeriods,
                  i.ledgerType,
                  i.disabledAt === null ? '监测中 on' : '已停用 off',
                ]),
              );
            }
          }),
        o,
      ),
    );
  for (const [name, on, text] of [
    ['disable', false, 'Switch an indicator off: detection leaves it alone 停用监测指标'],
    ['enable', true, 'Switch an indicator on again 启用监测指标'],
  ] as const) {
    withStoreOptions(group.command(name))
      .description(text)
      .argument('<key>', 'indicator key')
      .option('--as <username>', 'act as this supervisor (default: the operator)')
      .action((key: string, flags: StoreFlags & { as?: string }) =>
        runCommand(
          () =>
            withStore(flags, async ({ deps, tenantId }) => {
              const saved = await switchIndicator(deps, by(tenantId, flags.as), key, on);
              if (flags.json) printJson(o, saved);
              else {
                printFields(o, [
                  ['indicator 指标', `${saved.key} ${saved.name}`],
                  ['state 状态', saved.disabledAt === null ? '监测中 on' : `已停用 off (${saved.disabledAt})`],
                ]);
              }
            }),
          o,
        ),
      );
  }
  registerResponsible(program, o);
}

/** `luoshi signals responsible set|list`: which unit answers for a region's alarms. */
function registerResponsible(program: Command, o: Output): void {
  const group = signalsCommand(program).command('responsible').description("Units answering for a region's alarms 预警责任单位");
  withStoreOptions(group.command('set'))
    .description("Name the unit that answers for a region's alarms 设置预警责任单位")
    .argument('<region>', 'region unit (id, code or unique name)')
    .argument('<unit>', 'responsible unit (id, code or unique name)')
    .option('--indicator <key>', 'for this indicator only (default: every indicator)')
    .option('--as <username>', 'act as this supervisor (default: the operator)')
    .action((region: string, unit: string, flags: ResponsibleFlags) =>
      runCommand(
        () =>
          withStore(flags, async ({ deps, tenantId }) => {
            const r = await setResponsibleUnit(deps, by(tenantId, flags.as), { region, unit, indicator: flags.indicator });
            if (flags.json) printJson(o, r);
            else {
              printFields(o, [
                ['region 地区', r.regionUnitId],
                ['indicator 指标', r.indicatorKey],
                ['unit 责任单位', r.unitId],
              ]);
            }
          }),
        o,
      ),
    );
  withStoreOptions(group.command('list'))
    .description('List responsible units 预警责任单位列表')
    .action((flags: StoreFlags) =>
      runCommand(
        () =>
          withStore(flags, async ({ deps, tenantId }) => {
            const list = await listResponsibleUnits(deps, by(tenantId, undefined));
            if (flags.json) printJson(o, list);
            else {
              printTable(
                o,
                ['地区 region', '指标 indicator', '责任单位 unit'],
                list.map((r) => [r.regionUnitId, r.indicatorKey, r.unitId]),
              );
            }
          }),
        o,
      ),
    );
}
