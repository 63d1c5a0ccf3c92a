// The one currency-code rule: ISO 4217 alphabetic codes, three capital letters.

const CODE = /^[A-Z]{3}$/;

/** How Chinese exports spell currencies, to ISO 4217. */
const ALIASES: Readonly<Record<string, string>> = {
  人民币: 'CNY',
  RMB: 'CNY',
  '¥': 'CNY',
  元: 'CNY',
  美元: 'USD',
  港币: 'HKD',
  港元: 'HKD',
  欧元: 'EUR',
  日元: 'JPY',
};

/** Exactly a code as stored and sent over the API ("CNY"), nothing to normalise. */
export function isCurrencyCode(text: unknown): text is string {
  return typeof text === 'string' && CODE.test(text);
}

/** ISO 4217 as this Node knows it. */
const ISO_CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

/** A code that is a currency, not merely well formed (XYZ is not). */
export function isKnownCurrency(text: unknown): text is string {
  return isCurrencyCode(text) && ISO_CURRENCIES.has(text);
}

/** ISO code for a currency cell as people write it ("cny", "人民币", "ＵＳＤ"), or null when it is not one. */
export function normalizeCurrency(text: string): string | null {
  const value = text.normalize('NFKC').trim().toUpperCase();
  const code = ALIASES[value] ?? value;
  return CODE.test(code) ? code : null;
}

/** Minor-unit digits people expect to see (ISO 4217): 0 for JPY/KRW, 3 for the dinars, else 2. */
export function currencyDecimals(code: string): number {
  if (ZERO_DECIMALS.has(code)) return 0;
  if (THREE_DECIMALS.has(code)) return 3;
  return 2;
}

const ZERO_DECIMALS = new Set(['JPY', 'KRW', 'VND', 'CLP', 'ISK', 'XAF', 'XOF', 'UGX', 'PYG']);
const THREE_DECIMALS = new Set(['BHD', 'KWD', 'OMR', 'JOD', 'TND', 'IQD', 'LYD']);
