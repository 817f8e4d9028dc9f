import type { ItemEvent } from '../../domain/loop/index.js';
import { canonicalJson, verifySignature, type CryptoProvider, type NewEvent, type StoredEvent, type TransactionContext } from '../../store/index.js';
import { SignatureError } from './errors.js';
import { activeAt, activeKeyOf, foldKeys, KEY_EVENT_TYPES, unseal, type SigningKeyState } from './keys.js';
import { signingPolicyOf } from './policy.js';

/*
 * Decisions signed by the person who takes them: passing 审签 (stage `sign_off`) and the last stage (销号,
 * the item closes), and issuing a 通报 (signBulletin, for the bulletin's use case). Whether a person without a
 * registered key may still take them is the tenant's signing policy (policy.ts). The signature covers the
 * canonical content of the decision's event — tenant, item, type, who, unit, when, and its payload — and is
 * recorded right after it as a DecisionSigned event carrying the content, the key id and r‖s.
 *
 * How the passphrase reaches the signing step: the client sends it with the action (over TLS; the server
 * refuses nothing else in clear), the server opens the sealed key in memory for that one request, signs and
 * drops it; the passphrase is never stored or logged. Signing in the browser would keep the key off the
 * server entirely, but the web app cannot yet hold keys (a USB key through PKCS#11, or a signing server, is
 * the way to that, behind the same Signer interface); a sealed key the server can only open with the person
 * present is the honest step before it.
 */

export const DECISION_SIGNED = 'DecisionSigned';
export type Decision = 'sign_off' | 'close' | 'bulletin';

/** Which signed decision an action's events make, if any. */
export function decisionOf(events: readonly ItemEvent[]): { decision: Decision; event: ItemEvent } | null {
  const closed = events.some((e) => e.type === 'ItemClosed');
  for (const e of events) {
    if (e.type !== 'StagePassed') continue;
    if (closed) return { decision: 'close', event: e };
    if (e.data.stage.stageKey === 'sign_off') return { decision: 'sign_off', event: e };
  }
  return null;
}

type Body = Pick<NewEvent, 'itemId' | 'type' | 'actorUserId' | 'actorUnitId' | 'at' | 'payload'>;

/** The canonical content a decision's signature covers (the same for the event before and after storing). */
export function signedContent(tenantId: string, e: Body): Record<string, unknown> {
  return { v: 1, tenant: tenantId, item: e.itemId, type: e.type, actorUser: e.actorUserId, actorUnit: e.actorUnitId, at: e.at, payload: e.payload };
}

const DECISION_NAME: Record<Decision, readonly [string, string]> = {
  sign_off: ['sign-off (审签)', '审签'],
  close: ['closure (销号)', '销号'],
  bulletin: ['issuing a bulletin', '印发通报'],
};

/** The refusal of a signed decision by a person without an active registered key, under the tenant's `required` policy. */
function keyRequired(decision: Decision): SignatureError {
  const [en, zh] = DECISION_NAME[decision];
  return new SignatureError(
    'signing_key_not_active',
    `The city requires ${en} to be signed and you have no registered signing key: enrol one (luoshi keys enrol, or 签章密钥 in the web) and have the security admin register it, then try again. Nothing was recorded.`,
    `本市要求${zh}须签章，您还没有已登记的签章密钥：请先申领（luoshi keys enrol，或网页右上角“签章密钥”），由安全管理员登记后再办理。本次操作未记录。`,
    { decision, policy: 'required' },
  );
}

/**
 * Signs a decision inside the action's transaction: the person's registered key, opened by the passphrase.
 * Returns the DecisionSigned event to append after the decision's own, or nothing when the person has no
 * registered key, sent no passphrase and the tenant's signing policy is `when_enrolled` (decisions of people
 * without a key then stay unsigned and show so). Under `required` such a decision is refused.
 * @throws SignatureError `signature_required` (a key, no passphrase), `signing_key_not_active` (no registered
 *   key, and a passphrase sent or the policy `required`), `passphrase_invalid`.
 */
export async function signDecision(
  crypto: CryptoProvider,
  tx: TransactionContext,
  tenantId: string,
  decision: Decision,
  event: Body,
  passphrase: string | undefined,
): Promise<NewEvent | null> {
  const keys = foldKeys(await tx.events.listByTypes(tenantId, KEY_EVENT_TYPES));
  const key = event.actorUserId ? activeKeyOf(keys, event.actorUserId) : undefined;
  if (!key) {
    if ((await signingPolicyOf(tx, tenantId)) === 'required') throw keyRequired(decision);
    if (passphrase === undefined) return null;
    throw new SignatureError(
      'signing_key_not_active',
      'You have no registered signing key: enrol one and have the security admin register it.',
      '您没有已登记的签章密钥：请先申领，并由安全管理员登记。',
    );
  }
  if (passphrase === undefined) {
    throw new SignatureError('signature_required', 'This decision must be signed: send your signing passphrase with it.', '此决定须签章：请随操作提交签章口令。', { decision });
  }
  const signer = unseal(crypto, key, passphrase);
  const content = signedContent(tenantId, event);
  const signature = await signer.sign(Buffer.from(canonicalJson(content)));
  return {
    itemId: event.itemId,
    type: DECISION_SIGNED,
    actorUserId: event.actorUserId,
    actorUnitId: event.actorUnitId,
    at: event.at,
    payload: { decision, keyId: key.keyId, algorithm: 'sm2', content, signature: Buffer.from(signature).toString('base64') },
  };
}

/**
 * For the bulletin's use case (通报): signs the event that issues a bulletin, inside the transaction that
 * appends it; append the returned DecisionSigned right after it. The bulletin's event needs no item.
 * @throws SignatureError as signDecision.
 */
export function signBulletin(crypto: CryptoProvider, tx: TransactionContext, tenantId: string, issued: Body, passphrase: string | undefined): Promise<NewEvent | null> {
  return signDecision(crypto, tx, tenantId, 'bulletin', issued, passphrase);
}

/** What verify says of one signature. */
export interface SignatureCheck {
  readonly seq: number;
  readonly itemId: string | null;
  readonly decision: string;
  readonly signerUserId: string | null;
  readonly keyId: string;
  readonly at: string;
  readonly valid: boolean;
  /** Why it is not valid: `unknown_key`, `key_not_active` (not registered yet, or revoked before), `wrong_signer`, `bad_signature`, `event_altered`, `event_missing`. */
  readonly problem: string | null;
  /** The sequence number of the signed event (null when it cannot be found). */
  readonly signedSeq: number | null;
}

function sameJson(a: unknown, b: unknown): boolean {
  try {
    return canonicalJson(a) === canonicalJson(b);
  } catch {
    return false;
  }
}

/**
 * Checks one DecisionSigned event: its key was registered and not revoked before it, belongs to the signer,
 * the SM2 signature holds over its content, and the content is what the chain holds for the decision's event.
 */
export function checkSignature(tenantId: string, e: StoredEvent, keys: Map<string, SigningKeyState>, itemEvents: readonly StoredEvent[]): SignatureCheck {
  const p = e.payload as { decision?: unknown; keyId?: unknown; content?: unknown; signature?: unknown };
  const keyId = typeof p.keyId === 'string' ? p.keyId : '';
  const content = (p.content ?? {}) as Record<string, unknown>;
  const base = { seq: e.seq, itemId: e.itemId, decision: String(p.decision), signerUserId: e.actorUserId, keyId, at: e.at };
  const key = keys.get(keyId);
  const target = itemEvents.find((x) => x.seq < e.seq && x.type === content.type && x.at === content.at && x.actorUserId === content.actorUser && x.seq >= e.seq - 3);
  const result = (problem: string | null): SignatureCheck => ({ ...base, valid: problem === null, problem, signedSeq: target?.seq ?? null });
  if (!key) return result('unknown_key');
  if (key.userId !== e.actorUserId || content.actorUser !== e.actorUserId) return result('wrong_signer');
  if (!activeAt(key, e.seq)) return result('key_not_active');
  let body: string;
  try {
    body = canonicalJson(content);
  } catch {
    return result('bad_signature');
  }
  if (typeof p.signature !== 'string' || !verifySignature('sm2', key.publicKeyPem, Buffer.from(body), Buffer.from(p.signature, 'base64'))) return result('bad_signature');
  if (!target) return result('event_missing');
  if (!sameJson(signedContent(tenantId, target), content)) return result('event_altered');
  return result(null);
}
