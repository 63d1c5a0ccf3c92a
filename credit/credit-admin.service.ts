// Limits, holds and integrators' orders: what tightens credit applies at once; what loosens it
// (a higher limit, a released hold) is a request a manager approves (credit-requests.service.ts).
import type { DataSource, EntityManager } from 'typeorm';
import { appendAudit } from '../audit/audit-log';
import { auditFields, type Actor } from '../contract/actor';
import { Customer } from '../entities/customer.entity';
import { CreditLimit } from '../entities/credit-limit.entity';
import { CreditOpenOrder } from '../entities/credit-order.entity';
import { CreditProfile } from '../entities/credit-profile.entity';
import { badInput, CreditError, CreditErrorCode, notFound } from './credit-error';
import { CREDIT_ENTITY, noteLimitCrossing, recordHoldChange } from './credit-events';
import { requireAmount, requireCurrency, requireReason } from './credit-input';
import { readCreditPosition } from './credit-position';

export async function lockCustomer(manager: EntityManager, code: string): Promise<Customer> {
  const customer = await manager
    .getRepository(Customer)
    .findOne({ where: { code }, lock: { mode: 'pessimistic_write' } });
  if (!customer) throw notFound(`customer ${code}`);
  return customer;
}

/** Writes a limit (a lower one directly, a higher one from an approved request), audited. */
export async function writeLimit(
  manager: EntityManager,
  customer: Customer,
  currency: string,
  amount: string,
  actor: Actor,
  details: Record<string, unknown>,
): Promise<CreditLimit> {
  const repository = manager.getRepository(CreditLimit);
  const before = await repository.findOneBy({ customerId: customer.id, currency });
  await manager.query(
    `INSERT INTO credit_limits (customer_id, currency, amount, set_by) VALUES (?, ?, ?, ?)
     ON DUPLICATE KEY UPDATE amount = VALUES(amount), set_by = VALUES(set_by)`,
    [customer.id, currency, amount, actor.id],
  );
  await appendAudit(manager, {
    ...auditFields(actor),
    action: 'credit.limit_set',
    entityType: CREDIT_ENTITY,
    entityId: customer.id,
    before: before ? { currency, limit: before.amount.toFixed() } : null,
    after: { customerCode: customer.code, currency, limit: amount, ...details },
  });
  return repository.findOneByOrFail({ customerId: customer.id, currency });
}

/** After a limit changed, a crossing it caused is published as the checks would. */
export async function recheckLimit(dataSource: DataSource, customerCode: string, currency: string) {
  const position = await readCreditPosition(dataSource, customerCode, currency);
  if (position) await noteLimitCrossing(dataSource, position);
}

/** Lowers (or keeps) a limit at once; a raise, or a first limit, is refused: it is a request. */
export async function lowerCreditLimit(
  dataSource: DataSource,
  input: { customerCode: string; currency: string; amount: string; reason: string },
  actor: Actor,
): Promise<CreditLimit> {
  const currency = requireCurrency(input.currency);
  const amount = requireAmount(input.amount, 'amount');
  const reason = requireReason(input.reason);
  const saved = await dataSource.transaction(async (manager) => {
    const customer = await lockCustomer(manager, input.customerCode);
    const current = await manager.getRepository(CreditLimit).findOneBy({ customerId: customer.id, currency });
    if (!current || amount.gt(current.amount))
      throw new CreditError(
        CreditErrorCode.WRONG_STATE,
        `a limit above the current one (${current ? current.amount.toFixed(2) : 'none'} ${currency}) is a request a manager approves: requestCreditChange`,
      );
    return writeLimit(manager, customer, currency, amount.toFixed(), actor, { reason });
  });
  await recheckLimit(dataSource, input.customerCode, currency);
  return saved;
}

/** Puts a customer on credit hold at once (releasing it is a request). Holding twice is refused. */
export async function placeCreditHold(
  dataSource: DataSource,
  input: { customerCode: string; reason: string },
  actor: Actor,
): Promise<CreditProfile> {
  const reason = requireReason(input.reason);
  return dataSource.transaction(async (manager) => {
    const customer = await lockCustomer(manager, input.customerCode);
    const repository = manager.getRepository(CreditProfile);
    const profile = await repository.findOneBy({ customerId: customer.id });
    if (profile?.onHold)
      throw new CreditError(CreditErrorCode.WRONG_STATE, `${customer.code} is already on hold`);
    await manager.query(
      `INSERT INTO credit_profiles (customer_id, on_hold, hold_reason, hold_changed_by, hold_changed_at)
       VALUES (?, 1, ?, ?, UTC_TIMESTAMP(3))
       ON DUPLICATE KEY UPDATE on_hold = 1, hold_reason = VALUES(hold_reason),
         hold_changed_by = VALUES(hold_changed_by), hold_changed_at = VALUES(hold_changed_at)`,
      [customer.id, reason, actor.id],
    );
    await recordHoldChange(manager, customer, true, reason, actor);
    return repository.findOneByOrFail({ customerId: customer.id });
  });
}

/** Releases a hold: only from an approved request (credit-requests.service.ts). */
export async function releaseHold(
  manager: EntityManager,
  customer: Customer,
  approver: Actor,
  requestId: string,
): Promise<void> {
  await manager.query(
    `UPDATE credit_profiles SET on_hold = 0, hold_changed_by = ?, hold_changed_at = UTC_TIMESTAMP(3)
      WHERE customer_id = ?`,
    [approver.id, customer.id],
  );
  await recordHoldChange(manager, customer, false, null, approver, { requestId });
}

const ORDER_REF = /^[\p{L}\p{N}][\p{L}\p{N} _./#-]{0,63}$/u;

/**
 * An integrator reports an open sales order (part of the exposure until it is invoiced); reporting
 * the same reference again replaces its amount, and 0 removes it.
 */
export async function reportOpenOrder(
  dataSource: DataSource,
  input: { customerCode: string; orderRef: string; currency: string; amount: string },
  actor: Actor,
): Promise<CreditOpenOrder | null> {
  if (!ORDER_REF.test(input.orderRef))
    throw badInput('orderRef', 'letters, digits, space _ . / # - (at most 64)');
  const currency = requireCurrency(input.currency);
  const amount = requireAmount(input.amount, 'amount');
  const customer = await dataSource.getRepository(Customer).findOneBy({ code: input.customerCode });
  if (!customer) throw notFound(`customer ${input.customerCode}`);
  const repository = dataSource.getRepository(CreditOpenOrder);
  if (amount.isZero()) {
    await repository.delete({ customerId: customer.id, orderRef: input.orderRef });
    return null;
  }
  await dataSource.query(
    `INSERT INTO credit_open_orders (customer_id, order_ref, currency, amount, reported_by) VALUES (?, ?, ?, ?, ?)
     ON DUPLICATE KEY UPDATE currency = VALUES(currency), amount = VALUES(amount), reported_by = VALUES(reported_by)`,
    [customer.id, input.orderRef, currency, amount.toFixed(), actor.id],
  );
  return repository.findOneByOrFail({ customerId: customer.id, orderRef: input.orderRef });
}
