// The demo's credit: limits granted through the real request-and-approve path, one customer over its limit.
import type { DataSource } from 'typeorm';
import { SYSTEM_ACTORS } from '../contract/actor';
import { CreditRequestKind } from '../contract/credit/enums';
import { creditCheck } from '../credit/credit-check.service';
import { decideCreditRequest, requestCreditChange } from '../credit/credit-requests.service';
import { CreditLimit } from '../entities/credit-limit.entity';
import { Customer } from '../entities/customer.entity';

/** C001 owes 56,980.00 CNY against a 50,000.00 limit: over it. C002 and C004 are within theirs. */
export const DEMO_CREDIT_LIMITS = [
  { customerCode: 'C001', currency: 'CNY', amount: '50000.00' },
  { customerCode: 'C002', currency: 'CNY', amount: '200000.00' },
  { customerCode: 'C004', currency: 'CNY', amount: '100000.00' },
] as const;

/** Safe to run again: a customer that has its limit is left alone. */
export async function loadDemoCredit(dataSource: DataSource): Promise<void> {
  for (const limit of DEMO_CREDIT_LIMITS) {
    const customer = await dataSource.getRepository(Customer).findOneByOrFail({ code: limit.customerCode });
    if (
      await dataSource
        .getRepository(CreditLimit)
        .existsBy({ customerId: customer.id, currency: limit.currency })
    )
      continue;
    // Maker ≠ checker even in the demo: the loader asks, the operator approves.
    const request = await requestCreditChange(
      dataSource,
      { ...limit, kind: CreditRequestKind.LIMIT_CHANGE, reason: 'demo: credit granted at onboarding' },
      SYSTEM_ACTORS.demo,
    );
    await decideCreditRequest(dataSource, { id: request.id, approve: true }, SYSTEM_ACTORS.operator);
  }
  // The first check notes the crossing (credit.over_limit in the audit log and the webhook outbox).
  await creditCheck(dataSource, { customerCode: 'C001', amount: '0' });
}

/** One line for the demo's output: the customer over its limit, as an ERP's order entry would see it. */
export async function describeDemoCredit(dataSource: DataSource): Promise<string> {
  const check = await creditCheck(dataSource, { customerCode: 'C001', amount: '0' });
  const { position } = check;
  const limit = position.limit ? position.limit.toFixed(2) : 'none';
  return (
    `信用 Credit: ${position.customerCode} exposure ${check.exposure.toFixed(2)} ${position.currency} against a limit of ` +
    `${limit}: creditCheck says ${check.decision} (${check.reasons.map((reason) => reason.code).join(', ')})`
  );
}
