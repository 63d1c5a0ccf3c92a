import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The ticket between a sign-in's two steps: the password was right, the second factor is still to
 * come. HMAC-signed under AUTH_TOKEN_SECRET in a domain of its own ("second-factor."), so it is
 * never a user token, and good for a few minutes. It grants nothing but `completeSignIn`.
 */
export const CHALLENGE_SECONDS = 5 * 60;

interface Claims {
  sub: string;
  exp: number;
}

const sign = (secret: string, body: string) =>
  createHmac('sha256', secret).update(`second-factor.${body}`).digest('base64url');

export function signChallenge(secret: string, userId: string, nowSeconds = Date.now() / 1000) {
  const exp = Math.floor(nowSeconds) + CHALLENGE_SECONDS;
  const body = Buffer.from(JSON.stringify({ sub: userId, exp } satisfies Claims)).toString('base64url');
  return { challenge: `${body}.${sign(secret, body)}`, expiresAt: new Date(exp * 1000) };
}

/** The user the challenge was given to, or null (forged, altered, expired). */
export function verifyChallenge(
  secret: string,
  challenge: string,
  nowSeconds = Date.now() / 1000,
): string | null {
  const [body, signature, extra] = challenge.split('.');
  if (!body || !signature || extra !== undefined) return null;
  const expected = Buffer.from(sign(secret, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Claims;
    return typeof claims.sub === 'string' && typeof claims.exp === 'number' && claims.exp >= nowSeconds
      ? claims.sub
      : null;
  } catch {
    return null;
  }
}
