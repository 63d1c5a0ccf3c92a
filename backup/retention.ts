/** A finished backup folder of the scheduled series, by when it was taken. */
export interface StoredBackup {
  name: string;
  createdAt: Date;
}

export interface RetentionPolicy {
  /** The newest backup of each of the last N days that have one. */
  keepDaily: number;
  /** The newest backup of each of the last M months that have one. */
  keepMonthly: number;
}

const day = (d: Date) => d.toISOString().slice(0, 10);
const month = (d: Date) => d.toISOString().slice(0, 7);

/**
 * Which backups to keep: the newest of each of the last `keepDaily` days that have a backup, and
 * the newest of each of the last `keepMonthly` months (the month-end state of closed months). The
 * newest backup is always kept. Pure: the caller lists and deletes.
 */
export function planRetention(
  backups: readonly StoredBackup[],
  policy: RetentionPolicy,
): { keep: StoredBackup[]; remove: StoredBackup[] } {
  const newestFirst = [...backups].sort(
    (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.name.localeCompare(a.name),
  );
  const keep = new Set<StoredBackup>(newestFirst.slice(0, 1));
  const newestPer = (bucket: (d: Date) => string, count: number) => {
    const seen = new Set<string>();
    for (const backup of newestFirst) {
      const key = bucket(backup.createdAt);
      if (seen.has(key)) continue;
      if (seen.size >= count) break;
      seen.add(key);
      keep.add(backup);
    }
  };
  newestPer(day, policy.keepDaily);
  newestPer(month, policy.keepMonthly);
  return {
    keep: newestFirst.filter((b) => keep.has(b)),
    remove: newestFirst.filter((b) => !keep.has(b)),
  };
}

/**
 * Scheduled backups are named recon-<UTC time to the millisecond> (e.g. recon-20261101T010000123Z):
 * sortable, parseable, and one folder per run — a retry of a run finds its own folder by the run's
 * start, while a second run started within the same second (a manual trigger beside the schedule)
 * no longer mistakes the first run's backup for its own.
 */
export const scheduledBackupName = (at: Date): string =>
  `recon-${at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.(\d{3})Z$/, '$1Z')}`;

/** Names written before milliseconds were added (recon-20261101T010000Z) are still read, for retention. */
const NAME = /^recon-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})?Z$/;

export function parseScheduledBackupName(name: string): Date | undefined {
  const m = NAME.exec(name);
  if (!m) return undefined;
  const ms = m[7] === undefined ? 0 : +m[7];
  const at = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], ms));
  if (Number.isNaN(at.getTime())) return undefined;
  const canonical = scheduledBackupName(at);
  const legacy = canonical.replace(/\d{3}Z$/, 'Z');
  return name === canonical || (m[7] === undefined && name === legacy) ? at : undefined;
}
