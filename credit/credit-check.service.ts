// The credit check over MySQL: read the position (batched with concurrent checks), decide (pure), note a crossed limit.
import type { DataSource } from 'typeorm';
import { InFlightBatcher } from '../db/in-flight-batcher';
import { decideCredit, type CreditAnswer } from './credit-check';
import { notFound } from './credit-error';
import { noteLimitCrossing } from './credit-events';
import { ExposureCache } from './exposure-cache';
import { requireAmount, requireCurrency } from './credit-input';
import { readCreditPositions, type CustomerCreditPosition, type PositionKey } from './credit-position';

export interface CreditCheckResult extends CreditAnswer {
  position: CustomerCreditPosition;
  amount: string;
}

/**
 * One reader per process and database: checks that arrive while a read is in flight go together in
 * the next statement (never older than the request: InFlightBatcher), so 50 ERP clients share a
 * handful of statements instead of queueing for 50 connections; each statement reads rows by key
 * only, and the sums again only for customers whose exposure version moved.
 */
const readers = new WeakMap<DataSource, InFlightBatcher<PositionKey, CustomerCreditPosition | null>>();

function readerFor(dataSource: DataSource) {
  let reader = readers.get(dataSource);
  if (!reader) {
    // The sums of a customer whose exposure version has not moved come from memory (ExposureCache).
    const cache = new ExposureCache();
    reader = new InFlightBatcher((keys) => readCreditPositions(dataSource, keys, cache), 100);
    readers.set(dataSource, reader);
  }
  return reader;
}

export async function creditCheck(
  dataSource: DataSource,
  input: { customerCode: string; currency?: string | null; amount: string },
): Promise<CreditCheckResult> {
  const amount = requireAmount(input.amount, 'amount');
  const currency = input.currency == null ? null : requireCurrency(input.currency);
  const position = await readerFor(dataSource).load({ customerCode: input.customerCode, currency });
  if (!position) throw notFound(`customer ${input.customerCode}`);
  // Rare (only when the exposure crosses the limit): the read stays the whole cost of a check.
  await noteLimitCrossing(dataSource, position);
  return { ...decideCredit(position, amount), position, amount: amount.toFixed() };
}

/** What an ERP is answered, over GraphQL (CreditCheck) and POST /credit/check alike. */
export function creditCheckView(result: CreditCheckResult) {
  const { position } = result;
  return {
    decision: result.decision,
    reasons: result.reasons,
    customerCode: position.customerCode,
    currency: position.currency,
    amount: result.amount,
    limit: position.limit,
    exposure: result.exposure,
    openReceivables: result.openReceivables,
    disputed: result.disputed,
    openOrders: result.openOrders,
    available: result.available,
    onHold: position.onHold,
    riskClass: position.riskClass,
    score: position.score,
  };
}

export type CreditCheckView = ReturnType<typeof creditCheckView>;
