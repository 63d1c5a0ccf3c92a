// The scheduled backup's workflow contract: names and shapes shared by the workflow, its
// activities and the schedule (pure: workflow code imports it).

/** The workflow type the backup schedule starts (workflows/index.ts registers it). */
export const SCHEDULED_BACKUP_WORKFLOW = 'scheduledBackupWorkflow';

export interface ScheduledBackupInput {
  /** The cron expression that started it (informational; the schedule compares it with its configuration). */
  schedule?: string;
}

export interface BackupRunResult {
  /** The folder written, under BACKUP_DIR. */
  name: string;
  tables: number;
  rows: number;
  /** Backups deleted by the retention policy after this one was written. */
  removed: string[];
}

export interface BackupFailureReport {
  /** When the run was started (ISO-8601): one admin task per failed run. */
  scheduledAt: string;
  workflowId: string;
  runId: string;
  reason: string;
}

export type ScheduledBackupWorkflow = (input?: ScheduledBackupInput) => Promise<BackupRunResult>;
