import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { ApplicationFailure, Context } from '@temporalio/activity';
import { writeBackup } from '../../backup';
import { planRetention, parseScheduledBackupName, scheduledBackupName } from '../../backup/retention';
import { MANIFEST_FILE, readManifest } from '../../backup/manifest';
import type { BackupFailureReport, BackupRunResult } from '../../contract/backup';
import { SYSTEM_ACTORS } from '../../contract/actor';
import { AdminTaskKind } from '../../contract/enums';
import { raiseAdminTask } from '../../tasks/admin-tasks';
import { publishEvent } from '../../webhooks/publish-event';
import type { ActivityDeps } from '../activity-deps';

/** Unfinished folders (a worker killed mid-backup) older than this are swept away. */
const STALE_PARTIAL_MS = 24 * 3600_000;

/** Writes BACKUP_DIR/recon-<UTC time>, then deletes what the retention policy no longer keeps. */
export function createRunScheduledBackup(deps: ActivityDeps) {
  return async function runScheduledBackup(run: { startedAt: string }): Promise<BackupRunResult> {
    const settings = deps.backups;
    if (!settings)
      throw ApplicationFailure.nonRetryable(
        'backups are not configured on this worker (BACKUP_DIR)',
        'BACKUP_NOT_CONFIGURED',
      );
    const context = Context.current();
    // The run's start names the folder: a retry after a written backup finds it and does not write it again.
    const name = scheduledBackupName(new Date(run.startedAt));
    const target = path.join(settings.dir, name);
    const beat = setInterval(() => context.heartbeat(), 10_000);
    try {
      const manifest = existsSync(path.join(target, MANIFEST_FILE))
        ? readManifest(readFileSync(path.join(target, MANIFEST_FILE), 'utf8'))
        : await writeBackup({ db: settings.db, outDir: target, reconVersion: settings.reconVersion }).catch(
            (error: unknown) => {
              throw hopeless(error)
                ? ApplicationFailure.nonRetryable(String((error as Error).message), 'BACKUP_REFUSED')
                : error;
            },
          );
      const removed = applyRetention(settings.dir, settings.keepDaily, settings.keepMonthly);
      return {
        name,
        tables: Object.keys(manifest.rowCounts).length,
        rows: Object.values(manifest.rowCounts).reduce((sum, n) => sum + n, 0),
        removed,
      };
    } finally {
      clearInterval(beat);
    }
  };
}

/** Failures a retry cannot mend: the server refuses the credentials or the database, the disk is full or read-only. */
const HOPELESS = new Set([
  'ER_ACCESS_DENIED_ERROR',
  'ER_DBACCESS_DENIED_ERROR',
  'ER_BAD_DB_ERROR',
  'EACCES',
  'EROFS',
  'ENOSPC',
]);
const hopeless = (error: unknown) => HOPELESS.has(String((error as { code?: unknown }).code));

function applyRetention(dir: string, keepDaily: number, keepMonthly: number): string[] {
  const entries = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory());
  const now = Date.now();
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.name.includes('.partial-') && now - statSync(full).mtimeMs > STALE_PARTIAL_MS)
      rmSync(full, { recursive: true, force: true });
  }
  const finished = entries.flatMap((entry) => {
    const createdAt = parseScheduledBackupName(entry.name);
    return createdAt && existsSync(path.join(dir, entry.name, MANIFEST_FILE))
      ? [{ name: entry.name, createdAt }]
      : [];
  });
  const { remove } = planRetention(finished, { keepDaily, keepMonthly });
  for (const backup of remove) rmSync(path.join(dir, backup.name), { recursive: true, force: true });
  return remove.map((b) => b.name);
}

/** A failed scheduled backup: one admin task per run, and a `backup.failed` webhook, in one transaction. */
export function createReportBackupFailure(deps: ActivityDeps) {
  return async function reportBackupFailure(report: BackupFailureReport): Promise<void> {
    await deps.dataSource.transaction(async (manager) => {
      const task = await raiseAdminTask(
        manager,
        {
          key: `backup-failed:${report.workflowId}:${report.runId}`,
          kind: AdminTaskKind.BACKUP_FAILED,
          title: `Scheduled backup of ${report.scheduledAt} failed`,
          detail: `${report.reason}\n\nWorkflow ${report.workflowId} (run ${report.runId}). See docs/operations.md "Backup and restore".`,
        },
        SYSTEM_ACTORS.backup,
      );
      if (!task) return; // reported before (a retried activity)
      await publishEvent(
        manager,
        'backup.failed',
        { adminTaskId: task.id, scheduledAt: report.scheduledAt, reason: report.reason },
        `backup-failed:${report.runId}`,
      );
    });
  };
}
