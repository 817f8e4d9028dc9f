import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { AppError, confirmReadoutDraft, editReadoutDraft, importReadout, showReadoutDraft, type ConfirmResult, type ReadoutDraftView } from '../../app/index.js';
import { DEFAULT_MAX_BYTES } from '../../extract/index.js';
import { withStore, withStoreOptions, type StoreFlags } from '../context.js';
import { printJson, printTable, processOutput, type Output } from '../output.js';
import { runCommand } from '../run.js';

interface ReadoutFlags extends StoreFlags {
  as?: string;
  date?: string;
  confirm?: boolean;
  assign?: boolean;
  edits?: string;
  drop?: string;
  keep?: string;
  expectedVersion?: string;
}

const actor = (flags: ReadoutFlags, tenantId: string) => {
  if (!flags.as) throw new AppError('invalid_input', 'Say who acts: --as USERNAME', '请用 --as 用户名 指明操作人');
  return { tenantId, username: flags.as };
};

const ids = (list: string | undefined) => (list ?? '').split(',').filter(Boolean).map(Number);

/** `luoshi readout import|show|edit|confirm`: a meeting readout into the ledger, through a draft a supervisor edits. */
export function registerReadout(program: Command, o: Output = processOutput): void {
  const readout = program.command('readout').description('Meeting readouts into the ledger 会议通稿导入');

  withStoreOptions(readout.command('import'))
    .description('Extract a readout into a draft (and with --confirm create the items) 导入通稿')
    .argument('<file>', '.txt (UTF-8/GB18030/UTF-16), .docx, .xlsx or .pdf')
    .option('--as <username>', 'the supervisor who imports it')
    .option('--date <YYYY-MM-DD>', 'meeting date, when the text does not state the year')
    .option('--confirm', 'create the items right away from the kept directives')
    .option('--assign', 'with --confirm: assign every item that has a proposed lead unit')
    .action((file: string, flags: ReadoutFlags) =>
      runCommand(
        () =>
          withStore(flags, async ({ deps, tenantId }) => {
            if (statSync(file).size > DEFAULT_MAX_BYTES) {
              throw new AppError('invalid_input', `${file} is larger than ${DEFAULT_MAX_BYTES} bytes`, `${file} 超过 ${DEFAULT_MAX_BYTES} 字节`);
            }
            const ref = actor(flags, tenantId);
            const draft = await importReadout(deps, ref, { bytes: readFileSync(file), fileName: basename(file), meetingDate: flags.date ?? null });
            const confirmed = flags.confirm ? await confirmReadoutDraft(deps, ref, draft.id, { assign: flags.assign === true }) : null;
            if (flags.json) printJson(o, { draft, confirmed });
            else {
              printDraft(o, draft);
              if (confirmed) printConfirmed(o, confirmed);
            }
          }),
        o,
      ),
    );

  withStoreOptions(readout.command('show'))
    .description('Show a draft 查看草稿')
    .argument('<draft>', 'draft id')
    .option('--as <username>', 'its author')
    .action((draftId: string, flags: ReadoutFlags) =>
      runCommand(
        () =>
          withStore(flags, async ({ deps, tenantId }) => {
            const draft = await showReadoutDraft(deps, actor(flags, tenantId), draftId);
            if (flags.json) printJson(o, draft);
            else printDraft(o, draft);
          }),
        o,
      ),
    );

  withStoreOptions(readout.command('edit'))
    .description('Edit a draft: --drop/--keep directives, or --edits JSON (set kind, lead, co-units, deadline, ledger type; merge; split) 修改草稿')
    .argument('<draft>', 'draft id')
    .option('--as <username>', 'its author')
    .option('--drop <i,j>', 'directives not to turn into items')
    .option('--keep <i,j>', 'directives to turn into items')
    .option(
      '--edits <json>',
      'a JSON list of edits, e.g. [{"op":"set","i":3,"leadUnitId":"dept-wjw","deadline":"2026-12-31"},{"op":"merge","i":4,"with":5},{"op":"split","i":6,"at":1234}]',
    )
    .option('--expected-version <n>', 'refuse if the draft changed since this version')
    .action((draftId: string, flags: ReadoutFlags) =>
      runCommand(
        () =>
          withStore(flags, async ({ deps, tenantId }) => {
            let extra: unknown[] = [];
            if (flags.edits) {
              try {
                extra = JSON.parse(flags.edits) as unknown[];
              } catch {
                throw new AppError('invalid_input', '--edits is not valid JSON', '--edits 不是有效的 JSON');
              }
              if (!Array.isArray(extra)) throw new AppError('invalid_input', '--edits must be a JSON list', '--edits 须为 JSON 数组');
            }
            const edits = [...ids(flags.drop).map((i) => ({ op: 'keep', i, keep: false })), ...ids(flags.keep).map((i) => ({ op: 'keep', i, keep: true })), ...extra];
            const expected = flags.expectedVersion === undefined ? undefined : Number(flags.expectedVersion);
            const draft = await editReadoutDraft(deps, actor(flags, tenantId), draftId, edits, expected);
            if (flags.json) printJson(o, draft);
            else printDraft(o, draft);
          }),
        o,
      ),
    );

  withStoreOptions(readout.command('confirm'))
    .description('Create the items of the kept directives 确认生成事项')
    .argument('<draft>', 'draft id')
    .option('--as <username>', 'its author')
    .option('--assign', 'assign every item that has a lead unit')
    .action((draftId: string, flags: ReadoutFlags) =>
      runCommand(
        () =>
          withStore(flags, async ({ deps, tenantId }) => {
            const confirmed = await confirmReadoutDraft(deps, actor(flags, tenantId), draftId, { assign: flags.assign === true });
            if (flags.json) printJson(o, confirmed);
            else printConfirmed(o, confirmed);
          }),
        o,
      ),
    );
}

function printDraft(o: Output, d: ReadoutDraftView): void {
  o.out(`草稿 draft ${d.id} (v${d.version}, ${d.status}) — ${d.data.document.title ?? '(无标题)'} ${d.data.document.meetingDate ?? ''}`);
  printTable(
    o,
    ['i', 'keep 保留', 'kind 类型', 'title 事项', 'lead 牵头', 'deadline 时限'],
    d.data.directives.map((x) => [
      `${x.level === 2 ? '  ' : ''}${x.i}`,
      x.keep ? '✓' : '',
      x.kind === 'task' ? '任务' : '要求',
      x.title,
      x.leadUnitId ?? x.leadSuggestions[0]?.name ?? '',
      x.deadline ?? x.deadlinePhrase ?? (x.cadence ? `长期 ${x.cadence}` : ''),
    ]),
  );
  for (const n of d.data.notes) o.out(`注 note: ${n}`);
}

function printConfirmed(o: Output, c: ConfirmResult): void {
  o.out(`已生成 ${c.items.length} 个事项 / ${c.items.length} items created:`);
  printTable(
    o,
    ['i', 'number 编号', 'id', 'assigned 已交办'],
    c.items.map((x) => [x.directive, x.number, x.itemId, x.assigned ? '✓' : '']),
  );
}
