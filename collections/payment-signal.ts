// A payment loaded into the ledger reaches the customer's running dunning case at once (signal paymentRecorded).
import { WorkflowNotFoundError } from '@temporalio/client';
import { paymentRecorded } from '../contract/collections/dunning';
import { Money } from '../money/decimal';
import { createLogger } from '../observability/logger';
import type { DunningStarter } from './dunning-starter';

const log = createLogger('dunning');

/** The customers among newly loaded entries that received a credit (a receipt or a credit note: below zero). */
export function payingCustomers(entries: ReadonlyArray<{ customerCode: string; amount: string }>): string[] {
  const codes = new Set<string>();
  for (const entry of entries) if (new Money(entry.amount).isNegative()) codes.add(entry.customerCode);
  return [...codes];
}

/**
 * Signals each customer's dunning case after the entries committed, so that it looks at once
 * whether anything is still overdue (and closes PAID) instead of on its next level's day. A
 * customer without a running case is skipped. Best effort: the ledger write stands whatever
 * Temporal answers, and the case looks again before every letter anyway. Returns the codes reached.
 */
export async function signalPayments(
  starter: Pick<DunningStarter, 'handle'>,
  customerCodes: readonly string[],
): Promise<string[]> {
  const reached: string[] = [];
  await Promise.all(
    customerCodes.map(async (code) => {
      try {
        await starter.handle(code).signal(paymentRecorded);
        reached.push(code);
      } catch (error) {
        if (error instanceof WorkflowNotFoundError) return;
        log.warn('payment not signalled to the dunning case', { customerCode: code, error: String(error) });
      }
    }),
  );
  return reached.sort();
}
