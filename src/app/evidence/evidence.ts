import type { ItemId } from '../../domain/ids.js';
import type { Item } from '../../domain/item.js';
import { putBlob, readBlob, type Evidence } from '../../store/index.js';
import type { ActorRef, AppDeps } from '../context.js';
import { actingScope, loadVisibleItem, type ActingScope } from '../items/load.js';
import { AccountError } from '../accounts/errors.js';
import { runParseJob } from '../parsing/parse-jobs.js';

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
 * record for good, so identity-card, mobile and bank-card numbers in it are masked before it is stored.
 */
export const cleanName = (name: string): string =>
  name
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f/\\]/g, '_')
    .replace(/(?<!\d)(\d{6})\d{8}(\d{3}[\dXx])(?!\d)/g, '$1********$2')
    .replace(/(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g, '$1****$2')
    .replace(/(?<!\d)(\d{4})\d{8,11}(\d{4})(?!\d)/g, '$1********$2')
    .trim()
    .slice(0, 200) || 'file';

/**
 * Stores a file for an item (content-addressed by SM3 under `dataDir`) and records it in the chain. The type
 * is decided from the bytes. The returned id is what reports and closure requests cite as evidence.
 * @throws AppError `item_not_found`; DomainError `forbidden` (may not attach); AccountError `evidence_too_large`,
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
  if (file.bytes.length > maxBytes) {
    throw new AccountError('evidence_too_large', `Files may be at most ${maxBytes} bytes.`, `文件不得超过 ${maxBytes} 字节。`, { maxBytes });
  }
  // The type is sniffed on a parser thread like every untrusted file (parsing/parse-pool.ts).
  const job = { kind: 'evidence_type', bytes: file.bytes } as const;
  const mediaType = deps.parsing ? await deps.parsing.run(job, signal) : await runParseJob(job);
  if (!mediaType) {
    throw new AccountError('evidence_type_not_allowed', 'Only PDF, images, Office documents, archives, audio, video and plain text are accepted.', '仅接受 PDF、图片、Office 文档、压缩包、音视频和纯文本文件。');
  }
  const blob = putBlob(dataDir, deps.store.crypto, file.bytes);
  const evidence: Evidence = {
    id: deps.newId(),
    itemId,
    fileName: cleanName(file.fileName),
    mediaType,
    sizeBytes: blob.sizeBytes,
    digest: blob.digest,
    storageKey: blob.storageKey,
    uploadedBy: scope.actor.userId,
    uploadedAt: scope.ctx.now,
  };
  await deps.store.transaction(async (tx) => {
    await tx.evidence.insert(ref.tenantId, evidence);
    await tx.appendEvents(ref.tenantId, [
      {
        itemId,
        type: 'EvidenceUploaded',
        actorUserId: scope.actor.userId,
        actorUnitId: scope.actor.unitId,
        at: scope.ctx.now,
        payload: { evidenceId: evidence.id, fileName: evidence.fileName, mediaType, sizeBytes: evidence.sizeBytes, digest: evidence.digest },
      },
    ]);
  });
  return evidence;
}

/** The files of an item the actor may see. @throws AppError `item_not_found`. */
export async function listEvidence(deps: AppDeps, ref: ActorRef, itemId: ItemId): Promise<Evidence[]> {
  const scope = await actingScope(deps, deps.store.read, ref);
  await loadVisibleItem(deps.store.read, scope, ref.tenantId, itemId);
  return deps.store.read.evidence.listByItem(ref.tenantId, itemId);
}

/**
 * A file with its bytes, if its item is visible to the actor; otherwise the same answer as a missing file.
 * @throws AccountError `evidence_not_found`; StoreError `corrupt_row` (file altered on disk).
 */
export async function readEvidence(deps: AppDeps, ref: ActorRef, dataDir: string, evidenceId: string): Promise<{ evidence: Evidence; bytes: Buffer; item: Item }> {
  const scope = await actingScope(deps, deps.store.read, ref);
  const evidence = await deps.store.read.evidence.get(ref.tenantId, evidenceId);
  const missing = new AccountError('evidence_not_found', `No file ${evidenceId} that you may see.`, `未找到文件 ${evidenceId}(或无权查看)。`);
  if (!evidence) throw missing;
  const item = await loadVisibleItem(deps.store.read, scope, ref.tenantId, evidence.itemId).catch(() => {
    throw missing;
  });
  return { evidence, bytes: readBlob(dataDir, deps.store.crypto, evidence.storageKey), item };
}

/**
 * Checks that cited evidence ids are files of this item (a report must not cite another item's files).
 * @throws AccountError `evidence_not_found`.
 */
export async function checkEvidenceRefs(deps: AppDeps, tenantId: string, itemId: ItemId, refs: readonly string[]): Promise<void> {
  if (refs.length === 0) return;
  const own = new Set((await deps.store.read.evidence.listByItem(tenantId, itemId)).map((e) => e.id));
  const missing = refs.filter((r) => !own.has(r));
  if (missing.length > 0) throw new AccountError('evidence_not_found', `Not files of this item: ${missing.join(', ')}.`, `以下文件不属于该事项:${missing.join('、')}。`, { missing });
}
