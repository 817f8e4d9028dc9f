import type { ItemSignature, SigningKey, SigningPolicy } from '../../api/types.js';
import type { MessageKey } from '../../i18n/index.js';

/*
 * Pure rules of signing in the web. The server decides what is signed (审签 and the last stage, 销号) and
 * refuses a wrong or missing passphrase; these only let the dialog ask for the passphrase, or say why it
 * cannot, before the person submits.
 */

/** The signed decision passing the current stage makes: 审签 (stage `sign_off`), 销号 (the last stage), or none. */
export function signedDecisionOf(stageKey: string | null, stageKeys: readonly string[]): 'sign_off' | 'close' | null {
  if (!stageKey) return null;
  if (stageKeys.length > 0 && stageKeys[stageKeys.length - 1] === stageKey) return 'close';
  return stageKey === 'sign_off' ? 'sign_off' : null;
}

/** Whether a person can sign now: a registered key; one waiting for the security admin; or none (never, or revoked). */
export type SigningReadiness = 'ready' | 'pending' | 'none';

export function signingReadiness(keys: readonly SigningKey[]): SigningReadiness {
  if (keys.some((k) => k.state === 'registered')) return 'ready';
  if (keys.some((k) => k.state === 'enrolled')) return 'pending';
  return 'none';
}

/**
 * What becomes of a signed decision the person takes now: signed (a registered key), refused (no key that signs
 * while the city's policy is `required`), or unsigned (no key, policy `when_enrolled`); null while unknown.
 */
export type SigningOutlook = 'signed' | 'refused' | 'unsigned';

export function signingOutlook(readiness: SigningReadiness, policy: SigningPolicy | undefined): SigningOutlook | null {
  if (readiness === 'ready') return 'signed';
  if (policy === undefined) return null;
  return policy === 'required' ? 'refused' : 'unsigned';
}

/** A new enrolment makes sense only when the person holds no key that signs or waits to. */
export const mayEnrol = (keys: readonly SigningKey[]): boolean => signingReadiness(keys) === 'none';

/** The words for a signature's validity: valid, valid though its key was revoked later, or why it does not hold. */
export function validityOf(s: Pick<ItemSignature, 'valid' | 'problem' | 'keyRevokedAt'>): { key: MessageKey; ok: boolean } {
  if (s.valid) return { key: s.keyRevokedAt ? 'signature.validRevokedLater' : 'signature.valid', ok: true };
  if (s.problem === 'key_not_active') return { key: 'signature.problem.keyNotActive', ok: false };
  if (s.problem === 'event_altered' || s.problem === 'event_missing') return { key: 'signature.problem.altered', ok: false };
  return { key: 'signature.problem.bad', ok: false };
}

/** The passphrase a person chooses twice at enrolment: the server's rule (12 characters) checked early. */
export const PASSPHRASE_MIN = 12;
export function passphraseProblem(first: string, second: string): MessageKey | null {
  if ([...first].length < PASSPHRASE_MIN) return 'signing.tooShort';
  if (first !== second) return 'signing.mismatch';
  return null;
}
