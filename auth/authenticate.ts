import type { DataSource } from 'typeorm';
import { CustomerLinkError } from './customer-link';
import { verifyStoredCustomerLink } from './customer-link-store';
import { verifyApiKey, type ApiKeyRecords } from './api-keys';
import { AuthError, AuthErrorCode, type Principal } from './principal';
import { directUserLookup, type UserLookup } from './user-lookup';
import { verifyUserToken } from './user-token';

export interface AuthSecrets {
  tokenSecret: string;
  linkSecret: string;
  /** Lifetime of the tokens `login` signs (default 8 hours). */
  tokenTtlSeconds?: number;
}

/**
 * Turns an Authorization header into a principal:
 *   "Bearer rk_…"        an integrator's API key,
 *   "Bearer <token>"     a staff user's signed token,
 *   "Customer <token>"   a customer's confirmation link token (checked against its stored hash).
 * No header: anonymous (only health answers). A header that does not verify is refused outright.
 */
export async function authenticate(
  dataSource: DataSource,
  secrets: AuthSecrets,
  header: string | undefined,
  users: UserLookup = directUserLookup(dataSource),
  apiKeys?: ApiKeyRecords,
): Promise<Principal | null> {
  if (!header) return null;
  const [scheme, credential] = header.trim().split(/\s+/, 2);
  // Schemes are case-insensitive (RFC 9110 §11.1): `bearer` and `BEARER` are Bearer.
  const kind = scheme.toLowerCase();
  if (!credential) throw new AuthError(AuthErrorCode.UNAUTHENTICATED, 'malformed Authorization header');
  if (kind === 'customer') {
    try {
      const link = await verifyStoredCustomerLink(dataSource, secrets.linkSecret, credential);
      return {
        kind: 'customer',
        customerCode: link.claims.customerCode,
        periodId: link.claims.periodId,
        round: link.claims.round,
        confirmationId: link.confirmationId,
      };
    } catch (error) {
      if (!(error instanceof CustomerLinkError)) throw error;
      // The reason (expired, revoked, forged) lets the customer's page say what to do next.
      throw new AuthError(AuthErrorCode.UNAUTHENTICATED, error.message, [
        { index: -1, field: 'link', reason: error.code },
      ]);
    }
  }
  if (kind !== 'bearer') throw new AuthError(AuthErrorCode.UNAUTHENTICATED, `unsupported scheme ${scheme}`);
  if (credential.startsWith('rk_')) {
    const key = await verifyApiKey(dataSource, credential, apiKeys);
    if (!key) throw new AuthError(AuthErrorCode.UNAUTHENTICATED, 'unknown or revoked API key');
    return { kind: 'apiKey', apiKeyId: key.id, scopes: key.scopes, name: key.name };
  }
  const claims = verifyUserToken(secrets.tokenSecret, credential);
  if (!claims) throw new AuthError(AuthErrorCode.UNAUTHENTICATED, 'invalid or expired token');
  // Every request checks the user is still active and reads the role the database holds now
  // (the token's claim may be stale).
  const user = await users(claims.sub);
  if (!user || !user.active) throw new AuthError(AuthErrorCode.UNAUTHENTICATED, 'user inactive');
  if (typeof claims.mfa === 'number' && !provedUnderCurrentEnrolment(claims.mfa, user.enrolledAt))
    throw new AuthError(
      AuthErrorCode.UNAUTHENTICATED,
      'two-factor sign-in was reset since this token was issued: sign in again',
    );
  const secondFactor = {
    enrolled: user.enrolled,
    verifiedAt: typeof claims.mfa === 'number' ? claims.mfa * 1000 : null,
    // The role requires a second factor the user has not enrolled (an admin added the role since
    // this token was signed): it may only enrol, as a sign-in now would (#17 probe).
    enrolmentOnly: user.mustEnrol,
  };
  return { kind: 'user', userId: user.id, role: user.role, name: user.name, secondFactor };
}

/**
 * A token that proved a second factor speaks for the enrolment it was proved under. An admin's
 * reset (a lost phone, or an attacker's own reset with a stolen token) ends sessions on the server;
 * stateless tokens end here: one proved before the current enrolment began, or while there is none,
 * is refused. Otherwise the token of a reset user would pass every step-up (a user without two-factor
 * sign-in has nothing to step up) and could enrol an authenticator of its holder's choosing.
 */
function provedUnderCurrentEnrolment(mfaSeconds: number, enrolledAt: Date | null): boolean {
  return enrolledAt !== null && mfaSeconds >= Math.floor(enrolledAt.getTime() / 1000);
}
