import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { AppError } from '../../app/index.js';
import { createBulletin, editBulletin, issueBulletin } from '../../app/documents/bulletin.js';
import { issueItemDocument, ITEM_DOCUMENT_KINDS, renderDocument, type DocumentFormat, type ItemDocumentKind } from '../../app/documents/item-documents.js';
import type { OfficialDocument } from '../../store/index.js';
import { withStore, withStoreOptions, type StoreFlags } from '../context.js';
import { printJson, type Output, processOutput } from '../output.js';
import { runCommand } from '../run.js';
import { readPassphrase, type PassphraseFlags } from '../passphrase.js';

function oneOf<T extends string>(given: string, allowed: readonly T[], flag: string): T {
  if (!(allowed as readonly string[]).includes(given)) {
    throw new AppError('invalid_input', `${flag} must be one of ${allowed.join(', ')}`, `${flag} 须为 ${allowed.join('、')} 之一`);
  }
  return given as T;
}

const present = (d: OfficialDocument) => ({
  id: d.id,
  kind: d.kind,
  number: d.number,
  title: d.title,
  status: d.status,
  version: d.version,
  item_id: d.itemId,
  issued_at: d.issuedAt,
});

/** `luoshi doc render`: an item's official documents (公文). */
export function registerDoc(program: Command, o: Output = processOutput): void {
  const doc = program.command('doc').description('Official documents of an item 督办文书');
  withStoreOptions(doc.command('render'))
    .description('Issue a numbered 督办通知单 (notice), 催办通知 (urge) or 督办函 (letter) for an item and write it')
    .argument('<item>', 'item id')
    .requiredOption('--kind <kind>', 'notice, urge or letter')
    .requiredOption('--out <file>', 'file to write')
    .requiredOption('--as <username>', 'the supervisor who issues it')
    .option('--format <format>', 'docx (default) or pdf (needs LibreOffice)', 'docx')
    .action((item: string, flags: StoreFlags & { kind: string; out: string; as: string; format: string }) =>
      runCommand(
        () =>
          withStore(flags, async ({ deps, tenantId }) => {
            const kind = oneOf<ItemDocumentKind>(flags.kind, ITEM_DOCUMENT_KINDS, '--kind');
            const format = oneOf<DocumentFormat>(flags.format, ['docx', 'pdf'], '--format');
            const ref = { tenantId, username: flags.as };
            const d = await issueItemDocument(deps, ref, item, kind);
            const file = await renderDocument(deps, ref, d.id, format);
            writeFileSync(flags.out, file.body);
            if (flags.json) printJson(o, { ...present(d), file: flags.out });
            else o.out(`${d.number} ${d.title} → ${flags.out}`);
          }),
        o,
      ),
    );
}

/** `luoshi bulletin create|edit|issue|render`: periodic bulletins (通报). */
export function registerBulletin(program: Command, o: Output = processOutput): void {
  const bulletin = program.command('bulletin').description('Periodic bulletins 通报');
  withStoreOptions(bulletin.command('create'))
    .description('Draft the bulletin of a period 起草通报')
    .requiredOption('--from <date>', 'first day (YYYY-MM-DD)')
    .requiredOption('--to <date>', 'last day (YYYY-MM-DD)')
    .requiredOption('--as <username>', 'the supervisor')
    .action((flags: StoreFlags & { from: string; to: string; as: string }) =>
      runCommand(
        () =>
          withStore(flags, async ({ deps, tenantId }) => {
            const d = await createBulletin(deps, { tenantId, username: flags.as }, { from: flags.from, to: flags.to });
            if (flags.json) printJson(o, { ...present(d), data: d.data });
            else o.out(`${d.id}  ${d.number} ${d.title} (draft 草稿)`);
          }),
        o,
      ),
    );
  withStoreOptions(bulletin.command('edit'))
    .description("Edit a draft's praise and criticism paragraphs 编辑通报")
    .argument('<id>', 'bulletin id')
    .requiredOption('--as <username>', 'the supervisor')
    .option('--praise <text>', 'the praise paragraph 表扬')
    .option('--criticism <text>', 'the criticism paragraph 批评')
    .action((id: string, flags: StoreFlags & { as: string; praise?: string; criticism?: string }) =>
      runCommand(
        () =>
          withStore(flags, async ({ deps, tenantId }) => {
            const d = await editBulletin(deps, { tenantId, username: flags.as }, id, { praise: flags.praise, criticism: flags.criticism });
            if (flags.json) printJson(o, present(d));
            else o.out(`${d.number} edited 已修改 (version ${d.version})`);
          }),
        o,
      ),
    );
  withStoreOptions(bulletin.command('issue'))
    .description('Issue a draft: numbered, frozen, on the chain 印发通报')
    .argument('<id>', 'bulletin id')
    .requiredOption('--as <username>', 'the supervisor')
    .option('--passphrase-file <file>', 'sign the bulletin: passphrase of your signing key from this file, else LUOSHI_SIGNING_PASSPHRASE')
    .action((id: string, flags: StoreFlags & PassphraseFlags & { as: string }) =>
      runCommand(
        () =>
          withStore(flags, async ({ deps, tenantId }) => {
            const passphrase = await readPassphrase(flags, { ask: false });
            const d = await issueBulletin(deps, { tenantId, username: flags.as }, id, passphrase === undefined ? {} : { passphrase });
            if (flags.json) printJson(o, present(d));
            else o.out(`${d.number} ${d.title} issued 已印发`);
          }),
        o,
      ),
    );
  withStoreOptions(bulletin.command('render'))
    .description('Write a bulletin as .docx or PDF 下载通报')
    .argument('<id>', 'bulletin id')
    .requiredOption('--out <file>', 'file to write')
    .requiredOption('--as <username>', 'the reader')
    .option('--format <format>', 'docx (default) or pdf (needs LibreOffice)', 'docx')
    .action((id: string, flags: StoreFlags & { out: string; as: string; format: string }) =>
      runCommand(
        () =>
          withStore(flags, async ({ deps, tenantId }) => {
            const file = await renderDocument(deps, { tenantId, username: flags.as }, id, oneOf<DocumentFormat>(flags.format, ['docx', 'pdf'], '--format'));
            writeFileSync(flags.out, file.body);
            if (flags.json) printJson(o, { file: flags.out, name: file.fileName });
            else o.out(`${file.fileName} → ${flags.out}`);
          }),
        o,
      ),
    );
}
