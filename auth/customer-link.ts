import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** What a customer's confirmation link grants: one customer's one period, until it expires. */
export interface CustomerLinkClaims {
  periodId: string;
  customerCode: string;
  round: number;
  /** Seconds since the epoch. */
  exp: number;
}

export enum CustomerLinkErrorCode {
  MALFORMED = 'LINK_MALFORMED',
  BAD_SIGNATURE = 'LINK_BAD_SIGNATURE',
  EXPIRED = 'LINK_EXPIRED',
  /** Signed by us, but not the link of the period's current round (re-sent, or never stored). */
  REVOKED = 'LINK_REVOKED',
}

export class CustomerLinkError extends Error {
  constructor(readonly code: CustomerLinkErrorCode) {
    super(`customer link refused: ${code}`);
    this.name = 'CustomerLinkError';
  }
}

const sign = (secret: string, body: string) => createHmac('sha256', secret).update(body).digest('base64url');

export function signCustomerLink(secret: string, claims: CustomerLinkClaims): string {
  // Always in this order: the same claims make the same token (a short link rebuilds its round's link).
  const { periodId, customerCode, round, exp } = claims;
  const body = Buffer.from(JSON.stringify({ periodId, customerCode, round, exp })).toString('base64url');
  return `${body}.${sign(secret, body)}`;
}

export function verifyCustomerLink(
  secret: string,
  token: string,
  nowSeconds = Date.now() / 1000,
): CustomerLinkClaims {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined)
    throw new CustomerLinkError(CustomerLinkErrorCode.MALFORMED);
  const expected = Buffer.from(sign(secret, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new CustomerLinkError(CustomerLinkErrorCode.BAD_SIGNATURE);
  }
  let claims: CustomerLinkClaims;
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as CustomerLinkClaims;
  } catch {
    throw new CustomerLinkError(CustomerLinkErrorCode.MALFORMED);
  }
  if (typeof claims.exp !== 'number' || claims.exp < nowSeconds)
    throw new CustomerLinkError(CustomerLinkErrorCode.EXPIRED);
  return claims;
}

/** Stored instead of the token, so a database reader cannot forge the customer's answer. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
