// Dunning for the API: the cases' records (MySQL) and the messages to a customer's running case (Temporal).
import { WorkflowNotFoundError } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import {
  getDunningState,
  openDunningDispute,
  promiseToPay,
  resolveDunningDispute,
  type DunningState,
  type OpenDisputeRequest,
  type PromiseToPayRequest,
  type ResolveDisputeRequest,
} from '../contract/collections/dunning';
import { DunningCaseStatus, PromiseStatus, type RiskClass } from '../contract/credit/enums';
import { CreditError, CreditErrorCode } from '../credit/credit-error';
import { customerByCode, computeOpenItems, requireDate } from '../credit/open-items.service';
import { riskClassOf } from '../credit/risk-class';
import type { Customer } from '../entities/customer.entity';
import { DunningCase } from '../entities/dunning-case.entity';
import { DunningDispute } from '../entities/dunning-dispute.entity';
import { DunningLetter } from '../entities/dunning-letter.entity';
import { DunningPromise } from '../entities/dunning-promise.entity';
import { fromUnits } from '../formats/amount';
import { dateOfDay, dayNumber } from '../formats/date';
import type { DunningStarter } from './dunning-starter';
import { overdueOfItems } from './overdue';
import { paidLateness, type PaidLateness } from './payment-behaviour';

export interface DunningCaseRecord {
  dunningCase: DunningCase;
  letters: DunningLetter[];
  promises: DunningPromise[];
  disputes: DunningDispute[];
}

/** A customer's dunning cases, newest cycle first, each with its letters, promises and disputes. */
export async function dunningCasesOf(
  dataSource: DataSource,
  customerCode: string,
): Promise<{ customer: Customer; cases: DunningCaseRecord[] }> {
  const customer = await customerByCode(dataSource, customerCode);
  const cases = await dataSource
    .getRepository(DunningCase)
    .find({ where: { customerId: customer.id }, order: { cycle: 'DESC', id: 'DESC' }, take: 50 });
  const byCase =
    <T extends { caseId: string }>(rows: T[]) =>
    (id: string) =>
      rows.filter((r) => r.caseId === id);
  const where = { customerId: customer.id };
  const [letters, promises, disputes] = await Promise.all([
    dataSource.getRepository(DunningLetter).find({ where, order: { level: 'ASC' } }),
    dataSource.getRepository(DunningPromise).find({ where, order: { id: 'ASC' } }),
    dataSource.getRepository(DunningDispute).find({ where, order: { id: 'ASC' } }),
  ]);
  return {
    customer,
    cases: cases.map((dunningCase) => ({
      dunningCase,
      letters: byCase(letters)(dunningCase.id),
      promises: byCase(promises)(dunningCase.id),
      disputes: byCase(disputes)(dunningCase.id),
    })),
  };
}

/** Days of settled invoices the payment-behaviour view looks back over. */
export const BEHAVIOUR_WINDOW_DAYS = 365;

export interface PaymentBehaviour extends PaidLateness {
  customer: Customer;
  asOf: string;
  currency: string;
  openReceivables: string;
  overdue: string;
  oldestOverdueDays: number;
  riskClass: RiskClass;
  score: number | null;
  lettersSent: number;
  promisesKept: number;
  promisesBroken: number;
  openDisputes: number;
  dunningStatus: DunningCaseStatus | null;
}

/** How a customer pays: lateness over the last year, what it owes now, its class and its dunning so far. */
export async function paymentBehaviourOf(
  dataSource: DataSource,
  customerCode: string,
  asOf: string,
): Promise<PaymentBehaviour> {
  requireDate(asOf, 'asOf');
  const customer = await customerByCode(dataSource, customerCode);
  const items = (await computeOpenItems(dataSource, [customer.id], asOf)).get(customer.id)!;
  const overdue = overdueOfItems(customer.id, customer.currency, items.debits, asOf);
  const open = items.debits
    .filter((d) => d.currency === customer.currency)
    .reduce((sum, d) => sum + d.openUnits, 0n);
  const since = dateOfDay(dayNumber(asOf) - BEHAVIOUR_WINDOW_DAYS);
  const [counts] = (await dataSource.query(
    `SELECT (SELECT COUNT(*) FROM dunning_letters WHERE customer_id = ? AND status = 'SENT') AS letters,
            (SELECT COUNT(*) FROM dunning_promises WHERE customer_id = ? AND status = ?) AS kept,
            (SELECT COUNT(*) FROM dunning_promises WHERE customer_id = ? AND status = ?) AS broken,
            (SELECT COUNT(*) FROM dunning_disputes WHERE customer_id = ? AND status = 'OPEN') AS disputes,
            (SELECT status FROM dunning_cases WHERE customer_id = ? ORDER BY cycle DESC, id DESC LIMIT 1) AS dunning,
            (SELECT score FROM credit_profiles WHERE customer_id = ?) AS score`,
    [
      customer.id,
      customer.id,
      PromiseStatus.KEPT,
      customer.id,
      PromiseStatus.BROKEN,
      customer.id,
      customer.id,
      customer.id,
    ],
  )) as Array<Record<string, string | number | null>>;
  return {
    customer,
    asOf,
    currency: customer.currency,
    openReceivables: fromUnits(open),
    overdue: overdue.overdue,
    oldestOverdueDays: overdue.oldestDays,
    riskClass: await riskClassOf(dataSource, customer.id),
    score: counts.score === null ? null : Number(counts.score),
    lettersSent: Number(counts.letters),
    promisesKept: Number(counts.kept),
    promisesBroken: Number(counts.broken),
    openDisputes: Number(counts.disputes),
    dunningStatus: caseStatusOf(counts.dunning),
    ...paidLateness(items.debits, customer.currency, since, asOf),
  };
}

const CASE_STATUSES: ReadonlySet<unknown> = new Set(Object.values(DunningCaseStatus));
const caseStatusOf = (value: unknown): DunningCaseStatus | null =>
  CASE_STATUSES.has(value) ? (value as DunningCaseStatus) : null;

/** The messages a clerk sends to a customer's running case: each answered by its Update's validator. */
export class DunningControl {
  constructor(
    private readonly dataSource: DataSource,
    private readonly starter: DunningStarter,
  ) {}

  /** The running (or last) case's live state; null when the customer never had one. */
  async state(customerCode: string): Promise<DunningState | null> {
    await customerByCode(this.dataSource, customerCode);
    try {
      return await this.starter.handle(customerCode).query(getDunningState);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return null;
      throw error;
    }
  }

  promiseToPay(customerCode: string, request: PromiseToPayRequest): Promise<DunningState> {
    return this.update(customerCode, (handle) => handle.executeUpdate(promiseToPay, { args: [request] }));
  }

  pause(customerCode: string, request: OpenDisputeRequest): Promise<DunningState> {
    return this.update(customerCode, (handle) =>
      handle.executeUpdate(openDunningDispute, { args: [request] }),
    );
  }

  resume(customerCode: string, request: ResolveDisputeRequest): Promise<DunningState> {
    return this.update(customerCode, (handle) =>
      handle.executeUpdate(resolveDunningDispute, { args: [request] }),
    );
  }

  private async update(
    customerCode: string,
    send: (handle: ReturnType<DunningStarter['handle']>) => Promise<DunningState>,
  ): Promise<DunningState> {
    await customerByCode(this.dataSource, customerCode);
    const handle = this.starter.handle(customerCode);
    try {
      const described = await handle.describe();
      if (described.status.name !== 'RUNNING') throw noCase(customerCode);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw noCase(customerCode);
      throw error;
    }
    return send(handle);
  }
}

const noCase = (customerCode: string) =>
  new CreditError(CreditErrorCode.WRONG_STATE, `customer ${customerCode} has no dunning case running`);
