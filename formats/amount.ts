// The one module that reads and writes amounts. Three representations, one concept each:
// - canonical decimal text ("-1234.5"): what files, the API and the database exchange;
// - units, a BigInt count of 1/10,000 (DECIMAL(20,4)): exact sums and comparisons (matching, imports);
// - money/decimal.ts's Decimal for arithmetic beyond sums (it reads text through `isPlainDecimal`).
// Nothing here is ever a float.
import { fail, FormatErrorCode, ok, type Parsed } from './errors';

/** DECIMAL(20,4): at most 16 integer digits and 4 decimals. */
export const MAX_INTEGER_DIGITS = 16;
export const MAX_DECIMALS = 4;
export const SCALE = 10_000n;

/** An amount that is not one: `code` says why (INVALID_AMOUNT, AMOUNT_TOO_PRECISE, AMOUNT_OUT_OF_RANGE, MISSING_VALUE). */
export class AmountError extends Error {
  override readonly name = 'AmountError';
  constructor(
    readonly raw: unknown,
    readonly code: FormatErrorCode = FormatErrorCode.INVALID_AMOUNT,
    reason = `not a decimal amount: ${JSON.stringify(raw)}`,
  ) {
    super(reason);
  }
}

// ——— Amounts as people write them ————————————————————————————————————————————————

const PLAIN = /^-?\d{1,16}(?:\.\d{1,4})?$/;
// The common ASCII spellings, tried before the general (and slower) path.
const GROUPED = /^(-?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;
const PARENTHESISED = /^\((\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\)$/;
const NUMBER = /^(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d+))?$/;
const CURRENCY_PREFIX = /^(?:[¥$€£]|rmb|cny|usd|eur|hkd|人民币)/i;
const CURRENCY_SUFFIX = /(?:元|圆|rmb|cny|usd|eur|hkd)$/i;
const DASHES = /^[-–—]+$/;
/** 借 (debit) raises what the customer owes, 贷 (credit) lowers it, as a marker beside the number. */
const DEBIT_CREDIT = /^(借|贷)|(借|贷)$/;

/**
 * Parse an amount as people write it: `1,234.56`, `(1,234.56)` and `1234.56-` (negative), `-1234.56`,
 * `−1234.56` (U+2212), `¥1,234.56`, `￥6,606.00`, `1234.56元`, `CNY 12`, full-width digits, a 借/贷
 * marker (贷 negates). XLSX cells may be numbers (read as Excel shows them, 15 significant digits).
 * Returns canonical decimal text ("-1234.56"), never a float. An empty cell, or a lone dash as
 * accounting exports print for zero, is MISSING_VALUE: the caller decides whether it may be empty.
 */
export function parseAmount(value: unknown): Parsed<string> {
  if (typeof value === 'number') return fromNumber(value);
  if (value === null || value === undefined)
    return fail(FormatErrorCode.MISSING_VALUE, 'the amount is empty');
  if (typeof value !== 'string') return fail(FormatErrorCode.INVALID_AMOUNT, 'not an amount');
  // Most amounts in machine-written files are canonical already: one pass, no copies.
  if (isCanonicalAmount(value) && wholeDigits(value) <= MAX_INTEGER_DIGITS) return ok(value);
  if (PLAIN.test(value)) return ok(canonical(value));
  const grouped = GROUPED.exec(value);
  if (grouped) return fromDigits(grouped[1] === '-', grouped[2] ?? '0', grouped[3], value);
  const parenthesised = PARENTHESISED.exec(value);
  if (parenthesised) return fromDigits(true, parenthesised[1] ?? '0', parenthesised[2], value);
  return fromText(value);
}

/** parseAmount for a value that must be there: throws AmountError naming what is wrong. */
export function readAmount(value: unknown): string {
  const parsed = parseAmount(value);
  if (parsed.ok) return parsed.value;
  throw new AmountError(value, parsed.code, parsed.reason);
}

function fromText(raw: string): Parsed<string> {
  // NFKC folds full-width digits, commas, points, parentheses and ￥ to their ASCII forms.
  let text = raw
    .normalize('NFKC')
    .replace(/[\s\u00a0\u2009\u202f]/g, '')
    .replace(/\u2212/g, '-');
  if (text === '' || DASHES.test(text)) return fail(FormatErrorCode.MISSING_VALUE, 'the amount is empty');
  let negative = false;
  const marker = DEBIT_CREDIT.exec(text);
  if (marker) {
    negative = (marker[1] ?? marker[2]) === '贷';
    text = text.replace(DEBIT_CREDIT, '');
  }
  if (text.startsWith('(') && text.endsWith(')')) {
    negative = !negative;
    text = text.slice(1, -1);
  }
  // Sign and currency may come in either order: -¥12, ¥-12, 12元, 12-.
  for (let pass = 0; pass < 2; pass += 1) {
    if (text.startsWith('-') || text.startsWith('+')) {
      negative = negative !== text.startsWith('-');
      text = text.slice(1);
    }
    text = text.replace(CURRENCY_PREFIX, '').replace(CURRENCY_SUFFIX, '');
    if (text.endsWith('-')) {
      negative = !negative;
      text = text.slice(0, -1);
    }
  }
  const match = NUMBER.exec(text);
  if (!match || text === '' || text === '.') {
    return fail(FormatErrorCode.INVALID_AMOUNT, `"${raw.trim()}" is not an amount`);
  }
  return fromDigits(negative, match[1] ?? '0', match[2], raw.trim());
}

function fromDigits(
  negative: boolean,
  grouped: string,
  decimals: string | undefined,
  raw: string,
): Parsed<string> {
  return build(negative, grouped.replace(/,/g, ''), (decimals ?? '').replace(/0+$/, ''), raw);
}

/** XLSX numbers are doubles: read them the way Excel shows them, to 15 significant digits. */
function fromNumber(value: number): Parsed<string> {
  if (!Number.isFinite(value)) return fail(FormatErrorCode.INVALID_AMOUNT, `${value} is not an amount`);
  // Formula results such as 0.3-0.1-0.2 leave 1e-17 residues: zero to anyone reading the sheet.
  if (Math.abs(value) < 1e-9) return ok('0');
  const text = value.toPrecision(15);
  if (/e/i.test(text)) {
    return Math.abs(value) < 1
      ? fail(FormatErrorCode.AMOUNT_TOO_PRECISE, `${text} has more than ${MAX_DECIMALS} decimals`)
      : fail(FormatErrorCode.AMOUNT_OUT_OF_RANGE, `${text} does not fit DECIMAL(20,4)`);
  }
  const negative = text.startsWith('-');
  const [integer = '0', fraction = ''] = text.replace(/^-/, '').split('.');
  return build(negative, integer, fraction.replace(/0+$/, ''), String(value));
}

function build(negative: boolean, integerDigits: string, decimals: string, raw: string): Parsed<string> {
  const integer = integerDigits.replace(/^0+(?=\d)/, '');
  if (decimals.length > MAX_DECIMALS) {
    return fail(FormatErrorCode.AMOUNT_TOO_PRECISE, `"${raw}" has more than ${MAX_DECIMALS} decimals`);
  }
  if (integer.length > MAX_INTEGER_DIGITS) {
    return fail(FormatErrorCode.AMOUNT_OUT_OF_RANGE, `"${raw}" is too large for an amount`);
  }
  const magnitude = decimals ? `${integer}.${decimals}` : integer;
  return ok(negative && /[1-9]/.test(magnitude) ? `-${magnitude}` : magnitude);
}

/**
 * Text that is already its own canonical form, as fromUnits writes it ("-12.5", "0", "15"): no
 * sign but '-', no leading zeros, 1 to 4 decimals without a trailing zero, never "-0".
 */
export function isCanonicalAmount(text: string): boolean {
  let i = text.charCodeAt(0) === 45 ? 1 : 0; // '-'
  const start = i;
  while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i += 1;
  const digits = i - start;
  if (digits === 0 || (digits > 1 && text.charCodeAt(start) === 48)) return false;
  if (i === text.length) return !(start === 1 && digits === 1 && text.charCodeAt(1) === 48); // not "-0"
  if (text.charCodeAt(i) !== 46) return false; // '.'
  const dot = i;
  for (i += 1; i < text.length; i += 1) if (text.charCodeAt(i) < 48 || text.charCodeAt(i) > 57) return false;
  const decimals = text.length - dot - 1;
  return decimals >= 1 && decimals <= 4 && text.charCodeAt(text.length - 1) !== 48;
}

const wholeDigits = (text: string) =>
  (text.indexOf('.') < 0 ? text.length : text.indexOf('.')) - (text.charCodeAt(0) === 45 ? 1 : 0);

/** Plain "-0012.50" -> "-12.5": one spelling per value, so equal amounts compare equal as text. */
function canonical(text: string): string {
  const negative = text.startsWith('-');
  const [integer = '0', fraction = ''] = (negative ? text.slice(1) : text).split('.');
  const int = integer.replace(/^0+(?=\d)/, '');
  const frac = fraction.replace(/0+$/, '');
  const magnitude = frac ? `${int}.${frac}` : int;
  return negative && /[1-9]/.test(magnitude) ? `-${magnitude}` : magnitude;
}

// ——— Plain decimal text (machine contracts: the API's Decimal, the engine's input) ————————

const PLAIN_DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** "-1234.56", "+5", ".5", "5.": a plain decimal with at most 4 decimals (surrounding spaces allowed). */
export function isPlainDecimal(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  const trimmed = text.trim();
  if (!PLAIN_DECIMAL.test(trimmed)) return false;
  const dot = trimmed.indexOf('.');
  return (
    dot < 0 || trimmed.length - dot - 1 <= MAX_DECIMALS || /^0*$/.test(trimmed.slice(dot + 1 + MAX_DECIMALS))
  );
}

// ——— Units: exact integers of 1/10,000 ———————————————————————————————————————————————

const UNITS_PATTERN = /^([+-]?)(\d*)(?:\.(\d{0,4}))?$/;

/** Plain decimal text (at most 4 decimals) to units; anything else throws AmountError. */
export function toUnits(text: string): bigint {
  const small = smallUnits(text);
  if (small !== undefined) return BigInt(small);
  // Fast path for the common "-1234.56" form; anything else goes through the full pattern.
  const dot = text.indexOf('.');
  if (dot > 0 && text.length - dot - 1 <= 4 && /^-?\d+\.\d+$/.test(text)) {
    return BigInt(text.slice(0, dot) + text.slice(dot + 1).padEnd(4, '0')); // "-12.5" → -125000
  }
  if (dot === -1 && /^-?\d+$/.test(text)) return BigInt(text) * SCALE;
  const match = UNITS_PATTERN.exec(text.trim());
  if (!match || (match[2] === '' && (match[3] ?? '') === ''))
    throw new AmountError(
      text,
      FormatErrorCode.INVALID_AMOUNT,
      `not a decimal amount with at most 4 decimals: ${JSON.stringify(text)}`,
    );
  const units = BigInt(match[2] || '0') * SCALE + BigInt((match[3] ?? '').padEnd(4, '0') || '0');
  return match[1] === '-' ? -units : units;
}

const DECIMAL_SHIFT = [10_000, 1_000, 100, 10, 1];

/**
 * Units of "-1234.56" (1 to 11 integer digits, 1 to 4 decimals when there is a point) as a double,
 * in one pass: at most 15 digits, so exact (below 2^53). Undefined for any other text.
 */
function smallUnits(text: string): number | undefined {
  const length = text.length;
  let i = text.charCodeAt(0) === 45 ? 1 : 0; // '-'
  const negative = i === 1;
  let whole = 0;
  const start = i;
  for (; i < length; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) break;
    whole = whole * 10 + (c - 48);
  }
  const wholeDigits = i - start;
  if (wholeDigits === 0 || wholeDigits > 11) return undefined;
  let fraction = 0;
  let decimals = 0;
  if (i < length) {
    if (text.charCodeAt(i) !== 46) return undefined; // '.'
    for (i += 1; i < length; i += 1) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) return undefined;
      fraction = fraction * 10 + (c - 48);
      decimals += 1;
    }
    if (decimals === 0 || decimals > 4) return undefined;
  }
  const units = whole * 10_000 + fraction * DECIMAL_SHIFT[decimals];
  return negative ? -units : units;
}

/** Units a double holds exactly: amounts up to about 900 billion take the fast paths below. */
const MAX_SAFE_UNITS = BigInt(Number.MAX_SAFE_INTEGER);

/** Shortest exact text: "-1200.5", "15", "0.0001". */
export function fromUnits(units: bigint): string {
  // Nearly every amount fits a double exactly: digits from numbers, no BigInt division or regex.
  if (units <= MAX_SAFE_UNITS && units >= -MAX_SAFE_UNITS) return smallFromUnits(Number(units));
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const whole = abs / SCALE;
  const fraction = (abs % SCALE).toString().padStart(4, '0').replace(/0+$/, '');
  return `${negative && abs !== 0n ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** fromUnits for units within ±(2^53 − 1), where every step below is exact. */
function smallFromUnits(units: number): string {
  const abs = units < 0 ? -units : units;
  const fraction = abs % 10_000;
  // abs − fraction is a multiple of 10,000: the division is exact (a floor of abs / 10,000 may not be).
  const whole = `${units < 0 ? '-' : ''}${(abs - fraction) / 10_000}`;
  return fraction === 0 ? whole : `${whole}.${fractionDigits(fraction)}`;
}

/** 1 to 9,999 ten-thousandths as decimals without trailing zeros: 5000 → "5", 50 → "005". */
function fractionDigits(fraction: number): string {
  let digits = 4;
  while (fraction % 10 === 0) {
    fraction /= 10;
    digits -= 1;
  }
  const text = `${fraction}`;
  return text.length === digits ? text : '0'.repeat(digits - text.length) + text;
}

export const absUnits = (units: bigint) => (units < 0n ? -units : units);

/** Negate canonical decimal text without parsing it. */
export function negateAmount(amount: string): string {
  if (amount.startsWith('-')) return amount.slice(1);
  return /[1-9]/.test(amount) ? `-${amount}` : amount;
}

/**
 * For people: grouped thousands, padded to `decimals` (the currency's, see currencyDecimals), the
 * exact extra digits kept when there are more: formatAmount("-1234567.5") = "-1,234,567.50".
 */
export function formatAmount(amount: string | bigint, decimals = 2): string {
  const units = typeof amount === 'bigint' ? amount : toUnits(amount);
  if (units <= MAX_SAFE_UNITS && units >= -MAX_SAFE_UNITS) return formatSmall(Number(units), decimals);
  const text = fromUnits(units);
  const negative = text.startsWith('-');
  const [integer, fraction = ''] = (negative ? text.slice(1) : text).split('.');
  const grouped = integer.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const padded = fraction.padEnd(decimals, '0');
  return `${negative ? '-' : ''}${grouped}${padded ? `.${padded}` : ''}`;
}

/** formatAmount for units within ±(2^53 − 1): grouped from the digits, no regex. */
function formatSmall(units: number, decimals: number): string {
  const abs = units < 0 ? -units : units;
  const fraction = abs % 10_000;
  const digits = `${(abs - fraction) / 10_000}`;
  let grouped = digits.slice(0, digits.length % 3 || 3);
  for (let i = grouped.length; i < digits.length; i += 3) grouped += `,${digits.slice(i, i + 3)}`;
  const exact = fraction === 0 ? '' : fractionDigits(fraction);
  const padded = exact.length >= decimals ? exact : exact + '0'.repeat(decimals - exact.length);
  return `${units < 0 ? '-' : ''}${grouped}${padded ? `.${padded}` : ''}`;
}

// ——— Exact sums of canonical text —————————————————————————————————————————————————

const POWERS = [10_000, 1_000, 100, 10, 1];
const FLUSH_AT = 2 ** 52;

/**
 * Exact running total of decimal amounts (at most 4 decimals). Amounts below 10^11 are added as
 * integer ten-thousandths in a float, which is exact below 2^53 and much cheaper than a BigInt or a
 * Decimal per line; the float is folded into a BigInt before it could lose a unit.
 */
export class ExactSum {
  private small = 0;
  private big = 0n;

  add(amount: string): void {
    const negative = amount.charCodeAt(0) === 45; // '-'
    const start = negative ? 1 : 0;
    const dot = amount.indexOf('.');
    const intEnd = dot < 0 ? amount.length : dot;
    const fraction = dot < 0 ? '' : amount.slice(dot + 1);
    if (intEnd - start > 11 || fraction.length > 4) {
      this.big += toUnits(amount);
      return;
    }
    const units =
      Number(amount.slice(start, intEnd)) * 10_000 +
      (fraction ? Number(fraction) * (POWERS[fraction.length] ?? 1) : 0);
    this.small += negative ? -units : units;
    if (this.small > FLUSH_AT || this.small < -FLUSH_AT) this.flush();
  }

  value(): string {
    this.flush();
    return fromUnits(this.big);
  }

  private flush(): void {
    this.big += BigInt(this.small);
    this.small = 0;
  }
}
