// Requests that loosen credit (a higher limit, a released hold): one person asks, another (a
// manager) approves; maker ≠ checker, every step audited, nothing half-written.
import type { DataSource } from 'typeorm';
import { appendAudit } from '../audit/audit-log';
import { auditFields, type Actor } from '../contract/actor';
import { CreditRequestKind, CreditRequestStatus } from '../contract/credit/enums';
import { CreditLimit } from '../entities/credit-limit.entity';
import { CreditProfile } from '../entities/credit-profile.entity';
import { CreditRequest } from '../entities/credit-request.entity';
import { Customer } from '../entities/customer.entity';
import { lockCustomer, recheckLimit, releaseHold, writeLimit } from './credit-admin.service';
import { badInput, CreditError, CreditErrorCode, notFound } from './credit-error';
import { CREDIT_ENTITY } from './credit-events';
import { requireAmount, requireCurrency, requireReason } from './credit-input';
import { requireId } from './open-items.service';

export interface CreditRequestInput {
  customerCode: string;
  kind: CreditRequestKind;
  currency?: string | null;
  amount?: string | null;
  reason: string;
}

const requestAudit = (request: CreditRequest, customerCode: string) => ({
  id: request.id,
  customerCode,
  kind: request.kind,
  currency: request.currency,
  amount: request.amount?.toFixed() ?? null,
  status: request.status,
});

export async function requestCreditChange(
  dataSource: DataSource,
  input: CreditRequestInput,
  actor: Actor,
): Promise<CreditRequest> {
  const reason = requireReason(input.reason);
  const limitChange = input.kind === CreditRequestKind.LIMIT_CHANGE;
  const currency = limitChange ? requireCurrency(input.currency ?? '') : null;
  const amount = limitChange ? requireAmount(input.amount ?? '', 'amount') : null;
  if (!limitChange && (input.amount != null || input.currency != null))
    throw badInput('amount', 'a hold release names no amount or currency');
  return dataSource.transaction(async (manager) => {
    const customer = await lockCustomer(manager, input.customerCode);
    const requests = manager.getRepository(CreditRequest);
    const pending = await requests.findOneBy({
      customerId: customer.id,
      kind: input.kind,
      status: CreditRequestStatus.PENDING,
      ...(currency ? { currency } : {}),
    });
    if (pending)
      throw new CreditError(
        CreditErrorCode.WRONG_STATE,
        `request ${pending.id} for the same change is waiting for a manager`,
      );
    if (limitChange) {
      const current = await manager
        .getRepository(CreditLimit)
        .findOneBy({ customerId: customer.id, currency: currency! });
      if (current && !amount!.gt(current.amount))
        throw badInput(
          'amount',
          `above the current limit ${current.amount.toFixed(2)} (lowering applies at once: lowerCreditLimit)`,
        );
    } else {
      const profile = await manager.getRepository(CreditProfile).findOneBy({ customerId: customer.id });
      if (!profile?.onHold)
        throw new CreditError(CreditErrorCode.WRONG_STATE, `${customer.code} is not on hold`);
    }
    const saved = await requests.save(
      requests.create({
        customerId: customer.id,
        kind: input.kind,
        currency,
        amount,
        reason,
        status: CreditRequestStatus.PENDING,
        requestedBy: actor.id,
      }),
    );
    await appendAudit(manager, {
      ...auditFields(actor),
      action: 'credit.requested',
      entityType: CREDIT_ENTITY,
      entityId: customer.id,
      before: null,
      after: { ...requestAudit(saved, customer.code), reason },
    });
    return saved;
  });
}

/** A manager approves or rejects a pending request; approving applies it in the same transaction. */
export async function decideCreditRequest(
  dataSource: DataSource,
  input: { id: string; approve: boolean; note?: string | null },
  actor: Actor,
): Promise<CreditRequest> {
  requireId(input.id, 'id');
  const note = input.note == null || input.note.trim() === '' ? null : requireReason(input.note, 'note');
  let recheck: { code: string; currency: string } | null = null;
  const decided = await dataSource.transaction(async (manager) => {
    const requests = manager.getRepository(CreditRequest);
    const found = await requests.findOneBy({ id: input.id });
    if (!found) throw notFound(`credit request ${input.id}`);
    const code = (await manager.getRepository(Customer).findOneByOrFail({ id: found.customerId })).code;
    // Customer first, then the request: the order requestCreditChange locks in.
    const customer = await lockCustomer(manager, code);
    const request = await requests.findOneOrFail({
      where: { id: input.id },
      lock: { mode: 'pessimistic_write' },
    });
    if (request.status !== CreditRequestStatus.PENDING)
      throw new CreditError(
        CreditErrorCode.WRONG_STATE,
        `request ${request.id} is already ${request.status}`,
      );
    if (request.requestedBy === actor.id)
      throw new CreditError(
        CreditErrorCode.MAKER_CHECKER,
        'whoever asked for a change may not also approve or reject it',
      );
    request.status = input.approve ? CreditRequestStatus.APPROVED : CreditRequestStatus.REJECTED;
    request.decidedBy = actor.id;
    request.decidedAt = new Date();
    request.decisionNote = note;
    await requests.save(request);
    await appendAudit(manager, {
      ...auditFields(actor),
      action: input.approve ? 'credit.request_approved' : 'credit.request_rejected',
      entityType: CREDIT_ENTITY,
      entityId: customer.id,
      before: { status: CreditRequestStatus.PENDING },
      after: { ...requestAudit(request, customer.code), note },
    });
    if (input.approve && request.kind === CreditRequestKind.LIMIT_CHANGE) {
      await writeLimit(manager, customer, request.currency!, request.amount!.toFixed(), actor, {
        requestId: request.id,
        requestedBy: request.requestedBy,
      });
      recheck = { code: customer.code, currency: request.currency! };
    }
    if (input.approve && request.kind === CreditRequestKind.HOLD_RELEASE) {
      const profile = await manager.getRepository(CreditProfile).findOneBy({ customerId: customer.id });
      if (!profile?.onHold)
        throw new CreditError(CreditErrorCode.WRONG_STATE, `${customer.code} is not on hold`);
      await releaseHold(manager, customer, actor, request.id);
    }
    return request;
  });
  const changed = recheck as { code: string; currency: string } | null;
  if (changed) await recheckLimit(dataSource, changed.code, changed.currency);
  return decided;
}

export async function listCreditRequests(
  dataSource: DataSource,
  filter: { status?: CreditRequestStatus | null; customerCode?: string | null },
): Promise<Array<CreditRequest & { customerCode: string }>> {
  const query = dataSource
    .getRepository(CreditRequest)
    .createQueryBuilder('r')
    .innerJoin(Customer, 'c', 'c.id = r.customerId')
    .addSelect('c.code', 'customer_code')
    .orderBy('r.id', 'DESC')
    .limit(200);
  if (filter.status) query.andWhere('r.status = :status', { status: filter.status });
  if (filter.customerCode) query.andWhere('c.code = :code', { code: filter.customerCode });
  const { entities, raw } = await query.getRawAndEntities<{ customer_code: string }>();
  return entities.map((entity, i) => Object.assign(entity, { customerCode: raw[i].customer_code }));
}
