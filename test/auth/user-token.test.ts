import { signUserToken, verifyUserToken } from '../../auth/user-token';
import { UserRole } from '../../contract/enums';

const SECRET = 'user-token-test-secret-'.padEnd(40, 'x');
const OTHER = 'another-secret-entirely-'.padEnd(40, 'y');
const claims = { sub: '7', role: UserRole.CLERK, name: 'Clerk Seven', exp: 2_000_000_000 };

describe('user tokens (verified tokens are remembered; expiry and secret still checked every time)', () => {
  it('verifies a signed token, the second time from memory with the same answer', () => {
    const token = signUserToken(SECRET, claims);
    const first = verifyUserToken(SECRET, token, 1_900_000_000);
    expect(first).toEqual(claims);
    expect(verifyUserToken(SECRET, token, 1_900_000_000)).toBe(first);
    // The claims handed out cannot be changed for the next caller.
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('refuses a remembered token once it has expired', () => {
    const token = signUserToken(SECRET, { ...claims, exp: 1_900_000_100 });
    expect(verifyUserToken(SECRET, token, 1_900_000_000)).not.toBeNull();
    expect(verifyUserToken(SECRET, token, 1_900_000_101)).toBeNull();
    expect(verifyUserToken(SECRET, token, 1_900_000_000)).not.toBeNull();
  });

  it('refuses a remembered token under another secret (a rotated one)', () => {
    const token = signUserToken(SECRET, claims);
    expect(verifyUserToken(SECRET, token, 1_900_000_000)).not.toBeNull();
    expect(verifyUserToken(OTHER, token, 1_900_000_000)).toBeNull();
    expect(verifyUserToken(SECRET, token, 1_900_000_000)).not.toBeNull();
  });

  it('refuses tampered, malformed and foreign tokens, and does not remember them', () => {
    const token = signUserToken(SECRET, claims);
    const [body, signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...claims, role: UserRole.ADMIN })).toString('base64url');
    for (const bad of [`${forged}.${signature}`, `${body}.${signature}x`, `${body}`, `${token}.x`, '']) {
      expect(verifyUserToken(SECRET, bad, 1_900_000_000)).toBeNull();
      expect(verifyUserToken(SECRET, bad, 1_900_000_000)).toBeNull();
    }
    expect(verifyUserToken(OTHER, signUserToken(OTHER, claims), 1_900_000_000)).toEqual(claims);
  });
});
