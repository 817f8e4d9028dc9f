import { failedLines, hazardDraft, validateResults, type RoundResults } from '../../domain/inspection/index.js';
import type { Item } from '../../domain/item.js';
import { toLocalDate } from '../../domain/time.js';
import { isStoreError, type Evidence, type InspectionPhoto, type TransactionContext } from '../../store/index.js';
import type { ActorRef, AppDeps } from '../context.js';
import { AppError } from '../errors.js';
import { createItemInTransaction } from '../items/create.js';
import { actingScope } from '../items/load.js';
import { requireInspector } from './access.js';
import { roundNotOpen, roundRecorded } from './photos.js';
import { loadRound, viewOf, type RoundView } from './rounds.js';

/** The ledger type a failed line opens an item in. */
const HAZARD_LEDGER = 'hazard';

export interface RecordedRoundResult {
  readonly round: RoundView;
  /** The hazard items the failed lines opened, in checklist order (none when nothing was found). */
  readonly hazards: readonly Item[];
}

/**
 * Records a round: the result of every checklist line, with the photos taken. Each failed line opens one hazard
 * item (隐患), pre-filled from the round and linked to it (its source names the round); the line's photos become
 * its 整改前照片. A round with no failed line is recorded all the same: "no hazard found" is a finding too.
 * Recording is an act on the record (`InspectionRoundRecorded`, with every line and the digests of its
 * photos), and a round is recorded once: the record is not edited later, a second one is refused.
 * All or nothing: a hazard the ledger type refuses (a 重大 one without its five 落实) leaves no round recorded.
 * @throws AppError `inspection_round_not_found`, `inspection_round_not_open`, `inspection_round_recorded`,
 *   `inspection_photo_not_found`; DomainError `forbidden`, `validation_failed`.
 */
export async function recordRound(deps: AppDeps, ref: ActorRef, roundId: string, input: unknown): Promise<RecordedRoundResult> {
  return deps.store.transaction(async (tx) => {
    const scope = await actingScope(deps, tx, ref);
    const { plan, round } = await loadRound(deps, tx, scope, ref.tenantId, roundId);
    requireInspector(scope, plan);
    const { now, timeZone } = scope.ctx;
    const today = toLocalDate(now, timeZone);
    if (round.opensOn > today) throw roundNotOpen(roundId, round.opensOn);
    if (await tx.inspections.getRound(ref.tenantId, roundId)) throw roundRecorded(roundId);
    const results = validateResults(plan.checklist, input);
    const photos = citedPhotos(results, await tx.inspections.listPhotos(ref.tenantId, roundId));

    const recorded = {
      roundId,
      planId: plan.id,
      placeNo: round.placeNo,
      period: round.period,
      dueOn: round.dueOn,
      unitId: plan.unitId,
      recordedBy: scope.actor.userId,
      recordedAt: now,
      recordedOn: today,
    };
    // The row first: its primary key is what stops a second record, also one racing in from another node.
    try {
      await tx.inspections.insertRound(ref.tenantId, { ...recorded, results, failed: failedLines(results).length, hazardItemIds: [] });
    } catch (e) {
      throw isStoreError(e, 'already_exists') ? roundRecorded(roundId) : e;
    }

    const hazards: Item[] = [];
    for (const line of failedLines(results)) {
      const linePhotos = line.photos.map((id) => photos.get(id)!);
      const evidenceIds = linePhotos.map(() => deps.newId());
      const category = plan.checklist.find((c) => c.key === line.key)!.category;
      const draft = hazardDraft(line, { place: round.place, cadence: plan.cadence, category }, today, scope.user.displayName, evidenceIds);
      const created = await createItemInTransaction(deps, tx, scope, {
        ledgerType: HAZARD_LEDGER,
        title: draft.title,
        content: draft.content,
        source: { kind: 'inspection', reference: roundId },
        fields: { ...draft.fields },
      });
      await attachPhotos(tx, ref.tenantId, created.item, linePhotos, evidenceIds, scope.actor, now);
      hazards.push(created.item);
    }
    const hazardItemIds = hazards.map((h) => h.id);
    if (hazardItemIds.length > 0) await tx.inspections.setRoundHazards(ref.tenantId, roundId, hazardItemIds);

    await tx.appendEvents(ref.tenantId, [
      {
        itemId: null,
        type: 'InspectionRoundRecorded',
        actorUserId: scope.actor.userId,
        actorUnitId: scope.actor.unitId,
        at: now,
        payload: {
          roundId,
          planId: plan.id,
          placeNo: round.placeNo,
          place: round.place.name,
          period: round.period,
          dueOn: round.dueOn,
          onTime: today <= round.dueOn,
          lines: results.lines.map((l) => ({ key: l.key, result: l.result, note: l.note, photos: l.photos.map((id) => ({ photoId: id, digest: photos.get(id)!.digest })) })),
          note: results.note,
          hazardItemIds,
        },
      },
    ]);
    const stored = { ...recorded, results, failed: hazardItemIds.length, hazardItemIds };
    return { round: viewOf(plan, round, stored, today), hazards };
  });
}

/**
 * The photos the results cite, by id: each must be one taken on this round.
 * @throws AppError `inspection_photo_not_found`.
 */
function citedPhotos(results: RoundResults, taken: readonly InspectionPhoto[]): Map<string, InspectionPhoto> {
  const byId = new Map(taken.map((p) => [p.id, p]));
  const missing = results.lines.flatMap((l) => l.photos).filter((id) => !byId.has(id));
  if (missing.length > 0) {
    throw new AppError('inspection_photo_not_found', `Not photos of this round: ${missing.join(', ')}.`, `以下照片不属于本检查轮次:${missing.join('、')}。`, { missing });
  }
  return byId;
}

/** The photos of a failed line as files of its hazard item (the same stored bytes), each an act on the record. */
async function attachPhotos(
  tx: TransactionContext,
  tenantId: string,
  item: Item,
  photos: readonly InspectionPhoto[],
  evidenceIds: readonly string[],
  actor: { userId: string; unitId: string },
  at: string,
): Promise<void> {
  if (photos.length === 0) return;
  const files: Evidence[] = photos.map((p, i) => ({
    id: evidenceIds[i]!,
    itemId: item.id,
    fileName: p.fileName,
    mediaType: p.mediaType,
    sizeBytes: p.sizeBytes,
    digest: p.digest,
    storageKey: p.storageKey,
    uploadedBy: p.uploadedBy,
    uploadedAt: at,
  }));
  for (const e of files) await tx.evidence.insert(tenantId, e);
  await tx.appendEvents(
    tenantId,
    files.map((e) => ({
      itemId: item.id,
      type: 'EvidenceUploaded',
      actorUserId: actor.userId,
      actorUnitId: actor.unitId,
      at,
      payload: { evidenceId: e.id, fileName: e.fileName, mediaType: e.mediaType, sizeBytes: e.sizeBytes, digest: e.digest },
    })),
  );
}
