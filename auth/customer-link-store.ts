import { timingSafeEqual } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  CustomerLinkError,
  CustomerLinkErrorCode,
  hashToken,
  verifyCustomerLink,
  type CustomerLinkClaims,
} from './customer-link';
import { isCanonicalId } from '../contract/ids';

/** A link that verified against its stored hash: the round it answers and whether it was answered. */
export interface StoredCustomerLink {
  claims: CustomerLinkClaims;
  confirmationId: string;
  /** SENT while the round waits for the customer; CONFIRMED or DISPUTED once the link was used. */
  status: string;
}

/**
 * A customer's link is valid only if it is signed, unexpired, and exactly the link stored (as a hash)
 * for the period's latest round when its statement was sent. Links are made only by sending a
 * statement (activities/send-statement.ts); a newer round revokes every older link.
 */
export async function verifyStoredCustomerLink(
  dataSource: DataSource,
  secret: string,
  token: string,
  nowSeconds = Date.now() / 1000,
): Promise<StoredCustomerLink> {
  const claims = verifyCustomerLink(secret, token, nowSeconds);
  if (!isCanonicalId(claims.periodId)) throw new CustomerLinkError(CustomerLinkErrorCode.MALFORMED);
  const [latest] = (await dataSource.query(
    `SELECT CAST(id AS CHAR) AS id, round, status, link_token_hash AS hash
       FROM customer_confirmations WHERE period_id = ? ORDER BY round DESC LIMIT 1`,
    [claims.periodId],
  )) as Array<{ id: string; round: number; status: string; hash: string | null }>;
  if (!latest || latest.round !== claims.round || !latest.hash || !sameHash(latest.hash, hashToken(token)))
    throw new CustomerLinkError(CustomerLinkErrorCode.REVOKED);
  return { claims, confirmationId: latest.id, status: latest.status };
}

const sameHash = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
