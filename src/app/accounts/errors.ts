/**
 * Stable error codes of accounts, sessions, tokens and the integrations. Each login failure reads the same
 * whether or not the name exists.
 */
export const ACCOUNT_ERROR_CODES = [
  /** No valid session or token came with the request. */
  'unauthenticated',
  /** Wrong name or password (never says which). */
  'invalid_credentials',
  /** The session passed its idle timeout or absolute lifetime, or was ended. */
  'session_expired',
  /** A second factor is enrolled already, or the code to confirm one is wrong (never a login answer). */
  'totp_invalid',
  /** An administrator must enrol a TOTP second factor before doing anything else. */
  'second_factor_required',
  /** A cookie-authenticated write without the session's CSRF token. */
  'csrf_failed',
  /** The API token does not grant this action or unit. */
  'token_scope_forbidden',
  'password_too_weak',
  /** 三权分立: admin roles are held by separate people, and never together with business roles. */
  'role_conflict',
  /** Only a given role may do this (system admin, security admin, auditor). */
  'role_required',
  'token_not_found',
  'webhook_not_found',
  /** The webhook URL is not http(s), carries credentials, or cannot be parsed. */
  'webhook_url_invalid',
  /** The webhook URL points at a loopback, private, link-local or otherwise non-public address (SSRF). */
  'webhook_url_forbidden',
  'evidence_not_found',
  'evidence_too_large',
  /** The file belonged to a case whose personal information was erased: its bytes are gone for good. */
  'evidence_erased',
  'evidence_type_not_allowed',
  /** Only the person who uploaded a file withdraws it (撤回). */
  'evidence_withdraw_forbidden',
  /** The file's item is closed or cancelled: its files stay as they are. */
  'evidence_item_closed',
  /** A report, closure request or field on record cites the file, so it cannot be withdrawn. */
  'evidence_cited',
  /** Failed logins from this address or for this name: wait `retryAfterSeconds` (a delay, never a lockout). */
  'login_throttled',
  /** Logged in with a one-time reset password: only choosing a new one is allowed. */
  'password_change_required',
] as const;
export type AccountErrorCode = (typeof ACCOUNT_ERROR_CODES)[number];

export class AccountError extends Error {
  override readonly name = 'AccountError';
  constructor(
    readonly code: AccountErrorCode,
    message: string,
    readonly messageZh: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
  }
}

export const unauthenticated = (): AccountError => new AccountError('unauthenticated', 'Log in first.', '请先登录。');
export const roleRequired = (role: string, roleZh: string): AccountError =>
  new AccountError('role_required', `Only the ${role.replace('_', ' ')} may do this.`, `只有${roleZh}可以执行此操作。`, { role });
