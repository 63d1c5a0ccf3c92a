// Amounts as exact integers of 1/10,000 (DECIMAL(20,4)) in BigInt: exact, and fast to add and compare.

export const SCALE = 10_000n;
const PATTERN = /^([+-]?)(\d*)(?:\.(\d{0,4}))?$/;

export class AmountFormatError extends Error {
  readonly code = 'INVALID_AMOUNT';
  constructor(readonly raw: string) {
    super(`not a decimal amount with at most 4 decimals: ${JSON.stringify(raw)}`);
  }
}

export function toUnits(text: string): bigint {
  // Fast path for the common "-1234.56" form; anything else goes through the full pattern.
  const dot = text.indexOf('.');
  if (dot > 0 && text.length - dot - 1 <= 4 && /^-?\d+\.\d+$/.test(text)) {
    return BigInt(text.slice(0, dot) + text.slice(dot + 1).padEnd(4, '0')); // "-12.5" → -125000
  }
  if (dot === -1 && /^-?\d+$/.test(text)) return BigInt(text) * SCALE;
  const match = PATTERN.exec(text.trim());
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) throw new AmountFormatError(text);
  const units = BigInt(match[2] || '0') * SCALE + BigInt((match[3] ?? '').padEnd(4, '0') || '0');
  return match[1] === '-' ? -units : units;
}

/** Shortest exact text: "-1200.5", "15", "0.0001". */
export function fromUnits(units: bigint): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const whole = abs / SCALE;
  const fraction = (abs % SCALE).toString().padStart(4, '0').replace(/0+$/, '');
  return `${negative && abs !== 0n ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

export const absUnits = (units: bigint) => (units < 0n ? -units : units);

/** Days since 1970-01-01 for a YYYY-MM-DD date (UTC), for date-window arithmetic. */
export function dayNumber(date: string): number {
  return Math.floor(
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000,
  );
}
