import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { CustomerLinkError, CustomerLinkErrorCode, signCustomerLink } from './customer-link';
import { verifyStoredCustomerLink } from './customer-link-store';

/** Lower-case letters and digits without 0/o, 1/l/i: read aloud or typed from paper without doubt. */
const ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';
/** 12 characters of 31: about 59 bits, far beyond guessing at the lookups' rate limit. */
export const SHORT_CODE_LENGTH = 12;
const SHORT_CODE = /^[2-9a-hjkmnp-z]{10,32}$/;

/** A fresh random code for a round's short link (`/c/<code>`); only its hash is stored. */
export function newShortCode(): string {
  let code = '';
  while (code.length < SHORT_CODE_LENGTH) {
    for (const byte of randomBytes(SHORT_CODE_LENGTH * 2)) {
      // 248 = 8 × 31: bytes above it are dropped so every character is equally likely.
      if (byte < 248 && code.length < SHORT_CODE_LENGTH) code += ALPHABET[byte % ALPHABET.length];
    }
  }
  return code;
}

export const hashShortCode = (code: string) =>
  createHash('sha256').update(`short-link\n${code}`).digest('hex');

export const shortLinkUrl = (publicUrl: string, code: string) => `${publicUrl.replace(/\/+$/, '')}/c/${code}`;

/**
 * The round's own link (its token) that a short code stands for. The short link is no credential of
 * its own: it rebuilds exactly the signed link that was sent (same claims, same expiry) and that link
 * then passes the same checks as when it is used directly (signature, expiry, the stored hash of the
 * period's latest round), so a short link is expired or revoked exactly when its long one is.
 * An unknown or malformed code is LINK_MALFORMED.
 */
export async function resolveShortCode(
  dataSource: DataSource,
  secret: string,
  code: string,
  nowSeconds = Date.now() / 1000,
): Promise<string> {
  if (!SHORT_CODE.test(code)) throw new CustomerLinkError(CustomerLinkErrorCode.MALFORMED);
  const [row] = (await dataSource.query(
    `SELECT CAST(c.period_id AS CHAR) AS periodId, c.round, c.link_expires_at AS expiresAt, cu.code AS customerCode
       FROM customer_confirmations c
       JOIN reconciliation_periods p ON p.id = c.period_id
       JOIN customers cu ON cu.id = p.customer_id
      WHERE c.short_code_hash = ?`,
    [hashShortCode(code)],
  )) as Array<{ periodId: string; round: number; expiresAt: Date | null; customerCode: string }>;
  if (!row?.expiresAt) throw new CustomerLinkError(CustomerLinkErrorCode.MALFORMED);
  const token = signCustomerLink(secret, {
    periodId: row.periodId,
    customerCode: row.customerCode,
    round: Number(row.round),
    exp: Math.round(row.expiresAt.getTime() / 1000),
  });
  await verifyStoredCustomerLink(dataSource, secret, token, nowSeconds);
  return token;
}
