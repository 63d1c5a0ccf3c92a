import type { DataSource } from 'typeorm';
import { AuthError, AuthErrorCode } from '../auth/principal';
import { signChallenge, verifyChallenge } from '../auth/sign-in-challenge';
import { signUserToken } from '../auth/user-token';
import type { UserRole } from '../contract/enums';
import { User } from '../entities/user.entity';
import { twoFactorRequiredRoles } from './two-factor-policy';
import { totpSealKey, verifySecondFactor } from './two-factor.service';
import { checkCredentials, type LoginGuard } from './user.service';
import { invalidField, UserError, UserErrorCode } from './user-error';

/** What a right password leads to. */
export type PasswordStep =
  /** Signed in: the user has no two-factor sign-in and their role does not require it. */
  | { kind: 'signedIn'; user: User }
  /** The second factor is next: `completeSignIn` with the challenge and a code. */
  | { kind: 'secondFactor'; user: User; challenge: string; expiresAt: Date }
  /** The role requires two-factor sign-in and the user has none: a session that may only enrol. */
  | { kind: 'enrolmentOnly'; user: User };

export interface SignInSettings {
  tokenSecret: string;
  /** The roles that must enrol until an admin sets them (users/two-factor-policy.ts). */
  defaultTwoFactorRoles: readonly UserRole[];
}

export async function passwordStep(
  dataSource: DataSource,
  email: string,
  password: string,
  guard: LoginGuard,
  settings: SignInSettings,
  via: 'token' | 'session',
): Promise<PasswordStep> {
  const user = await checkCredentials(dataSource, email, password, guard, via);
  if (user.totpEnabledAt)
    return { kind: 'secondFactor', user, ...signChallenge(settings.tokenSecret, user.id) };
  const required = await twoFactorRequiredRoles(dataSource, settings.defaultTwoFactorRoles);
  return required.includes(user.role) ? { kind: 'enrolmentOnly', user } : { kind: 'signedIn', user };
}

/** A sign-in's second step: the challenge from the password step and a TOTP or recovery code. */
export async function secondFactorStep(
  dataSource: DataSource,
  challenge: string,
  code: string,
  guard: LoginGuard,
  settings: SignInSettings,
): Promise<User> {
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(challenge))
    throw invalidField('challenge', 'is not a sign-in challenge (signIn answers one)');
  const userId = verifyChallenge(settings.tokenSecret, challenge);
  if (!userId)
    throw new UserError(UserErrorCode.LOGIN_FAILED, 'the sign-in expired or was altered: sign in again');
  await verifySecondFactor(dataSource, totpSealKey(settings.tokenSecret), userId, code, guard, 'sign-in');
  const user = await dataSource.getRepository(User).findOneBy({ id: userId });
  if (!user || !user.active) throw new UserError(UserErrorCode.LOGIN_FAILED, 'invalid or used code');
  return user;
}

export interface LoginResult {
  token: string;
  expiresAt: Date;
  user: User;
}

/**
 * Email, password and (for a user with two-factor sign-in) a code to a signed user token: what
 * scripts use (`login`). A token whose code was checked carries when (`mfa`), for step-up. A user
 * whose role requires two-factor sign-in but who has none is sent to enrol in the web app.
 */
export async function login(
  dataSource: DataSource,
  settings: SignInSettings & { ttlSeconds: number },
  email: string,
  password: string,
  code: string | undefined,
  guard: LoginGuard,
): Promise<LoginResult> {
  const step = await passwordStep(dataSource, email, password, guard, settings, 'token');
  if (step.kind === 'enrolmentOnly')
    throw new AuthError(
      AuthErrorCode.TWO_FACTOR_ENROLMENT_REQUIRED,
      'your role requires two-factor sign-in: sign in to the web app once to enrol an authenticator',
    );
  const now = Math.floor(Date.now() / 1000);
  let mfa: number | undefined;
  if (step.kind === 'secondFactor') {
    if (!code)
      throw new UserError(
        UserErrorCode.LOGIN_FAILED,
        'two-factor sign-in is on: send the authenticator code as `code`',
      );
    await verifySecondFactor(
      dataSource,
      totpSealKey(settings.tokenSecret),
      step.user.id,
      code,
      guard,
      'sign-in',
    );
    mfa = now;
  }
  const exp = now + settings.ttlSeconds;
  const user = step.user;
  return {
    token: signUserToken(settings.tokenSecret, {
      sub: user.id,
      role: user.role,
      name: user.displayName,
      exp,
      ...(mfa ? { mfa } : {}),
    }),
    expiresAt: new Date(exp * 1000),
    user,
  };
}
