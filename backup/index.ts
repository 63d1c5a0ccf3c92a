export { BackupError, BackupErrorCode } from './backup-error';
export type { BackupManifest, DatabaseFacts } from './manifest';
export { restoreBackup, type RestoreOptions, type RestoreReport } from './restore-backup';
export { writeBackup, type BackupOptions } from './write-backup';
