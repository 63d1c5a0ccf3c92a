import { DomainError } from '../common/domain-error';

export enum BackupErrorCode {
  /** The output folder exists and is not empty. */
  OUTPUT_EXISTS = 'BACKUP_OUTPUT_EXISTS',
  /** No manifest, a manifest or file whose checksum does not hold, an unknown format. */
  CORRUPT = 'BACKUP_CORRUPT',
  /** The backup was written by a Recon whose schema is newer than this one's. */
  NEWER_SCHEMA = 'BACKUP_NEWER_SCHEMA',
  /** The target database has tables and --force was not given. */
  TARGET_NOT_EMPTY = 'RESTORE_TARGET_NOT_EMPTY',
  /** The restored database does not match the manifest (counts, balances, audit chain). */
  VERIFY_FAILED = 'RESTORE_VERIFY_FAILED',
  INVALID_INPUT = 'BACKUP_INVALID_INPUT',
}

export class BackupError extends DomainError<BackupErrorCode> {}
