import type { ItemId } from '../../domain/ids.js';
import type { Item } from '../../domain/item.js';
import { personalFieldNames } from '../../domain/ledger-types/index.js';
import { isErased, isSealedBlob, openCaseFile, putBlob, readBlob, sealCaseFile, type Evidence } from '../../store/index.js';
import type { ActorRef, AppDeps } from '../context.js';
import { actingScope, loadVisibleItem, type ActingScope } from '../items/load.js';
import { AccountError } from '../accounts/errors.js';
import { runParseJob } from '../parsing/parse-jobs.js';
import { itemLedgerType } from '../ledger-types/cache.js';
import { caseKeyFor } from '../personal.js';
import { maskPersonalData } from '../../privacy/mask.js';
import { EVIDENCE_PUBLICITY_SET, publicEvidenceIds } from '../public/public-evidence.js';
import { EVIDENCE_WITHDRAWN, withdrawnEvidenceIds } from './withdrawn.js';

export const DEFAULT_MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;

export interface EvidenceUpload {
  readonly fileName: string;
  readonly bytes: Uint8Array;
}

/** Who may attach files: handlers of the lead unit or a co-unit, and supervisors of the item. */
function mayAttach(scope: ActingScope, item: Item): boolean {
  const { actor } = scope;
  if (actor.roles.includes('handler') && (item.leadUnitId === actor.unitId || item.coUnitIds.includes(actor.unitId))) return true;
  return actor.roles.includes('supervisor') && scope.ctx.units.isWithin(item.ownerUnitId, actor.unitId);
}

/**
 * A file name is data, never a path (files are stored by digest): separators and control characters become
 * `_`. People name scans after their owner (张三身份证110101199003077777.jpg), and the name goes into the
 * record for good, so identity-card, mobile and bank-card numbers, names, e-mail addresses and plates in it
 * are masked before it is stored.
 */
export function cleanName(name: string): string {
  const digitsMasked = name
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f/\\]/g, '_')
    // Number-shaped data is masked by shape, valid check digit or not: a mistyped ID number is still one.
    .replace(/(?<!\d)(\d{6})\d{8}(\d{3}[\dXx])(?!\d)/g, '$1********$2')
    .replace(/(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g, '$1****$2')
    .replace(/(?<!\d)(\d{4})\d{8,11}(\d{4})(?!\d)/g, '$1********$2');
  // Names, e-mail addresses, plates and landlines as the case fields are masked (src/privacy).
  return maskPersonalData(digitsMasked).text.trim().slice(0, 200) || 'file';
}

/**
 * Stores a file for an item (content-addressed by SM3 under `dataDir`) and records it in the chain. The type
 * is decided from the bytes. The returned id is what reports and closure requests cite as evidence.
 * Files of a case with personal data are stored sealed under its case key (see readEvidence).
 * @throws AppError `item_not_found`; DomainError `forbidden` (may not attach); AccountError `evidence_erased`, `evidence_too_large`,
 *   `evidence_type_not_allowed`.
 */
export async function uploadEvidence(
  deps: AppDeps,
  ref: ActorRef,
  dataDir: string,
  itemId: ItemId,
  file: EvidenceUpload,
  maxBytes = DEFAULT_MAX_EVIDENCE_BYTES,
  signal?: AbortSignal,
): Promise<Evidence> {
  const scope = await actingScope(deps, deps.store.read, ref);
  const item = await loadVisibleItem(deps.store.read, scope, ref.tenantId, itemId);
  if (!mayAttach(scope, item)) {
    throw new AccountError('token_scope_forbidden', 'Only the units handling the item and its supervisors attach files.', '只有承办单位和督办单位可以上传佐证材料。');
  }
  const mediaType = await checkedMediaType(deps, file.bytes, maxBytes, signal);
  const plain = plainDigest(deps, file.bytes);
  const id = deps.newId();
  const evidence = (storageKey: string): Evidence => ({
    id,
    itemId,
    fileName: cleanName(file.fileName),
    mediaType,
    sizeBytes: file.bytes.length,
    digest: plain,
    storageKey,
    uploadedBy: scope.actor.userId,
    uploadedAt: scope.ctx.now,
  });
  const stored = await deps.store.transaction(async (tx) => {
    // A case whose ledger type holds personal data (a dispute's parties) gets its files sealed under the case
    // key: a scan of an identity card is personal data as much as the field is, and erasing the case must
    // erase it too. The key is made here when the item has none yet, as sealing a field would.
    let storageKey: string;
    if (personalFieldNames(itemLedgerType(deps, ref.tenantId, item.ledgerType)).length > 0) {
      if ((await tx.caseKeys.get(ref.tenantId, itemId)).status === 'destroyed') {
        throw new AccountError(
          'evidence_erased',
          'The personal information of this case was erased; no more files are attached to it.',
          '该案件的当事人信息已删除，不能再上传佐证材料。',
        );
      }
      const key = await caseKeyFor(tx, ref.tenantId, itemId, scope.ctx.now);
      storageKey = putBlob(dataDir, deps.store.crypto, sealCaseFile(deps.store.crypto, key, file.bytes), true).storageKey;
    } else {
      storageKey = putBlob(dataDir, deps.store.crypto, file.bytes).storageKey;
    }
    const e = evidence(storageKey);
    await tx.evidence.insert(ref.tenantId, e);
    await tx.appendEvents(ref.tenantId, [
      {
        itemId,
        type: 'EvidenceUploaded',
        actorUserId: scope.actor.userId,
        actorUnitId: scope.actor.unitId,
        at: scope.ctx.now,
        payload: { evidenceId: e.id, fileName: e.fileName, mediaType, sizeBytes: e.sizeBytes, digest: e.digest },
      },
    ]);
    return e;
  });
  return stored;
}

/**
 * The media type of an uploaded file, decided from its bytes; what every upload (evidence, inspection photos)
 * goes through.
 * @throws AccountError `evidence_too_large`, `evidence_type_not_allowed`.
 */
export async function checkedMediaType(deps: AppDeps, bytes: Uint8Array, maxBytes: number, signal?: AbortSignal): Promise<string> {
  if (bytes.length > maxBytes) {
    throw new AccountError('evidence_too_large', `Files may be at most ${maxBytes} bytes.`, `文件不得超过 ${maxBytes} 字节。`, { maxBytes });
  }
  // The type is sniffed in a parser process like every untrusted file (parsing/parse-pool.ts).
  const job = { kind: 'evidence_type', bytes } as const;
  const mediaType = deps.parsing ? await deps.parsing.run(job, signal) : await runParseJob(job);
  if (!mediaType) {
    throw new AccountError(
      'evidence_type_not_allowed',
      'Only PDF, images, Office documents, archives, audio, video and plain text are accepted.',
      '仅接受 PDF、图片、Office 文档、压缩包、音视频和纯文本文件。',
    );
  }
  return mediaType;
}

/** The SM3 digest of a file's plain bytes, as records and the download's Digest header give it. */
export function plainDigest(deps: AppDeps, bytes: Uint8Array): string {
  return `sm3:${Buffer.from(deps.store.crypto.hash('sm3', bytes)).toString('hex')}`;
}

/** The files of an item the actor may see, withdrawn ones left out. @throws AppError `item_not_found`. */
export async function listEvidence(deps: AppDeps, ref: ActorRef, itemId: ItemId): Promise<(Evidence & { readonly public: boolean })[]> {
  const scope = await actingScope(deps, deps.store.read, ref);
  await loadVisibleItem(deps.store.read, scope, ref.tenantId, itemId);
  const [files, events] = await Promise.all([
    deps.store.read.evidence.listByItem(ref.tenantId, itemId),
    deps.store.read.events.listByItem(ref.tenantId, itemId, [EVIDENCE_PUBLICITY_SET, EVIDENCE_WITHDRAWN]),
  ]);
  // Whether each file is shown on the item's public page (佐证材料公示), as its latest marking on the chain says:
  // only the markings are read, not the item's whole record, since the list comes with every item page.
  const shown = publicEvidenceIds(events);
  const withdrawn = withdrawnEvidenceIds(events);
  return files.filter((e) => !withdrawn.has(e.id)).map((e) => ({ ...e, public: shown.has(e.id) }));
}

/** Whether the file was withdrawn by its uploader (withdrawn.ts): hidden from everyone but the auditor. */
async function isWithdrawn(deps: AppDeps, tenantId: string, e: Evidence): Promise<boolean> {
  return withdrawnEvidenceIds(await deps.store.read.events.listByItem(tenantId, e.itemId, [EVIDENCE_WITHDRAWN])).has(e.id);
}

/**
 * A file with its bytes, if its item is visible to the actor; otherwise the same answer as a missing file. A
 * sealed file of a case is opened with the case key; once the key is destroyed the file is `evidence_erased`. A
 * withdrawn file reads as missing (the auditor reads it through withdraw.ts).
 * @throws AccountError `evidence_not_found`, `evidence_erased`; StoreError `corrupt_row` (file altered on disk),
 *   `envelope_invalid` (sealed file altered).
 */
export async function readEvidence(deps: AppDeps, ref: ActorRef, dataDir: string, evidenceId: string): Promise<{ evidence: Evidence; bytes: Buffer; item: Item }> {
  const scope = await actingScope(deps, deps.store.read, ref);
  const evidence = await deps.store.read.evidence.get(ref.tenantId, evidenceId);
  const missing = new AccountError('evidence_not_found', `No file ${evidenceId} that you may see.`, `未找到文件 ${evidenceId}(或无权查看)。`);
  if (!evidence) throw missing;
  const item = await loadVisibleItem(deps.store.read, scope, ref.tenantId, evidence.itemId).catch(() => {
    throw missing;
  });
  if (await isWithdrawn(deps, ref.tenantId, evidence)) throw missing;
  return { evidence, bytes: await evidenceBytes(deps, dataDir, ref.tenantId, evidence), item };
}

/**
 * A stored file's plain bytes; a sealed file of a case is opened with the case key.
 * @throws AccountError `evidence_erased` (the case key was destroyed); StoreError `corrupt_row`, `envelope_invalid`.
 */
export async function evidenceBytes(deps: AppDeps, dataDir: string, tenantId: string, evidence: Evidence): Promise<Buffer> {
  if (!isSealedBlob(evidence.storageKey)) return readBlob(dataDir, deps.store.crypto, evidence.storageKey);
  const key = await deps.store.read.caseKeys.keyOrNull(tenantId, evidence.itemId);
  const bytes = key ? openCaseFile(deps.store.crypto, key, readBlob(dataDir, deps.store.crypto, evidence.storageKey)) : null;
  if (bytes === null || isErased(bytes)) {
    throw new AccountError('evidence_erased', `File ${evidence.id} was erased with the personal information of its case.`, `文件 ${evidence.id} 已随案件当事人信息一并删除。`);
  }
  return bytes;
}

/**
 * Checks that cited evidence ids are files of this item, not withdrawn (a report must not cite another item's files).
 * @throws AccountError `evidence_not_found`.
 */
export async function checkEvidenceRefs(deps: AppDeps, tenantId: string, itemId: ItemId, refs: readonly string[]): Promise<void> {
  if (refs.length === 0) return;
  // A withdrawn file is no longer the item's to cite.
  const [files, events] = await Promise.all([deps.store.read.evidence.listByItem(tenantId, itemId), deps.store.read.events.listByItem(tenantId, itemId, [EVIDENCE_WITHDRAWN])]);
  const withdrawn = withdrawnEvidenceIds(events);
  const own = new Set(files.filter((e) => !withdrawn.has(e.id)).map((e) => e.id));
  const missing = refs.filter((r) => !own.has(r));
  if (missing.length > 0) {
    throw new AccountError('evidence_not_found', `Not files of this item: ${missing.join(', ')}.`, `以下文件不属于该事项:${missing.join('、')}。`, { missing });
  }
}
