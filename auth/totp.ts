import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Time-based one-time passwords (RFC 6238) over HOTP (RFC 4226), as authenticator apps compute them. */
export type TotpAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';

export interface TotpParameters {
  algorithm: TotpAlgorithm;
  digits: number;
  /** Seconds per step (X in RFC 6238). */
  period: number;
}

/** What every authenticator app supports: Recon's enrolments use these. */
export const DEFAULT_TOTP: TotpParameters = { algorithm: 'SHA1', digits: 6, period: 30 };

/** HOTP (RFC 4226 §5.3): HMAC of the 8-byte counter, dynamic truncation, the low `digits` decimal digits. */
export function hotp(secret: Buffer, counter: number, digits: number, algorithm: TotpAlgorithm): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm.toLowerCase(), secret).update(message).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The time step of a moment (seconds since the epoch), T = floor((t − T0) / X) with T0 = 0. */
export const timeStep = (unixSeconds: number, period = DEFAULT_TOTP.period) =>
  Math.floor(unixSeconds / period);

export function totp(secret: Buffer, unixSeconds: number, parameters: TotpParameters = DEFAULT_TOTP): string {
  return hotp(secret, timeStep(unixSeconds, parameters.period), parameters.digits, parameters.algorithm);
}

/**
 * The time step a code belongs to, within `window` steps either side of now (clock drift), or null.
 * Every candidate is compared in constant time. Callers refuse a step at or before the last one used
 * (a code works once).
 */
export function matchTotp(
  secret: Buffer,
  code: string,
  unixSeconds: number,
  window = 1,
  parameters: TotpParameters = DEFAULT_TOTP,
): number | null {
  const given = code.replace(/\s+/g, '');
  if (!new RegExp(`^\\d{${parameters.digits}}$`).test(given)) return null;
  const now = timeStep(unixSeconds, parameters.period);
  let found: number | null = null;
  for (let step = now - window; step <= now + window; step += 1) {
    if (step < 0) continue;
    const expected = Buffer.from(hotp(secret, step, parameters.digits, parameters.algorithm));
    if (timingSafeEqual(expected, Buffer.from(given)) && found === null) found = step;
  }
  return found;
}

/** 160 random bits, RFC 4226's recommended length. */
export const newTotpSecret = (): Buffer => randomBytes(20);

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding: how authenticator apps take secrets. */
export function base32Encode(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s=-]/g, '');
  if (!/^[A-Z2-7]*$/.test(clean)) throw new Error('not base32');
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of clean) {
    value = (value << 5) | BASE32.indexOf(char);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The enrolment link an authenticator app reads (from a QR code): Key Uri Format. */
export function otpauthUri(
  secret: Buffer,
  account: string,
  issuer = 'Recon',
  parameters = DEFAULT_TOTP,
): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const query = new URLSearchParams({
    secret: base32Encode(secret),
    issuer,
    algorithm: parameters.algorithm,
    digits: String(parameters.digits),
    period: String(parameters.period),
  });
  return `otpauth://totp/${label}?${query.toString()}`;
}
