import { existsSync, readFileSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { createCampaign, type CampaignResult } from '../../app/campaigns/create.js';
import { campaignProgress, type ProgressGroup } from '../../app/campaigns/progress.js';
import { AppError } from '../../app/index.js';
import { IMPORT_LIMITS } from '../../app/exchange/read-sheet.js';
import { withStore, withStoreOptions, type StoreFlags } from '../context.js';
import { printJson, printTable, processOutput, type Output } from '../output.js';
import { runCommand } from '../run.js';
import { STATUS_ZH } from './present.js';
import { unitNames } from './units-lookup.js';

interface CreateFlags extends StoreFlags {
  ledger: string;
  title: string;
  list: string;
  as: string;
  content?: string;
  lead?: string;
  deadline?: string;
}

function readList(file: string): Buffer {
  if (!existsSync(file)) throw new AppError('invalid_input', `No file ${file}.`, `文件 ${file} 不存在。`);
  if (statSync(file).size > IMPORT_LIMITS.maxFileBytes) {
    throw new AppError('import_too_large', `${file} is larger than ${IMPORT_LIMITS.maxFileBytes} bytes.`, `${file} 超过 ${IMPORT_LIMITS.maxFileBytes} 字节。`);
  }
  return readFileSync(file);
}

function printResult(o: Output, r: CampaignResult, units: Map<string, { name: string }>, json: boolean): void {
  if (json) {
    printJson(o, {
      parent: r.parent,
      created: r.created.map((c) => ({
        row: c.row,
        entity: c.entity,
        id: c.id,
        number: c.number,
        lead_unit_id: c.leadUnitId,
        lead_unit: units.get(c.leadUnitId)?.name ?? c.leadUnitId,
      })),
      errors: r.errors.map((e) => ({ row: e.row, column: e.column, code: e.code, message: e.message, message_en: e.messageEn })),
    });
    return;
  }
  if (r.errors.length) {
    printTable(
      o,
      ['row 行', 'column 列', 'code', 'message 说明'],
      r.errors.map((e) => [e.row, e.column, e.code, `${e.message}\n${e.messageEn}`]),
    );
    o.out(`Nothing written 未写入 (${r.errors.length} rows refused 行被拒绝)`);
    return;
  }
  printTable(
    o,
    ['row 行', 'entity 对象', 'number 编号', 'lead 责任单位'],
    r.created.map((c) => [c.row, c.entity, c.number, units.get(c.leadUnitId)?.name ?? c.leadUnitId]),
  );
  o.out(`Campaign 专项 ${r.parent!.number} ${r.parent!.title} (${r.parent!.id}): ${r.created.length} plans created 已建立 ${r.created.length} 个方案`);
}

const groupRow = (label: string, g: ProgressGroup) => [
  label,
  g.total,
  Object.entries(g.byState)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${STATUS_ZH[s as keyof typeof STATUS_ZH]} ${n}`)
    .join(' · '),
  `${g.byLight.red} / ${g.byLight.yellow} / ${g.byLight.green}`,
  g.progress === null ? '—' : `${g.progress}%`,
];

/** `luoshi campaign create|add|show`: 一校一方案, one plan per entity of a list under a campaign. */
export function registerCampaign(program: Command, o: Output = processOutput): void {
  const campaign = program.command('campaign').description('One plan per entity of a list 一校一方案 (campaigns)');
  const listOptions = (cmd: Command) =>
    withStoreOptions(cmd)
      .requiredOption('--list <file>', 'the list (.xlsx or CSV): a name column (名称 / 学校 / name), optionally 区县, 学段, 编码, 责任单位, 联系人')
      .requiredOption('--as <username>', 'the supervisor who creates the plans')
      .option('--lead <unit>', "responsible unit (id or name) of rows without one; a row with a district goes to that district's counterpart")
      .option('--deadline <date>', "deadline of every plan, YYYY-MM-DD (default: the ledger type's time limit)");
  const run = (flags: CreateFlags, parentId?: string) =>
    runCommand(
      () =>
        withStore(flags, async ({ deps, store, tenantId }) => {
          const result = await createCampaign(
            deps,
            { tenantId, username: flags.as },
            {
              ledgerType: flags.ledger,
              title: flags.title,
              content: flags.content,
              list: readList(flags.list),
              leadUnit: flags.lead,
              deadline: flags.deadline,
              parentId,
            },
          );
          printResult(o, result, await unitNames(store, tenantId), flags.json === true);
          return result.errors.length ? 2 : 0;
        }),
      o,
    );
  listOptions(campaign.command('create'))
    .description('Create a campaign and one assigned plan per entity of the list, all or nothing 按名单建立专项 (exit 2 when a row is refused)')
    .requiredOption('--ledger <type>', 'a per-entity ledger type (school_plan)')
    .requiredOption('--title <text>', "the campaign's title; {entity} in it is replaced by each name")
    .option('--content <text>', 'the requirement every plan carries')
    .action((flags: CreateFlags) => run(flags));
  listOptions(campaign.command('add'))
    .description('Add the entities of a list to a campaign; an entity that already has a plan there is refused 追加名单')
    .argument('<id>', 'the campaign (parent item) id')
    .requiredOption('--ledger <type>', 'a per-entity ledger type (school_plan)')
    .requiredOption('--title <text>', "the plans' title; {entity} in it is replaced by each name")
    .option('--content <text>', 'the requirement every plan carries')
    .action((id: string, flags: CreateFlags) => run(flags, id));
  withStoreOptions(campaign.command('show'))
    .description('Roll-up of a campaign by state, light and progress, per district 专项进度')
    .argument('<id>', 'the campaign (parent item) id')
    .requiredOption('--as <username>', 'read as this user')
    .action((id: string, flags: StoreFlags & { as: string }) =>
      runCommand(
        () =>
          withStore(flags, async ({ deps, tenantId }) => {
            const p = await campaignProgress(deps, { tenantId, username: flags.as }, id);
            if (flags.json) {
              printJson(o, p);
              return;
            }
            o.out(`${p.parent.number} ${p.parent.title}`);
            printTable(
              o,
              ['district 区县', 'plans 方案', 'states 状态', 'red/yellow/green 红/黄/绿', 'progress 进度'],
              [...p.districts.map((g) => groupRow(g.district ?? '(none 未填)', g)), groupRow('all 合计', p.all)],
            );
          }),
        o,
      ),
    );
}
