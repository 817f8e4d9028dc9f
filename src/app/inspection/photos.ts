import { putBlob, readBlob, type InspectionPhoto } from '../../store/index.js';
import type { ActorRef, AppDeps, ViewerRef } from '../context.js';
import { AccountError } from '../accounts/errors.js';
import { AppError } from '../errors.js';
import { checkedMediaType, cleanName, DEFAULT_MAX_EVIDENCE_BYTES, plainDigest, type EvidenceUpload } from '../evidence/evidence.js';
import { actingScope, viewingScope } from '../items/load.js';
import { toLocalDate } from '../../domain/time.js';
import { requireInspector } from './access.js';
import { loadRound } from './rounds.js';

/**
 * Stores a photo taken on a round, before the round is recorded: the results then cite it by id, as a report
 * cites evidence. The bytes go through the evidence checks (size, type sniffed in a parser process) and into the
 * same content-addressed storage; only images are taken.
 * @throws AppError `inspection_round_not_found`, `inspection_round_recorded`, `inspection_round_not_open`;
 *   DomainError `forbidden`; AccountError `evidence_too_large`, `evidence_type_not_allowed`.
 */
export async function uploadRoundPhoto(
  deps: AppDeps,
  ref: ActorRef,
  dataDir: string,
  roundId: string,
  file: EvidenceUpload,
  maxBytes = DEFAULT_MAX_EVIDENCE_BYTES,
  signal?: AbortSignal,
): Promise<InspectionPhoto> {
  const read = deps.store.read;
  const scope = await actingScope(deps, read, ref);
  const { plan, round } = await loadRound(deps, read, scope, ref.tenantId, roundId);
  requireInspector(scope, plan);
  if (round.opensOn > toLocalDate(scope.ctx.now, scope.ctx.timeZone)) throw roundNotOpen(roundId, round.opensOn);
  const mediaType = await checkedMediaType(deps, file.bytes, maxBytes, signal);
  if (!mediaType.startsWith('image/')) {
    throw new AccountError('evidence_type_not_allowed', 'Inspection photos must be images.', '检查照片须为图片文件。');
  }
  const photo: InspectionPhoto = {
    id: deps.newId(),
    planId: plan.id,
    roundId,
    fileName: cleanName(file.fileName),
    mediaType,
    sizeBytes: file.bytes.length,
    digest: plainDigest(deps, file.bytes),
    storageKey: putBlob(dataDir, deps.store.crypto, file.bytes).storageKey,
    uploadedBy: scope.actor.userId,
    uploadedAt: scope.ctx.now,
  };
  await deps.store.transaction(async (tx) => {
    if (await tx.inspections.getRound(ref.tenantId, roundId)) throw roundRecorded(roundId);
    await tx.inspections.insertPhoto(ref.tenantId, photo);
    await tx.appendEvents(ref.tenantId, [
      {
        itemId: null,
        type: 'InspectionPhotoUploaded',
        actorUserId: scope.actor.userId,
        actorUnitId: scope.actor.unitId,
        at: scope.ctx.now,
        payload: { photoId: photo.id, roundId, fileName: photo.fileName, mediaType, sizeBytes: photo.sizeBytes, digest: photo.digest },
      },
    ]);
  });
  return photo;
}

/**
 * A photo of a round the viewer may see, with its bytes.
 * @throws AppError `inspection_photo_not_found` (no such photo, or a round outside the scope).
 */
export async function readRoundPhoto(deps: AppDeps, viewer: ViewerRef, dataDir: string, roundId: string, photoId: string): Promise<{ photo: InspectionPhoto; bytes: Buffer }> {
  const read = deps.store.read;
  const scope = await viewingScope(deps, read, viewer);
  const notFound = new AppError('inspection_photo_not_found', `No photo ${photoId} that you may see.`, `未找到照片 ${photoId}(或无权查看)。`, { photoId });
  await loadRound(deps, read, scope, viewer.tenantId, roundId).catch(() => {
    throw notFound;
  });
  const photo = (await read.inspections.listPhotos(viewer.tenantId, roundId)).find((p) => p.id === photoId);
  if (!photo) throw notFound;
  return { photo, bytes: readBlob(dataDir, deps.store.crypto, photo.storageKey) };
}

export const roundRecorded = (roundId: string): AppError =>
  new AppError('inspection_round_recorded', `Round ${roundId} is recorded already; a record is not changed.`, `检查轮次 ${roundId} 已填报，记录不可更改。`, { roundId });

export const roundNotOpen = (roundId: string, opensOn: string): AppError =>
  new AppError('inspection_round_not_open', `Round ${roundId} opens on ${opensOn}.`, `检查轮次 ${roundId} 自 ${opensOn} 起方可填报。`, { roundId, opensOn });
