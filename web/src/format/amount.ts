/**
 * An exact decimal string from the API ("-1234.5600") for reading: grouped thousands, at least
 * two decimals, no float ever ("-1,234.56"). Digits beyond the second decimal stay when they are
 * not zero ("0.125" stays "0.125"): the screen never rounds money away.
 */
export function formatAmount(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match) return value;
  const [, sign, whole, fraction = ''] = match;
  const decimals = fraction.replace(/0+$/, '').padEnd(2, '0');
  const grouped = whole.replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const zero = /^0*$/.test(whole) && /^0*$/.test(fraction);
  return `${zero ? '' : sign}${grouped}.${decimals}`;
}

/** Whether an exact decimal string from the API is zero ("0", "-0.00"), without a float. */
export const isZeroAmount = (value: string | null | undefined): boolean =>
  value !== null && value !== undefined && /^-?0*(\.0*)?$/.test(value.trim()) && /\d/.test(value);
