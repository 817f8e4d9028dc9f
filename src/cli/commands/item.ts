import type { Command } from 'commander';
import { createItem, createAndAssign, editItem, erasePersonal, performAction, revealPersonal, showItem, AppError, type ItemDetail } from '../../app/index.js';
import type { StoredUnit } from '../../store/index.js';
import { withStore, withStoreOptions, type StoreFlags } from '../context.js';
import { printFields, printJson, printTable, processOutput, type Output } from '../output.js';
import { runCommand } from '../run.js';
import { ACTION_SPECS, actionData, decided, type ActionSpec } from './item-actions.js';
import { LIGHT_ZH, presentItem, STATUS_ZH } from './present.js';
import { resolveUnit, unitNames } from './units-lookup.js';
import { readPassphrase } from '../passphrase.js';

interface ActFlags extends StoreFlags {
  as?: string;
  data?: string;
  expectedVersion?: string;
  passphraseFile?: string;
  [flag: string]: unknown;
}

const collectPairs = (v: string, prev: string[] = []) => [...prev, v];

function requireActor(flags: ActFlags): string {
  if (!flags.as) throw new AppError('invalid_input', 'Say who acts: --as USERNAME', '请用 --as 用户名 指明操作人');
  return flags.as;
}

/** `luoshi item show|create|<action>|reveal|erase`: one item, driven from a shell as a named user. */
export function registerItem(program: Command, o: Output = processOutput): void {
  const item = program.command('item').description('One item: show it, or act on it as a user 单个事项');
  withStoreOptions(item.command('show'))
    .description('Fields, light, timeline and the actions the user may take 查看事项')
    .argument('<id>', 'item id')
    .option('--as <username>', 'show as this user (default: the operator, who sees every item but may not act)')
    .action((id: string, flags: ActFlags) =>
      runCommand(
        () =>
          withStore(flags, async ({ deps, store, tenantId, config }) => {
            const units = await unitNames(store, tenantId);
            const detail = await showItem(deps, flags.as ? { tenantId, username: flags.as } : { tenantId, operator: true }, id);
            if (flags.json) {
              printJson(o, {
                ...presentItem(detail.item, detail.light, units),
                timeline: detail.timeline,
                children: detail.children.map((c) => presentItem(c.item, c.light, units)),
                actions: detail.actions,
                signatures: detail.signatures,
              });
            } else printDetail(o, detail, units, config.timeZone);
          }),
        o,
      ),
    );

  withStoreOptions(item.command('create'))
    .description('Record a draft item 立项, or report one 上报 where the ledger type lets your role')
    .requiredOption('--ledger <type>', 'ledger type (directive, rectification, hazard, dispute, appeal, signal, school_plan)')
    .requiredOption('--title <text>', 'title')
    .option('--content <text>', 'task requirements 任务要求')
    .option('--field <name=value>', 'extra field of the ledger type (repeat)', collectPairs)
    .option('--priority <p>', 'normal | high | urgent')
    .option('--owner <unit>', 'unit that runs the item (default: your unit)')
    .option('--parent <id>', 'parent item')
    .option('--as <username>', 'the supervisor who records it, or the handler who reports it (上报)')
    .option('--lead <unit>', '交办 in the same step: the lead unit (id or name) 牵头单位')
    .option('--co <units>', 'co-units, comma-separated (with --lead) 配合单位')
    .option('--deadline <date>', "deadline YYYY-MM-DD (with --lead; default: the ledger type's time limit) 办理时限")
    .option('--working-days <n>', 'deadline N working days from today (with --lead)')
    .action((flags: ActFlags) =>
      runCommand(
        () =>
          withStore(flags, async ({ deps, store, tenantId }) => {
            const units = await unitNames(store, tenantId);
            const fields = actionData(
              { name: 'create', type: 'CreateItem', help: '', flags: [{ flag: '--field <x>', key: 'fields', help: '', parse: 'pairs' }] },
              flags,
              units,
            ).fields;
            const input = {
              ledgerType: String(flags.ledger),
              title: String(flags.title),
              content: flags.content as string | undefined,
              fields: fields as Record<string, unknown> | undefined,
              priority: flags.priority as 'normal' | 'high' | 'urgent' | undefined,
              ownerUnitId: flags.owner ? resolveUnit(units, String(flags.owner)) : undefined,
              parentId: (flags.parent as string | undefined) ?? null,
            };
            const ref = { tenantId, username: requireActor(flags) };
            const assignSpec = ACTION_SPECS.find((s) => s.name === 'assign')!;
            const r = flags.lead === undefined ? await createItem(deps, ref, input) : await createAndAssign(deps, ref, input, actionData(assignSpec, flags, units));
            if (flags.json) printJson(o, { id: r.item.id, number: r.item.number, status: r.item.status, version: r.item.version, events: r.events.map((e) => e.seq) });
            else {
              o.out(
                `${createdLine(r.item)} ${r.item.number}  id ${r.item.id}${r.item.status === 'assigned' || r.item.status === 'in_progress' ? ` · 已交办 assigned to ${name(units, r.item.leadUnitId)} (${r.item.currentDeadline ?? r.item.cadence})` : ''}`,
              );
            }
            for (const w of r.warnings ?? []) o.err(`注意 warning: ${w.messageZh}\n${w.message}`);
          }),
        o,
      ),
    );

  for (const spec of ACTION_SPECS) registerAction(item, spec, o);

  withStoreOptions(item.command('reveal'))
    .description('Show the personal information of a case; the read is recorded 查看当事人信息(留痕)')
    .argument('<id>', 'item id')
    .requiredOption('--reason <text>', 'why you need it')
    .option('--as <username>', 'who reads')
    .action((id: string, flags: ActFlags) =>
      runCommand(
        () =>
          withStore(flags, async ({ deps, tenantId }) => {
            const fields = await revealPersonal(deps, { tenantId, username: requireActor(flags) }, id, String(flags.reason));
            printJson(o, fields);
          }),
        o,
      ),
    );

  withStoreOptions(item.command('erase'))
    .description('Erase the personal information of a case (destroys its key) 删除当事人信息')
    .argument('<id>', 'item id')
    .requiredOption('--reason <text>', 'legal basis or request')
    .option('--as <username>', 'the supervisor who erases it')
    .action((id: string, flags: ActFlags) =>
      runCommand(
        () =>
          withStore(flags, async ({ config, deps, tenantId }) => {
            const erased = await erasePersonal(deps, { tenantId, username: requireActor(flags) }, id, String(flags.reason), config.dataDir);
            o.out(erased ? '已删除 erased' : '早已删除 already erased');
          }),
        o,
      ),
    );
}

/** The first words of `item create`'s answer: recorded by a supervisor, waiting for 立项, or a unit's own case under way. */
function createdLine(item: ItemDetail['item']): string {
  if (item.reported?.pending) return '已上报,待立项 reported, awaiting registration by a supervisor:';
  if (item.reported?.own) return `已上报,本单位办理 reported as your unit's own case${item.status === 'in_progress' ? ', accepted 已签收' : ''}:`;
  return '已立项 created';
}

const name = (units: Map<string, StoredUnit>, id: string | null): string => (id ? (units.get(id)?.name ?? id) : '—');

function registerAction(item: Command, spec: ActionSpec, o: Output): void {
  addAction(item, spec.name, spec, o, spec.hidden === true);
  for (const alias of spec.aliases ?? []) addAction(item, alias, spec, o, true);
}

function addAction(item: Command, name: string, spec: ActionSpec, o: Output, hidden: boolean): void {
  const cmd = withStoreOptions(item.command(name, { hidden }))
    .description(spec.help)
    .argument('<id>', 'item id')
    .option('--as <username>', 'who acts (required)')
    .option('--expected-version <n>', 'refuse if the item changed since you saw this version')
    .option('--payload <json>', 'the command data as JSON (flags write over it)');
  if (spec.decision) cmd.option('--decision <approve|deny>', 'approve 同意 or deny 不同意 (required)');
  if (spec.type === 'PassStage') {
    cmd.option('--passphrase-file <file>', 'sign the decision (审签, 销号): passphrase of your signing key from this file, else LUOSHI_SIGNING_PASSPHRASE');
  }
  for (const s of spec.flags) {
    if (s.parse === 'pairs') cmd.option(s.flag, s.help, collectPairs);
    else cmd.option(s.flag, s.help);
  }
  cmd.action((id: string, flags: ActFlags) =>
    runCommand(
      () =>
        withStore(flags, async ({ deps, store, tenantId }) => {
          const units = await unitNames(store, tenantId);
          const one = decided(spec, flags);
          const command: Record<string, unknown> = { type: one.type, data: actionData(one, flags, units) };
          if (flags.expectedVersion !== undefined) command.expectedVersion = Number(flags.expectedVersion);
          const passphrase = spec.type === 'PassStage' ? await readPassphrase(flags, { ask: false }) : undefined;
          const ref = { tenantId, username: requireActor(flags) };
          // 修改: a draft's edit or a correction of an item at work, whichever the item's state calls for.
          const r =
            one.type === 'EditDraft'
              ? await editItem(deps, ref, id, command.data as Record<string, unknown>, command.expectedVersion as number | undefined)
              : await performAction(deps, ref, id, command, passphrase === undefined ? {} : { passphrase });
          const warnings = r.warnings ?? [];
          if (flags.json) {
            printJson(o, {
              id: r.item.id,
              status: r.item.status,
              stage: r.item.stageKey,
              version: r.item.version,
              events: r.events.map((e) => ({ seq: e.seq, type: e.type })),
              warnings: warnings.map((w) => ({ code: w.code, unit_id: w.unitId, message: w.message, message_zh: w.messageZh })),
            });
          } else {
            o.out(`${r.item.number}: ${r.events.map((e) => e.type).join(', ')} → ${STATUS_ZH[r.item.status]}${r.item.stageKey ? ` (${r.item.stageKey})` : ''} v${r.item.version}`);
          }
          for (const w of warnings) o.err(`注意 warning: ${w.messageZh}\n${w.message}`);
        }),
      o,
    ),
  );
}

function printDetail(o: Output, d: ItemDetail, units: Map<string, StoredUnit>, timeZone: string): void {
  const local = new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'medium' });
  const i = d.item;
  const name = (id: string | null) => (id ? (units.get(id)?.name ?? id) : '—');
  printFields(o, [
    ['编号 number', i.number],
    ['事项 title', i.title],
    ['台账 ledger', i.ledgerType],
    ['状态 state', `${STATUS_ZH[i.status]}${i.stageKey ? ` · ${i.stageKey}` : ''}`],
    ...(i.listing ? [['挂牌 listed', `${i.listing.level === 'city' ? '市级挂牌 city' : '区级挂牌 district'} · ${i.listing.reason} (${name(i.listing.unitId)})`] as const] : []),
    ['预警 light', `${LIGHT_ZH[d.light.light]}${d.light.reasons.length ? ` (${d.light.reasons.map((r) => r.code).join(', ')})` : ''}`],
    ['督办单位 owner', name(i.ownerUnitId)],
    ['牵头单位 lead', name(i.leadUnitId)],
    ['配合单位 co-units', i.coUnitIds.map(name).join('、') || '—'],
    [
      '时限 deadline',
      i.currentDeadline
        ? `${i.currentDeadline}${i.originalDeadline !== i.currentDeadline ? ` (原 original ${i.originalDeadline})` : ''}${d.light.deadlineProvisional ? ' (暂定:该年节假日安排未发布 provisional: no holiday notice for its year yet)' : ''}`
        : (i.cadence ?? '—'),
    ],
    ['进度 progress', `${i.progress}%${i.progressNote ? ` ${i.progressNote}` : ''}`],
    ['字段 fields', JSON.stringify(i.fields)],
    ['版本 version', i.version],
    ['可执行 actions', d.actions.join(', ') || '—'],
  ]);
  if (d.provenance) o.out(`来源 source: 《${d.provenance.title}》 …${d.provenance.before.slice(-40)}【${d.provenance.text}】${d.provenance.after.slice(0, 40)}…`);
  printTable(
    o,
    ['#', 'time 时间', 'event 事件', 'unit 单位'],
    d.timeline.map((e) => [e.seq, local.format(new Date(e.at)), e.type, name(e.actorUnitId)]),
  );
  for (const s of d.signatures) {
    o.out(`已签章 signed (${s.decision}) by ${s.signerName ?? s.signerUserId} at ${local.format(new Date(s.at))}: ${s.valid ? '有效 valid' : `无效 invalid (${s.problem})`}`);
  }
}
