import { isSealed, openPersonal, sealPersonal, type TransactionContext } from '../../store/index.js';
import { roleRequired } from '../accounts/errors.js';
import { nowInstant, type ActorRef, type AppDeps } from '../context.js';
import { AppError } from '../errors.js';
import { actingScope, loadVisibleItem } from '../items/load.js';
import { performInTransaction } from '../items/perform.js';
import { caseKeyFor } from '../personal.js';
import { findPublicItem } from './disclosure.js';
import { OBJECTION_CONTACT_MAX, OBJECTION_FILED, OBJECTION_HANDLED, OBJECTION_TEXT_MAX, ObjectionError, objectionsOf, type ObjectionView } from './objection-state.js';

/*
 * 异议: during an item's 公示 anyone may object, with an optional contact. The objection is personal data: its
 * text and contact are sealed with the item's case key (erasing the case erases them). It lands on the
 * supervisor's desk; while one is open the notice stage cannot be passed; the supervisor answers it (the
 * reply is shown on the public page, masked) or reopens the item (its closure is sent back to work).
 */

const invalid = (en: string, zh: string) => new AppError('invalid_input', en, zh);

/**
 * Files an objection against an item in its 公示 period; anything else is `item_not_found`, like the pages.
 * @throws AppError `item_not_found`, `invalid_input` (empty or too long).
 */
export async function fileObjection(deps: AppDeps, tenantId: string, ref: string, input: { text: string; contact?: string }): Promise<{ objectionId: string }> {
  const text = input.text.trim();
  const contact = (input.contact ?? '').trim();
  if (text.length === 0) throw invalid('Write what you object to.', '请填写异议内容。');
  if (text.length > OBJECTION_TEXT_MAX) throw invalid(`At most ${OBJECTION_TEXT_MAX} characters.`, `异议内容不超过 ${OBJECTION_TEXT_MAX} 字。`);
  if (contact.length > OBJECTION_CONTACT_MAX) throw invalid(`Contact: at most ${OBJECTION_CONTACT_MAX} characters.`, `联系方式不超过 ${OBJECTION_CONTACT_MAX} 字。`);
  const shown = await findPublicItem(deps, tenantId, ref);
  if (!shown) throw new AppError('item_not_found', 'No such public notice.', '没有这个公示事项。');
  if (!shown.open) throw invalid('The notice period is over: objections are no longer taken.', '公示期已结束，不再受理异议。');
  const objectionId = deps.newId();
  const at = nowInstant(deps);
  await deps.store.transaction(async (tx) => {
    const key = await caseKeyFor(tx, tenantId, shown.id, at);
    const sealed = { text: sealPersonal(deps.store.crypto, key, text), contact: contact ? sealPersonal(deps.store.crypto, key, contact) : null };
    await tx.appendEvents(tenantId, [{ itemId: shown.id, type: OBJECTION_FILED, actorUserId: null, actorUnitId: null, at, payload: { objectionId, ...sealed } }]);
  });
  return { objectionId };
}

async function requireSupervisor(deps: AppDeps, tx: TransactionContext, ref: ActorRef, itemId: string) {
  const scope = await actingScope(deps, tx, ref);
  if (!scope.actor.roles.includes('supervisor')) throw roleRequired('supervisor', '督办员');
  const item = await loadVisibleItem(tx, scope, ref.tenantId, itemId);
  return { scope, item };
}

/**
 * The supervisor's desk: the objections of an item the supervisor may see, opened (text and contact).
 * @throws AppError `item_not_found`; AccountError `role_required`.
 */
export async function listObjections(deps: AppDeps, ref: ActorRef, itemId: string): Promise<ObjectionView[]> {
  return deps.store.transaction(async (tx) => {
    const { item } = await requireSupervisor(deps, tx, ref, itemId);
    const key = await tx.caseKeys.keyOrNull(ref.tenantId, item.id);
    const open = (v: unknown): string | null => (isSealed(v) ? String(openPersonal(deps.store.crypto, key, v) ?? '') : null);
    return objectionsOf(await tx.events.listByItem(ref.tenantId, item.id), open);
  });
}

/**
 * Handles an objection: a reply (shown in public, masked), and optionally the item reopened — its closure
 * sent back to work with the reply as the reason.
 * @throws ObjectionError `objection_not_found`; AppError `item_not_found`, `invalid_input`; what RejectClosure throws.
 */
export async function handleObjection(deps: AppDeps, ref: ActorRef, itemId: string, objectionId: string, input: { reply: string; reopen?: boolean }): Promise<ObjectionView> {
  const reply = input.reply.trim();
  if (reply.length === 0 || reply.length > OBJECTION_TEXT_MAX) throw invalid(`A reply of 1–${OBJECTION_TEXT_MAX} characters.`, `答复须为 1–${OBJECTION_TEXT_MAX} 字。`);
  return deps.store.transaction(async (tx) => {
    const { scope, item } = await requireSupervisor(deps, tx, ref, itemId);
    const found = objectionsOf(await tx.events.listByItem(ref.tenantId, item.id), null).find((o) => o.objectionId === objectionId && o.handledAt === null);
    if (!found) throw new ObjectionError('objection_not_found', `No open objection ${objectionId}.`, `没有待处理的异议 ${objectionId}。`, { objectionId });
    if (input.reopen) await performInTransaction(deps, tx, scope, item, { type: 'RejectClosure', data: { reason: `公示异议成立：${reply}` } });
    const at = nowInstant(deps);
    const actor = scope.actor;
    await tx.appendEvents(ref.tenantId, [
      { itemId: item.id, type: OBJECTION_HANDLED, actorUserId: actor.userId, actorUnitId: actor.unitId, at, payload: { objectionId, reply, reopened: input.reopen === true } },
    ]);
    return { ...found, reply, reopened: input.reopen === true, handledAt: at };
  });
}
