import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { appendAudit } from '../audit/audit-log';
import { auditFields, type Actor } from '../contract/actor';
import { InFlightBatcher } from '../db/in-flight-batcher';
import type { UserRole } from '../contract/enums';
import type { SecondFactorState } from './principal';
import { UserSession } from '../entities/user-session.entity';
import { DEFAULT_TWO_FACTOR_ROLES, mustEnrolSql } from './two-factor-roles';

/**
 * Cookie sessions for people in a browser. The cookie holds 256 random bits (base64url); the
 * database holds only their SHA-256 (a fast hash is enough for 256-bit random ids) with the user
 * and an expiry. Page scripts never see the id (http-only cookie); signing out deletes the row, so
 * a copied cookie dies with it.
 */
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

const hashId = (id: string) => createHash('sha256').update(id).digest('hex');

export interface StartedSession {
  /** The value of the cookie: shown to nobody but the browser. */
  id: string;
  expiresAt: Date;
}

/** What the new session proved beyond the password. */
export interface SessionFactors {
  /** The second factor was checked as it started. */
  secondFactor?: boolean;
  /** It may only enrol two-factor sign-in (the role requires it, the user has none). */
  enrolmentOnly?: boolean;
}

export async function startSession(
  dataSource: DataSource,
  userId: string,
  ttlSeconds: number,
  factors: SessionFactors = {},
): Promise<StartedSession> {
  const id = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
  await dataSource.getRepository(UserSession).insert({
    idHash: hashId(id),
    userId,
    expiresAt,
    secondFactorAt: factors.secondFactor ? new Date() : null,
    enrolmentOnly: factors.enrolmentOnly ?? false,
  });
  // Expired sessions of this user go as a new one starts: the table stays the size of who is signed in.
  await dataSource.query('DELETE FROM user_sessions WHERE user_id = ? AND expires_at <= ?', [
    userId,
    new Date(),
  ]);
  return { id, expiresAt };
}

/**
 * Deletes the session (sign-out); `signedOut` names the user who signs out, audited in the same
 * transaction as the deletion. Unknown or malformed ids are nothing to delete.
 */
export async function endSession(
  dataSource: DataSource,
  id: string,
  signedOut?: { actor: Actor; userId: string },
): Promise<void> {
  if (!SESSION_ID.test(id)) return;
  await dataSource.transaction(async (manager) => {
    await manager.getRepository(UserSession).delete({ idHash: hashId(id) });
    if (signedOut)
      await appendAudit(manager, {
        ...auditFields(signedOut.actor),
        action: 'user.signed_out',
        entityType: 'user',
        entityId: signedOut.userId,
      });
  });
}

/** The session proved the second factor just now (sign-in's second step, step-up, enrolment): it may do everything. */
export async function markSecondFactor(dataSource: DataSource, id: string): Promise<void> {
  if (!SESSION_ID.test(id)) return;
  await dataSource.query(
    'UPDATE user_sessions SET second_factor_at = ?, enrolment_only = 0 WHERE id_hash = ?',
    [new Date(), hashId(id)],
  );
}

/** The signed-in user behind a live session, as every request checks it (active, current role). */
export interface SessionUser {
  userId: string;
  role: UserRole;
  name: string;
  active: boolean;
  secondFactor: SecondFactorState;
}

export type SessionLookup = (id: string) => Promise<SessionUser | undefined>;

type Row = {
  id_hash: string;
  user_id: string;
  role: UserRole;
  name: string;
  active: number;
  enrolled: number;
  second_factor_at: Date | null;
  enrolment_only: number;
  must_enrol: number | string | null;
};

/**
 * Session id → user, for the requests of one API process: lookups that arrive while one is in
 * flight share one statement (InFlightBatcher: never older than the request). Expired sessions
 * and malformed ids find nothing.
 */
export function sessionLookup(
  dataSource: DataSource,
  twoFactorRoles: readonly UserRole[] = DEFAULT_TWO_FACTOR_ROLES,
): SessionLookup {
  const mustEnrol = mustEnrolSql(twoFactorRoles);
  const batcher = new InFlightBatcher<string, SessionUser | undefined>(async (hashes) => {
    const distinct = [...new Set(hashes)];
    const rows = (await dataSource.query(
      `SELECT s.id_hash, CAST(u.id AS CHAR) AS user_id, u.role, u.display_name AS name, u.active,
              u.totp_enabled_at IS NOT NULL AS enrolled, s.second_factor_at, s.enrolment_only,
              ${mustEnrol} AS must_enrol
         FROM user_sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id_hash IN (${distinct.map(() => '?').join(', ')}) AND s.expires_at > ?`,
      [...distinct, new Date()],
    )) as Row[];
    const byHash = new Map(
      rows.map((row) => [
        row.id_hash,
        {
          userId: row.user_id,
          role: row.role,
          name: row.name,
          active: Boolean(row.active),
          secondFactor: {
            enrolled: Boolean(row.enrolled),
            verifiedAt: row.second_factor_at?.getTime() ?? null,
            // Enrolled since (another session enrolled): nothing is left to enrol. A role that an
            // admin made require a second factor since the sign-in holds the session to enrolment too.
            enrolmentOnly: (Boolean(row.enrolment_only) || Number(row.must_enrol) === 1) && !row.enrolled,
          },
        },
      ]),
    );
    return hashes.map((hash) => byHash.get(hash));
  });
  return async (id) => (SESSION_ID.test(id) ? batcher.load(hashId(id)) : undefined);
}
