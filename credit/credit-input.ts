// Reading the credit module's arguments: each bad one refused by name, before anything is written.
import { isPlainDecimal } from '../formats/amount';
import { isCurrencyCode } from '../formats/currency';
import { Money } from '../money/decimal';
import { badInput } from './credit-error';

/** A non-negative amount with at most 4 decimals that fits DECIMAL(20,4). */
export function requireAmount(value: string, field: string): Money {
  if (!isPlainDecimal(value)) throw badInput(field, 'a decimal amount with at most 4 decimals');
  const amount = new Money(value.trim());
  if (amount.isNegative()) throw badInput(field, 'not negative');
  if (amount.gte('1e16')) throw badInput(field, 'below 10^16');
  return amount;
}

export function requireCurrency(value: string, field = 'currency'): string {
  if (!isCurrencyCode(value)) throw badInput(field, 'an ISO 4217 code such as CNY');
  return value;
}

/** A reason people will read in the audit and the approver's list: 1–500 characters. */
export function requireReason(value: string, field = 'reason'): string {
  const reason = value.trim();
  if (!reason || reason.length > 500) throw badInput(field, 'between 1 and 500 characters');
  return reason;
}
