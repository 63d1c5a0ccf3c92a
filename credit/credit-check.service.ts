// The credit check over MySQL: read the position (one statement), decide (pure), note a crossed limit.
import type { DataSource } from 'typeorm';
import { decideCredit, type CreditAnswer } from './credit-check';
import { notFound } from './credit-error';
import { noteLimitCrossing } from './credit-events';
import { requireAmount, requireCurrency } from './credit-input';
import { readCreditPosition, type CustomerCreditPosition } from './credit-position';

export interface CreditCheckResult extends CreditAnswer {
  position: CustomerCreditPosition;
  amount: string;
}

export async function creditCheck(
  dataSource: DataSource,
  input: { customerCode: string; currency?: string | null; amount: string },
): Promise<CreditCheckResult> {
  const amount = requireAmount(input.amount, 'amount');
  const currency = input.currency == null ? null : requireCurrency(input.currency);
  const position = await readCreditPosition(dataSource, input.customerCode, currency);
  if (!position) throw notFound(`customer ${input.customerCode}`);
  // Rare (only when the exposure crosses the limit): the read stays the whole cost of a check.
  await noteLimitCrossing(dataSource, position);
  return { ...decideCredit(position, amount), position, amount: amount.toFixed() };
}
