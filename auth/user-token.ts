import { createHmac, timingSafeEqual } from 'node:crypto';
import { ForgetfulMap } from '../common/forgetful-map';
import type { UserRole } from '../contract/enums';

export interface UserTokenClaims {
  sub: string;
  role: UserRole;
  name: string;
  exp: number;
  /** When the second factor was proved for this token (unix seconds); absent: never. */
  mfa?: number;
}

const sign = (secret: string, body: string) =>
  createHmac('sha256', secret).update(`user.${body}`).digest('base64url');

/** A compact signed token (HMAC-SHA256) for staff users; the "user." domain keeps it apart from customer links. */
export function signUserToken(secret: string, claims: UserTokenClaims): string {
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${body}.${sign(secret, body)}`;
}

// Tokens verified lately (a signed token is good for hours, and is sent with every request). Only
// tokens whose signature verified are kept, with the secret they verified under; expiry is checked
// at every use.
const verified = new ForgetfulMap<string, { secret: string; claims: Readonly<UserTokenClaims> }>(10_000);

export function verifyUserToken(
  secret: string,
  token: string,
  nowSeconds = Date.now() / 1000,
): UserTokenClaims | null {
  const known = verified.get(token);
  let claims = known?.secret === secret ? known.claims : null;
  if (!claims) {
    claims = verifySignature(secret, token);
    if (!claims) return null;
    verified.set(token, { secret, claims });
  }
  return claims.exp >= nowSeconds ? claims : null;
}

/** The token's claims if its signature is good and they are well-formed (expiry aside). */
function verifySignature(secret: string, token: string): Readonly<UserTokenClaims> | null {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return null;
  const expected = Buffer.from(sign(secret, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as UserTokenClaims;
    return typeof claims.exp === 'number' ? Object.freeze(claims) : null;
  } catch {
    return null;
  }
}
