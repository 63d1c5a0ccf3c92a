import { createHash, randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { appendAudit } from '../audit/audit-log';
import { deriveKey, open, seal } from '../auth/secret-box';
import { base32Encode, matchTotp, newTotpSecret, otpauthUri } from '../auth/totp';
import { auditFields, type Actor } from '../contract/actor';
import { ActorType } from '../contract/enums';
import { User } from '../entities/user.entity';
import { UserRecoveryCode } from '../entities/user-recovery-code.entity';
import type { LoginGuard } from './user.service';
import { invalidField, UserError, UserErrorCode } from './user-error';

/**
 * Two-factor sign-in for staff (TOTP, RFC 6238): enrolment, the second step of a sign-in, step-up,
 * recovery codes and an admin's reset. The seed is stored sealed (auth/secret-box.ts) under a key
 * derived from AUTH_TOKEN_SECRET; recovery codes only as hashes. Every step is audited.
 */
export const totpSealKey = (tokenSecret: string): Buffer => deriveKey(tokenSecret, 'totp-seed');

/** How many recovery codes an enrolment gives out (each works once). */
export const RECOVERY_CODE_COUNT = 10;

export interface TotpEnrolment {
  /** The seed in base32, for typing into an authenticator by hand. */
  secret: string;
  /** The `otpauth://` link an authenticator reads from a QR code. */
  otpauthUri: string;
}

type SecretRow = { totp_secret: string | null; totp_enabled_at: Date | null; email: string };

async function secretRow(manager: EntityManager, userId: string, lock = false): Promise<SecretRow> {
  const [row] = (await manager.query(
    `SELECT totp_secret, totp_enabled_at, email FROM users WHERE id = ?${lock ? ' FOR UPDATE' : ''}`,
    [userId],
  )) as SecretRow[];
  if (!row) throw new UserError(UserErrorCode.NOT_FOUND, `no user ${userId}`);
  return row;
}

/** Starts (or restarts) an enrolment: a fresh seed, not in force until confirmed with a code. */
export async function beginTotpEnrolment(
  dataSource: DataSource,
  sealKey: Buffer,
  userId: string,
): Promise<TotpEnrolment> {
  return dataSource.transaction(async (manager) => {
    const row = await secretRow(manager, userId, true);
    if (row.totp_enabled_at)
      throw new UserError(
        UserErrorCode.WRONG_STATE,
        'two-factor sign-in is on already; an admin can reset it to enrol again',
      );
    const secret = newTotpSecret();
    await manager.query('UPDATE users SET totp_secret = ?, totp_last_step = NULL WHERE id = ?', [
      seal(sealKey, secret),
      userId,
    ]);
    return { secret: base32Encode(secret), otpauthUri: otpauthUri(secret, row.email) };
  });
}

/** 80 random bits as 16 base32 characters in four groups (XXXX-XXXX-XXXX-XXXX). */
const newRecoveryCode = () => base32Encode(randomBytes(10)).match(/.{4}/g)!.join('-');
const recoveryHash = (code: string) =>
  createHash('sha256').update(code.toUpperCase().replace(/[\s-]/g, '')).digest('hex');

/**
 * Confirms an enrolment with a code from the authenticator: two-factor sign-in is on from now, and
 * the recovery codes (returned once, stored hashed) replace any earlier ones.
 */
export async function confirmTotpEnrolment(
  dataSource: DataSource,
  sealKey: Buffer,
  userId: string,
  code: string,
  actor: Actor,
): Promise<string[]> {
  return dataSource.transaction(async (manager) => {
    const row = await secretRow(manager, userId, true);
    if (row.totp_enabled_at)
      throw new UserError(UserErrorCode.WRONG_STATE, 'two-factor sign-in is on already');
    const secret = row.totp_secret ? open(sealKey, row.totp_secret) : null;
    if (!secret)
      throw new UserError(
        UserErrorCode.WRONG_STATE,
        'no enrolment has begun (or it was sealed under another key)',
      );
    const step = matchTotp(secret, code, Date.now() / 1000);
    if (step === null) throw invalidField('code', 'is not the code the authenticator shows now');
    await manager.query('UPDATE users SET totp_enabled_at = ?, totp_last_step = ? WHERE id = ?', [
      new Date(),
      step,
      userId,
    ]);
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    await manager.delete(UserRecoveryCode, { userId });
    await manager.insert(
      UserRecoveryCode,
      codes.map((recovery) => ({ userId, codeHash: recoveryHash(recovery) })),
    );
    await appendAudit(manager, {
      ...auditFields(actor),
      action: 'user.two_factor_enrolled',
      entityType: 'user',
      entityId: userId,
      after: { recoveryCodes: codes.length },
    });
    return codes;
  });
}

/**
 * Turns two-factor sign-in on with a seed the caller gives instead of one drawn here: for the demo
 * (whose printed seeds a reviewer adds to an authenticator app) and for test drivers that compute
 * the codes. No recovery codes; audited as an enrolment like any other. Refused when it is on already.
 */
export async function enrolKnownSecret(
  dataSource: DataSource,
  sealKey: Buffer,
  userId: string,
  secret: Buffer,
  actor: Actor,
): Promise<void> {
  await dataSource.transaction(async (manager) => {
    const row = await secretRow(manager, userId, true);
    if (row.totp_enabled_at)
      throw new UserError(UserErrorCode.WRONG_STATE, 'two-factor sign-in is on already');
    await manager.query(
      'UPDATE users SET totp_secret = ?, totp_enabled_at = ?, totp_last_step = NULL WHERE id = ?',
      [seal(sealKey, secret), new Date(), userId],
    );
    await manager.delete(UserRecoveryCode, { userId });
    await appendAudit(manager, {
      ...auditFields(actor),
      action: 'user.two_factor_enrolled',
      entityType: 'user',
      entityId: userId,
      after: { recoveryCodes: 0, seed: 'given' },
    });
  });
}

export type SecondFactorMethod = 'totp' | 'recovery';

/**
 * Checks a second factor: a TOTP code (each time step accepted once) or an unused recovery code
 * (spent by this check). Guesses count under the login throttle; every outcome is audited. One
 * generic refusal (LOGIN_FAILED) for a wrong code, a used one, or a user without two-factor sign-in.
 */
export async function verifySecondFactor(
  dataSource: DataSource,
  sealKey: Buffer,
  userId: string,
  code: string,
  guard: LoginGuard,
  purpose: 'sign-in' | 'step-up',
): Promise<SecondFactorMethod> {
  const refused = new UserError(UserErrorCode.LOGIN_FAILED, 'invalid or used code');
  const attempt = await guard.throttle.attempt(`second-factor:${userId}`, guard.address);
  if (!attempt.allowed) throw refused;
  const method = await check(dataSource, sealKey, userId, code.slice(0, 64));
  const who = { actorType: ActorType.USER, actorId: `user:${userId}`, entityType: 'user', entityId: userId };
  if (!method) {
    await appendAudit(dataSource.manager, {
      ...who,
      action: 'user.second_factor_failed',
      after: { purpose, address: guard.address },
    });
    throw refused;
  }
  await attempt.succeeded();
  await appendAudit(dataSource.manager, {
    ...who,
    action: 'user.second_factor_verified',
    after: { purpose, method },
  });
  return method;
}

async function check(
  dataSource: DataSource,
  sealKey: Buffer,
  userId: string,
  code: string,
): Promise<SecondFactorMethod | null> {
  const row = await secretRow(dataSource.manager, userId).catch(() => null);
  if (!row?.totp_enabled_at || !row.totp_secret) return null;
  const given = code.replace(/\s+/g, '');
  if (/^\d+$/.test(given)) {
    const secret = open(sealKey, row.totp_secret);
    const step = secret ? matchTotp(secret, given, Date.now() / 1000) : null;
    if (step === null) return null;
    // Spends the step: of two requests with the same code, one wins.
    const result = (await dataSource.query(
      `UPDATE users SET totp_last_step = ? WHERE id = ? AND (totp_last_step IS NULL OR totp_last_step < ?)`,
      [step, userId, step],
    )) as { affectedRows: number };
    return result.affectedRows === 1 ? 'totp' : null;
  }
  const spent = (await dataSource.query(
    'UPDATE user_recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL',
    [new Date(), userId, recoveryHash(given)],
  )) as { affectedRows: number };
  return spent.affectedRows === 1 ? 'recovery' : null;
}

/** An admin turns a user's two-factor sign-in off (a lost phone): the user enrols again; their sessions end. */
export async function resetTwoFactor(dataSource: DataSource, userId: string, actor: Actor): Promise<User> {
  return dataSource.transaction(async (manager) => {
    const row = await secretRow(manager, userId, true);
    await manager.query(
      'UPDATE users SET totp_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL WHERE id = ?',
      [userId],
    );
    await manager.delete(UserRecoveryCode, { userId });
    await manager.query('DELETE FROM user_sessions WHERE user_id = ?', [userId]);
    await appendAudit(manager, {
      ...auditFields(actor),
      action: 'user.two_factor_reset',
      entityType: 'user',
      entityId: userId,
      before: { enrolled: Boolean(row.totp_enabled_at) },
      after: { enrolled: false },
    });
    return manager.getRepository(User).findOneByOrFail({ id: userId });
  });
}
