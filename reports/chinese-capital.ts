import { Money, type Money as MoneyValue } from '../money/decimal';

const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const PLACES = ['', '拾', '佰', '仟'];
/** Units of each four-digit section, from the right. */
const SECTIONS = ['', '万', '亿', '万亿'];

export class CapitalAmountError extends RangeError {
  readonly code = 'CAPITAL_AMOUNT_UNSUPPORTED';
}

/**
 * An amount in Chinese capital numerals (人民币大写) as written on cheques, invoices and confirmation
 * letters: 12345.67 -> 壹万贰仟叁佰肆拾伍元陆角柒分; whole yuan end in 整 (零元整, 壹拾元整); a zero
 * 角 between 元 and a non-zero 分 is read 零 (壹元零伍分); runs of zeros read one 零; negative amounts
 * start with 负. Refuses amounts below 分 rather than round a legal document silently.
 */
export function toChineseCapital(amount: string | MoneyValue): string {
  const value = amount instanceof Money ? amount : new Money(amount.trim());
  if (!value.isFinite()) throw new CapitalAmountError(`not an amount: ${String(amount)}`);
  if (!value.times(100).isInteger()) {
    throw new CapitalAmountError(
      `${value.toFixed()} has a fraction of a fen (分); round it to 2 decimals first`,
    );
  }
  const [integerDigits = '0', fraction = ''] = value.abs().toFixed(2).split('.');
  if (integerDigits.length > 16) throw new CapitalAmountError(`${value.toFixed()} is too large`);
  const jiao = Number(fraction[0] ?? '0');
  const fen = Number(fraction[1] ?? '0');
  const yuan = integerText(integerDigits);

  let text = '';
  if (yuan) text += `${yuan}元`;
  if (jiao === 0 && fen === 0) text = `${yuan || '零'}元整`;
  else {
    if (jiao > 0) text += `${DIGITS[jiao]}角`;
    else if (yuan) text += '零';
    if (fen > 0) text += `${DIGITS[fen]}分`;
  }
  return value.isNegative() && !value.isZero() ? `负${text}` : text;
}

/** The yuan part; empty for zero. */
function integerText(digits: string): string {
  const sections: string[] = [];
  for (let end = digits.length; end > 0; end -= 4) sections.unshift(digits.slice(Math.max(0, end - 4), end));
  let text = '';
  let zeroPending = false;
  sections.forEach((section, i) => {
    const unit = SECTIONS[sections.length - 1 - i] ?? '';
    const number = Number(section);
    if (number === 0) {
      zeroPending = text !== '';
      return;
    }
    // A gap before this section (a zero section, or leading zeros in it) is read as one 零.
    if (text !== '' && (zeroPending || number < 1000)) text += '零';
    text += sectionText(section.padStart(4, '0')) + unit;
    zeroPending = false;
  });
  return text;
}

/** Four digits, 0001..9999: inner runs of zeros read one 零, trailing zeros nothing. */
function sectionText(section: string): string {
  let text = '';
  let zero = false;
  for (let i = 0; i < 4; i += 1) {
    const digit = Number(section[i]);
    if (digit === 0) {
      zero = text !== '';
      continue;
    }
    if (zero) text += '零';
    text += (DIGITS[digit] ?? '') + (PLACES[3 - i] ?? '');
    zero = false;
  }
  return text;
}
