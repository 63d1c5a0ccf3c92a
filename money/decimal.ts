import DecimalJs from 'decimal.js';

/**
 * The one Decimal type for money in Recon. A private clone so that no other
 * library's global Decimal configuration can change our precision.
 * 40 significant digits: DECIMAL(20,4) values and sums of millions of them
 * stay exact (a DECIMAL(20,4) has at most 20 significant digits).
 */
export const Money = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_EVEN });
export type Money = InstanceType<typeof Money>;

/** Scale of stored amounts: DECIMAL(20,4). */
export const MONEY_SCALE = 4;
export const MONEY_PRECISION = 20;

const MONEY_PATTERN = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

export class InvalidAmountError extends Error {
  readonly code = 'INVALID_AMOUNT';
  constructor(readonly raw: unknown) {
    super(`not a decimal amount: ${JSON.stringify(raw)}`);
  }
}

/** Parse a plain decimal string ("-1234.56"). Refuses JS numbers: they may already have lost precision. */
export function money(value: string | Money): Money {
  if (value instanceof Money) return value;
  if (typeof value !== 'string') throw new InvalidAmountError(value);
  const trimmed = value.trim();
  if (!MONEY_PATTERN.test(trimmed)) throw new InvalidAmountError(value);
  const parsed = new Money(trimmed);
  if (parsed.decimalPlaces() > MONEY_SCALE) throw new InvalidAmountError(value);
  return parsed;
}

/** Canonical text with exactly two to four decimals, as stored and compared: "12.5" -> "12.50". */
export function formatMoney(value: Money, decimals = 2): string {
  const places = Math.max(decimals, Math.min(value.decimalPlaces(), MONEY_SCALE));
  return value.toFixed(places);
}

export function sumMoney(values: Iterable<Money>): Money {
  let total = new Money(0);
  for (const value of values) total = total.plus(value);
  return total;
}

export const ZERO = new Money(0);
