import type { ItemId } from '../../domain/ids.js';
import type { ActorRef, AppDeps } from '../context.js';
import { performAction, type ActionResult } from '../items/perform.js';

export const VERIFICATION_OUTCOMES = ['true_alarm', 'false_alarm'] as const;
export type VerificationOutcome = (typeof VERIFICATION_OUTCOMES)[number];

export interface VerificationInput {
  /** 真实预警 or 误报. */
  readonly outcome: VerificationOutcome;
  /** What was found and done (处置情况): the closure summary and the item's verification note. */
  readonly actionTaken: string;
  /** Evidence refs (佐证材料) of the verification; the loop asks for at least one. */
  readonly evidence: readonly string[];
}

/**
 * The responsible unit reports its verification of an alarm: 申请办结 with the outcome (true or false alarm)
 * and the action taken, through the normal loop (the supervisor then passes the review stage to close it).
 * The time from the alarm to this request is the verification time of the statistics.
 * @throws as performAction: AppError `item_not_found`; DomainError `forbidden` (not a handler of the lead
 *   unit), `invalid_transition` (not accepted yet, or already closing), `validation_failed` (bad outcome,
 *   no evidence, an item of another ledger without these fields).
 */
export async function recordVerification(deps: AppDeps, ref: ActorRef, itemId: ItemId, input: VerificationInput): Promise<ActionResult> {
  return performAction(deps, ref, itemId, {
    type: 'RequestClosure',
    data: { summary: input.actionTaken, evidence: [...input.evidence], fields: { verification: input.outcome, verificationNote: input.actionTaken } },
  });
}
