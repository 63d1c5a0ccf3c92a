/**
 * Sums and differences of the API's exact decimal strings ("-1234.5600"), in integer arithmetic
 * (BigInt scaled by the longest fraction): the running sums of a clerk's selection never pass
 * through a float, so 0.1 + 0.2 is 0.30 here, and a thousand lines add up to the cent.
 */

interface Scaled {
  units: bigint;
  scale: number;
}

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;

/** An amount as a person types it in a form: signed, at most 4 decimals; the API checks the rest. */
export const AMOUNT_TEXT = /^-?\d{1,15}(\.\d{1,4})?$/;

function parse(value: string): Scaled {
  const match = DECIMAL.exec(value.trim());
  if (!match) throw new RangeError(`not a decimal amount: "${value}"`);
  const [, sign, whole, fraction = ''] = match;
  const units = BigInt(whole + fraction);
  return { units: sign === '-' ? -units : units, scale: fraction.length };
}

const rescale = (value: Scaled, scale: number) => value.units * 10n ** BigInt(scale - value.scale);

function print({ units, scale }: Scaled): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = scale > 0 ? `.${digits.slice(digits.length - scale)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** Σ values, exact; at least two decimals ("0.00" for none). */
export function sumDecimals(values: readonly string[]): string {
  const parsed = values.map(parse);
  const scale = Math.max(2, ...parsed.map((value) => value.scale));
  const units = parsed.reduce((total, value) => total + rescale(value, scale), 0n);
  return print({ units, scale });
}

/** a − b, exact. */
export function subtractDecimals(a: string, b: string): string {
  const [left, right] = [parse(a), parse(b)];
  const scale = Math.max(2, left.scale, right.scale);
  return print({ units: rescale(left, scale) - rescale(right, scale), scale });
}

export function isZeroDecimal(value: string): boolean {
  return parse(value).units === 0n;
}

/** The amount for an input box: at least two decimals, no grouping ("-15" → "-15.00"). */
export const plainAmount = (value: string): string => sumDecimals([value]);

/** The sign of a − b (-1, 0, 1), exact: "1000" and "1000.00" are equal. */
export function compareDecimals(a: string, b: string): -1 | 0 | 1 {
  const difference = parse(subtractDecimals(a, b)).units;
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}
