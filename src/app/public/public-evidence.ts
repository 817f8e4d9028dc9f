import type { Evidence, StoredEvent } from '../../store/index.js';
import { readBlob } from '../../store/index.js';
import { isCleanableImage, stripImageMetadata } from '../../privacy/strip-metadata.js';
import { AccountError, roleRequired } from '../accounts/errors.js';
import { nowInstant, type ActorRef, type AppDeps } from '../context.js';
import { actingScope, loadVisibleItem } from '../items/load.js';
import { EVIDENCE_WITHDRAWN } from '../evidence/withdrawn.js';

/*
 * Evidence shown in public (佐证材料公示): the supervisor marks a file of an item public; while the item is
 * public (its 公示, or listed after closure) the file is shown on its public page. Only JPEG and PNG pictures
 * qualify, and they are served with their metadata (EXIF, GPS, XMP, text) removed — checked when the file is
 * marked, and done again on every read, so the stored original is never what the public gets. The marking is
 * an event on the item's chain, so who published which file, and when, is kept like every decision.
 */

export const EVIDENCE_PUBLICITY_SET = 'EvidencePublicitySet';

/** The ids of an item's files marked public, the latest marking of each file winning; a withdrawn file is not. */
export function publicEvidenceIds(events: readonly StoredEvent[]): Set<string> {
  const out = new Set<string>();
  for (const e of events) {
    if (e.type !== EVIDENCE_PUBLICITY_SET && e.type !== EVIDENCE_WITHDRAWN) continue;
    const p = e.payload as { evidenceId?: unknown; public?: unknown };
    if (typeof p.evidenceId !== 'string') continue;
    if (e.type === EVIDENCE_PUBLICITY_SET && p.public === true) out.add(p.evidenceId);
    else out.delete(p.evidenceId);
  }
  return out;
}

/** The picture with its metadata removed, or null when it is not a clean-able, well-formed JPEG or PNG. */
export function cleanPublicImage(dataDir: string, deps: AppDeps, evidence: Evidence): Uint8Array | null {
  if (!isCleanableImage(evidence.mediaType)) return null;
  return stripImageMetadata(readBlob(dataDir, deps.store.crypto, evidence.storageKey), evidence.mediaType);
}

/**
 * Marks a file of an item public or not (supervisors of the item).
 * @throws AccountError `role_required`, `evidence_not_found` (no such file the actor may see),
 *   `evidence_type_not_allowed` (not a JPEG or PNG picture whose metadata can be removed).
 */
export async function setEvidencePublic(deps: AppDeps, ref: ActorRef, dataDir: string, evidenceId: string, isPublic: boolean): Promise<{ evidenceId: string; public: boolean }> {
  return deps.store.transaction(async (tx) => {
    const scope = await actingScope(deps, tx, ref);
    if (!scope.actor.roles.includes('supervisor')) throw roleRequired('supervisor', '督办员');
    const missing = new AccountError('evidence_not_found', `No file ${evidenceId} that you may see.`, `未找到文件 ${evidenceId}(或无权查看)。`);
    const evidence = await tx.evidence.get(ref.tenantId, evidenceId);
    if (!evidence) throw missing;
    const item = await loadVisibleItem(tx, scope, ref.tenantId, evidence.itemId).catch(() => {
      throw missing;
    });
    if ((await tx.events.listByItem(ref.tenantId, item.id, [EVIDENCE_WITHDRAWN])).some((e) => (e.payload as { evidenceId?: unknown }).evidenceId === evidenceId)) throw missing;
    if (isPublic && cleanPublicImage(dataDir, deps, evidence) === null) {
      throw new AccountError(
        'evidence_type_not_allowed',
        'Only JPEG and PNG pictures can be shown in public (their location and camera data are removed first). Save other files as a picture, or leave them internal.',
        '只有 JPEG、PNG 图片可以公示(公示前去除拍摄位置等元数据)。其他文件请另存为图片,或不予公示。',
      );
    }
    const at = nowInstant(deps);
    await tx.appendEvents(ref.tenantId, [
      { itemId: item.id, type: EVIDENCE_PUBLICITY_SET, actorUserId: scope.actor.userId, actorUnitId: scope.actor.unitId, at, payload: { evidenceId, public: isPublic } },
    ]);
    return { evidenceId, public: isPublic };
  });
}
