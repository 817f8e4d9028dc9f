import { CodedError } from '../domain/errors.js';

/**
 * Stable error codes of the use cases (besides those of the domain and the store, which pass through).
 * Each names what is missing or refused; none reveals whether a foreign item exists.
 */
export const APP_ERROR_CODES = [
  /** No such item in the tenant, or the actor may not see it: the two are never told apart. */
  'item_not_found',
  'user_not_found',
  'user_disabled',
  'tenant_not_found',
  'parent_not_found',
  /** 一校一方案: the campaign already has a plan for this entity (one plan per entity). */
  'duplicate_entity',
  /** The three admin roles never read or write business data (三权分立). */
  'business_data_forbidden',
  /** Reading personal information needs a reason and a role that handles the case. */
  'personal_data_forbidden',
  'invalid_input',
  /** Monitoring signals: no such indicator, or no such series (indicator in a region) that you may see. */
  'indicator_not_found',
  'series_not_found',
  /** Excel export and import: a list too long to export, a file too large or unreadable, rows refused. */
  'export_too_large',
  'import_too_large',
  'import_unreadable',
  'import_rows_refused',
  /** Official documents: no such document (or not visible), an issued one changed, PDF without LibreOffice. */
  'document_not_found',
  'document_issued',
  'pdf_unavailable',
  /** Inspection rounds: no such plan, round or photo that you may see; a round recorded already. */
  'inspection_plan_not_found',
  'inspection_round_not_found',
  'inspection_photo_not_found',
  'inspection_round_recorded',
  'inspection_round_not_open',
  /** Parsing untrusted files (parsing/parse-pool.ts): beyond the time or memory of a parser, all parsers busy, cancelled. */
  'file_too_complex',
  'parser_busy',
  'parse_cancelled',
] as const;
export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

export class AppError extends CodedError<AppErrorCode> {
  override readonly name = 'AppError';
}

export const itemNotFound = (id: string): AppError => new AppError('item_not_found', `No item ${id} that you may see.`, `未找到事项 ${id}(或无权查看)。`, { itemId: id });
