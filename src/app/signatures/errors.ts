import { CodedError } from '../../domain/errors.js';

/** Stable error codes of personal signing keys and signed decisions. */
export const SIGNATURE_ERROR_CODES = [
  /** This decision (审签, 销号) must be signed: the person has a registered key and sent no passphrase. */
  'signature_required',
  /** The passphrase does not open the person's sealed key (nothing is said about why). */
  'passphrase_invalid',
  /** A passphrase shorter than 12 characters is refused at enrolment. */
  'passphrase_too_short',
  'signing_key_not_found',
  /**
   * The person has no registered key that signs now (none enrolled, not registered yet, or revoked) and either
   * sent a passphrase or the tenant's signing policy is `required`; also: a key already registered or revoked.
   */
  'signing_key_not_active',
] as const;
export type SignatureErrorCode = (typeof SIGNATURE_ERROR_CODES)[number];

export class SignatureError extends CodedError<SignatureErrorCode> {
  override readonly name = 'SignatureError';
}
