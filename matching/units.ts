// The engine's amounts are units (exact BigInt counts of 1/10,000), read and written by the one
// amount module; dates are day numbers, from the one date module.
export { AmountError, SCALE, absUnits, fromUnits, isCanonicalAmount, toUnits } from '../formats/amount';
export { dayNumber } from '../formats/date';
import { formatAmount } from '../formats/amount';
import { currencyDecimals } from '../formats/currency';

/**
 * An amount in an evidence or explanation text, as the CLI and the reports print amounts: grouped
 * and padded to the currency's minor units ("1,234.50", JPY "1,235"); exact digits beyond them kept.
 */
export function money(units: bigint, currency: string): string {
  return formatAmount(units, currencyDecimals(currency));
}
