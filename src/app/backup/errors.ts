import { CodedError } from '../../domain/errors.js';

/** Refusals of backup, restore and copy; every one leaves the target as it was. */
export const BACKUP_ERROR_CODES = [
  /** No passphrase given, or one shorter than 12 characters. */
  'backup_passphrase_missing',
  /** The passphrase does not open the archive. */
  'backup_passphrase_wrong',
  /** The file is not a Luoshi backup (or one of a newer format). */
  'backup_invalid',
  /** The archive is truncated or altered: its authentication tag or content does not check out. */
  'backup_damaged',
  /** The data folder to restore into already holds keys or a checkpoint log. */
  'restore_target_not_empty',
] as const;
export type BackupErrorCode = (typeof BACKUP_ERROR_CODES)[number];

export class BackupError extends CodedError<BackupErrorCode> {
  override readonly name = 'BackupError';
}
