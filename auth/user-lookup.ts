import type { DataSource } from 'typeorm';
import { InFlightBatcher } from '../db/in-flight-batcher';
import type { UserRole } from '../contract/enums';

/** What every staff request checks: the user still exists and is active, and their current role. */
export interface UserStanding {
  id: string;
  role: UserRole;
  name: string;
  active: boolean;
  /** Two-factor sign-in is on. */
  enrolled: boolean;
  /** Since when (its current enrolment): a token's proved second factor older than this is void. */
  enrolledAt: Date | null;
}

export type UserLookup = (id: string) => Promise<UserStanding | undefined>;

const COLUMNS = 'CAST(id AS CHAR) AS id, role, display_name AS name, active, totp_enabled_at AS enrolledAt';
type Row = { id: string; role: UserRole; name: string; active: number; enrolledAt: Date | null };
const standing = (row: Row): UserStanding => ({
  ...row,
  active: Boolean(row.active),
  enrolled: row.enrolledAt !== null,
});

/** One primary-key read per call (no ORM on this hot path). */
export function directUserLookup(dataSource: DataSource): UserLookup {
  return async (id) => {
    const [row] = (await dataSource.query(`SELECT ${COLUMNS} FROM users WHERE id = ?`, [id])) as Row[];
    return row && standing(row);
  };
}

/**
 * The same read for an API process's concurrent requests: lookups that arrive while one is in
 * flight share one `WHERE id IN (…)` (InFlightBatcher, so never older than the request).
 */
export function batchedUserLookup(dataSource: DataSource): UserLookup {
  const batcher = new InFlightBatcher<string, UserStanding | undefined>(async (ids) => {
    const distinct = [...new Set(ids)];
    const rows = (await dataSource.query(
      `SELECT ${COLUMNS} FROM users WHERE id IN (${distinct.map(() => '?').join(', ')})`,
      distinct,
    )) as Row[];
    const byId = new Map(rows.map((row) => [row.id, standing(row)]));
    return ids.map((id) => byId.get(id));
  });
  return (id) => batcher.load(id);
}
