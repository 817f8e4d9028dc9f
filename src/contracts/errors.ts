/**
 * One table from every stable error code (domain, store, app) to its HTTP status and CLI exit code.
 * Clients switch on the code; the status and exit code only group them.
 */
export interface ErrorClass {
  readonly status: number;
  /** Process exit code of the CLI: 2 bad input, 3 not found, 4 refused, 5 conflict, 6 database, 7 integrity. */
  readonly exit: number;
}

const BAD_INPUT: ErrorClass = { status: 400, exit: 2 };
const NOT_FOUND: ErrorClass = { status: 404, exit: 3 };
const FORBIDDEN: ErrorClass = { status: 403, exit: 4 };
const REFUSED: ErrorClass = { status: 409, exit: 4 };
const CONFLICT: ErrorClass = { status: 409, exit: 5 };
const DATABASE: ErrorClass = { status: 503, exit: 6 };
const INTEGRITY: ErrorClass = { status: 500, exit: 7 };

const TABLE: Readonly<Record<string, ErrorClass>> = {
  validation_failed: BAD_INPUT,
  invalid_input: BAD_INPUT,
  reason_required: BAD_INPUT,
  deadline_in_past: BAD_INPUT,
  calendar_not_covered: BAD_INPUT,
  invalid_count: BAD_INPUT,
  missing_count: BAD_INPUT,
  series_too_short: BAD_INPUT,
  duplicate_period: BAD_INPUT,
  invalid_series: BAD_INPUT,
  invalid_control: BAD_INPUT,
  unsupported_option: BAD_INPUT,
  readout_empty: BAD_INPUT,
  readout_too_large: { status: 413, exit: 2 },
  readout_binary: BAD_INPUT,
  readout_encoding: BAD_INPUT,
  readout_unsupported_format: { status: 415, exit: 2 },
  readout_corrupt: BAD_INPUT,
  readout_bomb: BAD_INPUT,
  item_not_found: NOT_FOUND,
  user_not_found: NOT_FOUND,
  tenant_not_found: NOT_FOUND,
  parent_not_found: NOT_FOUND,
  indicator_not_found: NOT_FOUND,
  series_not_found: NOT_FOUND,
  unit_not_found: NOT_FOUND,
  ledger_type_not_found: NOT_FOUND,
  reference_not_found: NOT_FOUND,
  forbidden: FORBIDDEN,
  business_data_forbidden: FORBIDDEN,
  personal_data_forbidden: FORBIDDEN,
  user_disabled: FORBIDDEN,
  invalid_transition: REFUSED,
  deadline_passed: REFUSED,
  extension_pending: REFUSED,
  no_pending_extension: REFUSED,
  notice_period_running: REFUSED,
  ledger_type_disabled: REFUSED,
  version_conflict: CONFLICT,
  already_exists: CONFLICT,
  case_key_exists: CONFLICT,
  chain_conflict: CONFLICT,
  not_luoshi_database: DATABASE,
  database_schema_newer: DATABASE,
  migrations_out_of_sync: DATABASE,
  migration_failed: DATABASE,
  database_schema_outdated: DATABASE,
  database_unavailable: DATABASE,
  key_file_insecure: DATABASE,
  key_file_invalid: DATABASE,
  key_missing: DATABASE,
  chain_algorithm_mismatch: DATABASE,
  invalid_event_stream: INTEGRITY,
  envelope_invalid: INTEGRITY,
  corrupt_row: INTEGRITY,
  chain_broken: INTEGRITY,
  // accounts, sessions and the HTTP API
  unauthenticated: { status: 401, exit: 4 },
  invalid_credentials: { status: 401, exit: 4 },
  session_expired: { status: 401, exit: 4 },
  totp_invalid: { status: 401, exit: 4 },
  second_factor_required: FORBIDDEN,
  csrf_failed: FORBIDDEN,
  token_scope_forbidden: FORBIDDEN,
  role_required: FORBIDDEN,
  password_too_weak: BAD_INPUT,
  role_conflict: BAD_INPUT,
  bad_request: BAD_INPUT,
  webhook_url_invalid: BAD_INPUT,
  webhook_url_forbidden: BAD_INPUT,
  token_not_found: NOT_FOUND,
  webhook_not_found: NOT_FOUND,
  evidence_not_found: NOT_FOUND,
  route_not_found: NOT_FOUND,
  evidence_too_large: { status: 413, exit: 2 },
  evidence_erased: { status: 410, exit: 2 },
  payload_too_large: { status: 413, exit: 2 },
  evidence_type_not_allowed: { status: 415, exit: 2 },
  evidence_withdraw_forbidden: FORBIDDEN,
  evidence_item_closed: REFUSED,
  evidence_cited: REFUSED,
  unsupported_media_type: { status: 415, exit: 2 },
  method_not_allowed: { status: 405, exit: 2 },
  not_acceptable: { status: 406, exit: 2 },
  precondition_failed: { status: 412, exit: 5 },
  rate_limited: { status: 429, exit: 4 },
  // backup, restore and copy
  backup_passphrase_missing: BAD_INPUT,
  backup_passphrase_wrong: BAD_INPUT,
  backup_invalid: BAD_INPUT,
  backup_damaged: INTEGRITY,
  restore_target_not_empty: REFUSED,
  // Excel export and import
  export_too_large: { status: 413, exit: 2 },
  import_too_large: { status: 413, exit: 2 },
  import_unreadable: BAD_INPUT,
  import_rows_refused: { status: 422, exit: 2 },
  duplicate_entity: REFUSED,
  // official documents
  document_not_found: NOT_FOUND,
  document_issued: REFUSED,
  pdf_unavailable: { status: 503, exit: 6 },
  // inspection rounds
  inspection_plan_not_found: NOT_FOUND,
  inspection_round_not_found: NOT_FOUND,
  inspection_photo_not_found: NOT_FOUND,
  inspection_round_recorded: CONFLICT,
  inspection_round_not_open: REFUSED,
  signature_required: REFUSED,
  passphrase_invalid: FORBIDDEN,
  passphrase_too_short: BAD_INPUT,
  signing_key_not_found: NOT_FOUND,
  signing_key_not_active: REFUSED,
  objection_open: REFUSED,
  objection_not_found: NOT_FOUND,
  file_too_complex: { status: 422, exit: 2 },
  parser_busy: { status: 503, exit: 6 },
  parse_cancelled: BAD_INPUT,
  login_throttled: { status: 429, exit: 4 },
  password_change_required: FORBIDDEN,
  invalid_unicode: BAD_INPUT,
};

/** The class of a code; unknown codes are internal errors (HTTP 500, exit 1). */
export function errorClass(code: string): ErrorClass {
  return TABLE[code] ?? { status: 500, exit: 1 };
}

/** The shape shared by DomainError, StoreError and AppError. */
export interface CodedError {
  readonly code: string;
  readonly message: string;
  readonly messageZh: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export function isCodedError(e: unknown): e is CodedError {
  return e instanceof Error && typeof (e as Partial<CodedError>).code === 'string' && typeof (e as Partial<CodedError>).messageZh === 'string';
}
