import DecimalJs from 'decimal.js';
import { AmountError, isPlainDecimal } from '../formats/amount';

export { AmountError };

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

/**
 * A plain decimal string ("-1234.56", at most 4 decimals) as a Decimal, read by the one amount module
 * (formats/amount.ts); throws AmountError. Refuses JS numbers: they may already have lost precision.
 */
export function money(value: string | Money): Money {
  if (value instanceof Money) return value;
  if (!isPlainDecimal(value)) throw new AmountError(value);
  return new Money(value.trim());
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
