import type { DataSource } from 'typeorm';
import { InFlightBatcher } from '../db/in-flight-batcher';
import type { UserRole } from '../contract/enums';
import { DEFAULT_TWO_FACTOR_ROLES, mustEnrolSql } from './two-factor-roles';

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
  /** Not enrolled, and the role must be now (two-factor-roles.ts): the credential may only enrol. */
  mustEnrol: boolean;
}

export type UserLookup = (id: string) => Promise<UserStanding | undefined>;

const columns = (fallback: readonly UserRole[]) =>
  `CAST(u.id AS CHAR) AS id, u.role, u.display_name AS name, u.active, u.totp_enabled_at AS enrolledAt,
   ${mustEnrolSql(fallback)} AS mustEnrol`;
type Row = {
  id: string;
  role: UserRole;
  name: string;
  active: number;
  enrolledAt: Date | null;
  mustEnrol: number | string | null;
};
const standing = (row: Row): UserStanding => ({
  ...row,
  active: Boolean(row.active),
  enrolled: row.enrolledAt !== null,
  mustEnrol: Number(row.mustEnrol) === 1,
});

/**
 * One primary-key read per call (no ORM on this hot path). `twoFactorRoles`: the roles that must
 * enrol until an admin sets them (the API's setting).
 */
export function directUserLookup(
  dataSource: DataSource,
  twoFactorRoles: readonly UserRole[] = DEFAULT_TWO_FACTOR_ROLES,
): UserLookup {
  const select = `SELECT ${columns(twoFactorRoles)} FROM users u WHERE u.id = ?`;
  return async (id) => {
    const [row] = (await dataSource.query(select, [id])) as Row[];
    return row && standing(row);
  };
}

/**
 * The same read for an API process's concurrent requests: lookups that arrive while one is in
 * flight share one `WHERE id IN (…)` (InFlightBatcher, so never older than the request).
 */
export function batchedUserLookup(
  dataSource: DataSource,
  twoFactorRoles: readonly UserRole[] = DEFAULT_TWO_FACTOR_ROLES,
): UserLookup {
  const select = `SELECT ${columns(twoFactorRoles)} FROM users u WHERE u.id IN `;
  const batcher = new InFlightBatcher<string, UserStanding | undefined>(async (ids) => {
    const distinct = [...new Set(ids)];
    const rows = (await dataSource.query(
      `${select}(${distinct.map(() => '?').join(', ')})`,
      distinct,
    )) as Row[];
    const byId = new Map(rows.map((row) => [row.id, standing(row)]));
    return ids.map((id) => byId.get(id));
  });
  return (id) => batcher.load(id);
}
