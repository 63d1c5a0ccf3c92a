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

/** ISO code for a currency cell, or null when it is not one. */
export function normalizeCurrency(text: string): string | null {
  const value = text.normalize('NFKC').trim().toUpperCase();
  const code = ALIASES[value] ?? value;
  return /^[A-Z]{3}$/.test(code) ? code : null;
}
