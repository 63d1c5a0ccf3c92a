import { ImportErrorCode } from './errors';
import { fail, ok, type Parsed } from './parsed';
import type { CellValue } from './types';

/** DECIMAL(20,4): at most 16 integer digits and 4 decimals. */
const MAX_INTEGER_DIGITS = 16;
const MAX_DECIMALS = 4;

const PLAIN = /^-?\d{1,16}(?:\.\d{1,4})?$/;
// The common ASCII spellings, tried before the general (and slower) path.
const GROUPED = /^(-?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;
const PARENTHESISED = /^\((\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\)$/;
const NUMBER = /^(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d+))?$/;
const CURRENCY_PREFIX = /^(?:[¥$€£]|rmb|cny|usd|eur|hkd|人民币)/i;
const CURRENCY_SUFFIX = /(?:元|圆|rmb|cny|usd|eur|hkd)$/i;
const DASHES = /^[-–—]+$/;

/**
 * Parse an amount as people write it: `1,234.56`, `(1,234.56)` and `1234.56-` (negative), `-1234.56`,
 * `¥1,234.56`, `1234.56元`, full-width digits. Returns exact decimal text ("-1234.56"), never a float.
 * An empty cell, or a lone dash as accounting exports print for zero, is MISSING_VALUE: the caller
 * decides whether the column may be empty.
 */
export function parseAmount(value: CellValue): Parsed<string> {
  if (typeof value === 'number') return fromNumber(value);
  if (value === null) return fail(ImportErrorCode.MISSING_VALUE, 'the amount is empty');
  if (typeof value !== 'string') return fail(ImportErrorCode.INVALID_AMOUNT, 'not an amount');
  if (PLAIN.test(value)) return ok(canonical(value));
  const grouped = GROUPED.exec(value);
  if (grouped) return fromDigits(grouped[1] === '-', grouped[2] ?? '0', grouped[3], value);
  const parenthesised = PARENTHESISED.exec(value);
  if (parenthesised) return fromDigits(true, parenthesised[1] ?? '0', parenthesised[2], value);
  return fromText(value);
}

function fromText(raw: string): Parsed<string> {
  // NFKC folds full-width digits, commas, points, parentheses and ￥ to their ASCII forms.
  let text = raw
    .normalize('NFKC')
    .replace(/[\s\u00a0\u2009\u202f]/g, '')
    .replace(/\u2212/g, '-');
  if (text === '' || DASHES.test(text)) return fail(ImportErrorCode.MISSING_VALUE, 'the amount is empty');
  let negative = false;
  if (text.startsWith('(') && text.endsWith(')')) {
    negative = true;
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
    return fail(ImportErrorCode.INVALID_AMOUNT, `"${raw.trim()}" is not an amount`);
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
  if (!Number.isFinite(value)) return fail(ImportErrorCode.INVALID_AMOUNT, `${value} is not an amount`);
  // Formula results such as 0.3-0.1-0.2 leave 1e-17 residues: zero to anyone reading the sheet.
  if (Math.abs(value) < 1e-9) return ok('0');
  const text = value.toPrecision(15);
  if (/e/i.test(text)) {
    return Math.abs(value) < 1
      ? fail(ImportErrorCode.AMOUNT_TOO_PRECISE, `${text} has more than ${MAX_DECIMALS} decimals`)
      : fail(ImportErrorCode.AMOUNT_OUT_OF_RANGE, `${text} does not fit DECIMAL(20,4)`);
  }
  const negative = text.startsWith('-');
  const [integer = '0', fraction = ''] = text.replace(/^-/, '').split('.');
  return build(negative, integer, fraction.replace(/0+$/, ''), String(value));
}

function build(negative: boolean, integerDigits: string, decimals: string, raw: string): Parsed<string> {
  const integer = integerDigits.replace(/^0+(?=\d)/, '');
  if (decimals.length > MAX_DECIMALS) {
    return fail(ImportErrorCode.AMOUNT_TOO_PRECISE, `"${raw}" has more than ${MAX_DECIMALS} decimals`);
  }
  if (integer.length > MAX_INTEGER_DIGITS) {
    return fail(ImportErrorCode.AMOUNT_OUT_OF_RANGE, `"${raw}" is too large for an amount`);
  }
  const magnitude = decimals ? `${integer}.${decimals}` : integer;
  return ok(negative && /[1-9]/.test(magnitude) ? `-${magnitude}` : magnitude);
}

/** Plain "-0012.50" -> "-12.5": one spelling per value, so equal amounts compare equal as text. */
function canonical(text: string): string {
  const negative = text.startsWith('-');
  const [integer = '0', fraction = ''] = (negative ? text.slice(1) : text).split('.');
  const int = integer.replace(/^0+(?=\d)/, '');
  const frac = fraction.replace(/0+$/, '');
  const magnitude = frac ? `${int}.${frac}` : int;
  return negative && /[1-9]/.test(magnitude) ? `-${magnitude}` : magnitude;
}

/** Amount text to integer ten-thousandths, for exact sums without a Decimal per line. */
export function toUnits(amount: string): bigint {
  const negative = amount.startsWith('-');
  const [integer = '0', fraction = ''] = (negative ? amount.slice(1) : amount).split('.');
  const units = BigInt(integer + fraction.padEnd(MAX_DECIMALS, '0'));
  return negative ? -units : units;
}

/** Integer ten-thousandths back to decimal text. */
export function fromUnits(units: bigint): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(MAX_DECIMALS + 1, '0');
  const integer = digits.slice(0, -MAX_DECIMALS);
  const fraction = digits.slice(-MAX_DECIMALS).replace(/0+$/, '');
  return `${negative ? '-' : ''}${integer}${fraction ? `.${fraction}` : ''}`;
}

/** Negate decimal text without parsing it. */
export function negateAmount(amount: string): string {
  if (amount.startsWith('-')) return amount.slice(1);
  return /[1-9]/.test(amount) ? `-${amount}` : amount;
}
