import fc from 'fast-check';
import {
  parseScheduledBackupName,
  planRetention,
  scheduledBackupName,
  type StoredBackup,
} from '../../backup/retention';

const at = (iso: string): StoredBackup => ({ name: iso, createdAt: new Date(iso) });

describe('backup retention', () => {
  it('keeps the newest of each of the last N days and of each of the last M months', () => {
    const backups = [
      at('2026-08-31T01:00:00Z'),
      at('2026-09-15T01:00:00Z'),
      at('2026-09-30T01:00:00Z'),
      at('2026-10-30T01:00:00Z'),
      at('2026-10-31T01:00:00Z'),
      at('2026-11-01T01:00:00Z'),
      at('2026-11-02T01:00:00Z'),
      at('2026-11-02T13:00:00Z'),
      at('2026-11-03T01:00:00Z'),
    ];
    const { keep, remove } = planRetention(backups, { keepDaily: 3, keepMonthly: 3 });
    expect(keep.map((b) => b.name)).toEqual([
      '2026-11-03T01:00:00Z', // daily, and November's newest
      '2026-11-02T13:00:00Z', // daily (the newest of its day)
      '2026-11-01T01:00:00Z', // daily
      '2026-10-31T01:00:00Z', // October's newest
      '2026-09-30T01:00:00Z', // September's newest
    ]);
    expect(remove).toHaveLength(4);
  });

  it('always keeps the newest, never keeps more than N + M, and removes exactly the rest', () => {
    fc.assert(
      fc.property(
        fc.array(fc.date({ min: new Date('2024-01-01'), max: new Date('2027-12-31'), noInvalidDate: true }), {
          maxLength: 80,
        }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 10 }),
        (dates, keepDaily, keepMonthly) => {
          const backups = dates.map((d, i) => ({ name: `b${i}`, createdAt: d }));
          const { keep, remove } = planRetention(backups, { keepDaily, keepMonthly });
          expect(keep.length + remove.length).toBe(backups.length);
          expect(keep.length).toBeLessThanOrEqual(Math.max(1, keepDaily + keepMonthly));
          if (backups.length) {
            const newest = Math.max(...dates.map((d) => d.getTime()));
            expect(keep.some((b) => b.createdAt.getTime() === newest)).toBe(true);
          }
          const days = new Set(keep.map((b) => b.createdAt.toISOString().slice(0, 10)));
          // A month's newest is also its day's newest: never two kept on one day.
          expect(days.size).toBe(keep.length);
        },
      ),
    );
  });

  it('names scheduled backups by their UTC time, and reads the names back', () => {
    const when = new Date('2026-11-01T01:02:03.456Z');
    expect(scheduledBackupName(when)).toBe('recon-20261101T010203456Z');
    expect(parseScheduledBackupName('recon-20261101T010203456Z')).toEqual(when);
    // Names of backups written before the milliseconds were added still count for retention.
    expect(parseScheduledBackupName('recon-20261101T010203Z')).toEqual(new Date('2026-11-01T01:02:03Z'));
    for (const bad of [
      'recon-20261301T010203Z',
      'recon-20261101T010203Z.partial-1',
      'other',
      'recon-20260230T000000Z',
      'recon-20261101T01020345Z',
      'recon-20261101T010203456Z.partial-1',
    ])
      expect(parseScheduledBackupName(bad)).toBeUndefined();
  });
});
