import { Money, type Money as MoneyValue } from '../money/decimal';

const ONES = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const SCALES = ['', 'thousand', 'million', 'billion', 'trillion'];

function belowThousand(n: number): string {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  const parts: string[] = [];
  if (hundreds) parts.push(`${ONES[hundreds]} hundred`);
  if (rest >= 20) parts.push(TENS[Math.floor(rest / 10)] + (rest % 10 ? `-${ONES[rest % 10]}` : ''));
  else if (rest) parts.push(ONES[rest]);
  return parts.join(' and ');
}

/**
 * An amount in English words as written on a cheque: 1200.50 CNY -> "CNY one thousand two hundred
 * and 50/100". Exact (decimal text, never a float); whole units up to the trillions.
 */
export function toEnglishWords(amount: string | MoneyValue, currency: string): string {
  const value = amount instanceof Money ? amount : new Money(amount.trim());
  const [digits, cents] = value.abs().toFixed(2).split('.');
  if (digits.length > 15) throw new RangeError(`${value.toFixed()} is too large to write in words`);
  const groups: number[] = [];
  for (let end = digits.length; end > 0; end -= 3)
    groups.unshift(Number(digits.slice(Math.max(0, end - 3), end)));
  const words = groups
    .map((group, i) => (group ? `${belowThousand(group)} ${SCALES[groups.length - 1 - i]}`.trim() : ''))
    .filter(Boolean)
    .join(' ');
  const sign = value.isNegative() && !value.isZero() ? 'minus ' : '';
  return `${currency} ${sign}${words || 'zero'} and ${cents}/100`;
}
