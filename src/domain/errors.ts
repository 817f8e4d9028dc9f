/**
 * Stable error codes of the core. Clients switch on the code, never on the message; the API and the CLI
 * map codes to HTTP statuses and exit codes in one table each.
 */
export const DOMAIN_ERROR_CODES = [
  'invalid_transition',
  'forbidden',
  'validation_failed',
  'reason_required',
  'deadline_in_past',
  'deadline_passed',
  'extension_pending',
  'no_pending_extension',
  'unit_not_found',
  'calendar_not_covered',
  'ledger_type_not_found',
  'ledger_type_disabled',
  'notice_period_running',
  'version_conflict',
  'invalid_event_stream',
  // monitoring signals (src/signals)
  'invalid_count',
  'missing_count',
  'series_too_short',
  'duplicate_period',
  'invalid_series',
  'invalid_control',
  'unsupported_option',
  // readout extraction (src/extract)
  'readout_empty',
  'readout_too_large',
  'readout_binary',
  'readout_encoding',
  'readout_unsupported_format',
  'readout_corrupt',
  'readout_bomb',
] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

/**
 * The one error shape of every layer: a stable code clients switch on, an English and a Chinese message,
 * optional details. The API and the CLI map the code to a status and an exit code (src/contracts/errors.ts).
 */
export abstract class CodedError<C extends string = string> extends Error {
  constructor(
    readonly code: C,
    /** English message, for logs and English clients. */
    message: string,
    /** Chinese message shown to zh-CN users. */
    readonly messageZh: string,
    readonly details?: Readonly<Record<string, unknown>>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A refused action or invalid input of the core; knows nothing of HTTP. */
export class DomainError extends CodedError<DomainErrorCode> {
  override readonly name = 'DomainError';
}
