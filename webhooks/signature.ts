import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'recon-signature';
export const TIMESTAMP_HEADER = 'recon-timestamp';

/**
 * `v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`: the timestamp is signed with the body so a
 * captured request cannot be replayed later with a fresh timestamp.
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** For receivers (and tests): the signature matches and the timestamp is recent. */
export function verifyWebhook(
  secret: string,
  headers: { signature: string | undefined; timestamp: string | undefined },
  body: string,
  toleranceSeconds = 300,
  nowSeconds = Date.now() / 1000,
): boolean {
  const timestamp = Number(headers.timestamp);
  if (!headers.signature || !Number.isInteger(timestamp)) return false;
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
