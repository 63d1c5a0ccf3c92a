// Open items, aging and hand applications over MySQL; the rules themselves are pure (open-items.ts, aging.ts).
import type { DataSource } from 'typeorm';
import { appendAudit } from '../audit/audit-log';
import { auditFields, type Actor } from '../contract/actor';
import { AgingBasis, type ApplicationSource } from '../contract/credit/enums';
import { Customer } from '../entities/customer.entity';
import { LedgerEntry } from '../entities/ledger-entry.entity';
import { ReceivableApplication } from '../entities/receivable-application.entity';
import { fromUnits, isPlainDecimal, toUnits } from '../formats/amount';
import { dayNumber, isIsoDate } from '../formats/date';
import { Money } from '../money/decimal';
import { ageOpenItems, agingBuckets, validateEdges, type AgedBalance, type AgingBucketDef } from './aging';
import { badInput, CreditError, CreditErrorCode, notFound } from './credit-error';
import { applyReceivables, openBalance, type OpenCredit, type OpenDebit, type OpenItems } from './open-items';
import {
  loadLedgerItems,
  loadManualApplications,
  loadTermsTimelines,
  termsOn,
  type TermsTimeline,
} from './receivables-source';
import { dueSchedule } from './terms';
import { isCurrencyCode } from '../formats/currency';

/** Open items of several customers at `asOf` (null: everything booked), from one read each of entries, terms and hand applications. */
export async function computeOpenItems(
  dataSource: Pick<DataSource, 'query'>,
  customerIds: readonly string[],
  asOf: string | null,
): Promise<Map<string, OpenItems>> {
  const [ledger, terms, manual] = await Promise.all([
    loadLedgerItems(dataSource, customerIds, asOf),
    loadTermsTimelines(dataSource, customerIds),
    loadManualApplications(dataSource, customerIds),
  ]);
  const result = new Map<string, OpenItems>();
  for (const id of customerIds)
    result.set(id, openItemsFrom(ledger.get(id) ?? [], terms.get(id), manual.get(id) ?? []));
  return result;
}

export function openItemsFrom(
  entries: Parameters<typeof applyReceivables>[0],
  timeline: TermsTimeline | undefined,
  manual: Parameters<typeof applyReceivables>[2],
): OpenItems {
  return applyReceivables(
    entries,
    (entry) => dueSchedule(termsOn(timeline, entry.date), entry.date, entry.units),
    manual,
  );
}

export async function customerByCode(dataSource: DataSource, code: string): Promise<Customer> {
  const customer = await dataSource.getRepository(Customer).findOneBy({ code });
  if (!customer) throw notFound(`customer ${code}`);
  return customer;
}

export function requireDate(value: string, field: string): string {
  if (!isIsoDate(value)) throw badInput(field, 'a date YYYY-MM-DD');
  return value;
}

export function requireId(value: string, field: string): string {
  if (!/^[1-9]\d{0,18}$/.test(value)) throw badInput(field, 'an id');
  return value;
}

const money = (units: bigint) => new Money(fromUnits(units));

export interface OpenDebitView {
  ledgerEntryId: string;
  instalment: number;
  instalments: number;
  docNo: string | null;
  kind: string;
  documentDate: string;
  dueDate: string;
  currency: string;
  amount: Money;
  openAmount: Money;
  /** Days past the due date at asOf (negative: days until due). */
  daysOverdue: number;
  clearedOn: string | null;
  applications: Array<{
    creditEntryId: string;
    amount: Money;
    appliedOn: string;
    source: ApplicationSource;
    /** The hand application (MANUAL only): what reverseReceivableApplication takes. */
    applicationId: string | null;
  }>;
}

export interface OpenCreditView {
  ledgerEntryId: string;
  docNo: string | null;
  reference: string | null;
  kind: string;
  documentDate: string;
  currency: string;
  amount: Money;
  unappliedAmount: Money;
}

export interface OpenItemsView {
  customer: Customer;
  asOf: string;
  balances: Array<{
    currency: string;
    balance: Money;
    openReceivables: Money;
    unapplied: Money;
    overdue: Money;
  }>;
  items: OpenDebitView[];
  credits: OpenCreditView[];
  /** With includeSettled: settled invoices and used-up credits beyond the most recent `settledFirst`. */
  settledLeftOut: number;
}

/** Settled invoice parts (and used-up credits) listed by default, and at most, with includeSettled. */
export const SETTLED_ITEMS_DEFAULT = 100;
export const SETTLED_ITEMS_MAX = 500;

/**
 * The most recent `limit` of `all` (by `recency`, newest first), kept in their original order: a
 * customer with years of paid invoices lists its latest ones, not its whole history.
 */
function latest<T>(all: readonly T[], limit: number, recency: (item: T) => string): T[] {
  if (all.length <= limit) return [...all];
  const kept = new Set(
    all
      .map((item, index) => ({ item, index, key: recency(item) }))
      .sort((a, b) => (a.key < b.key ? 1 : a.key > b.key ? -1 : b.index - a.index))
      .slice(0, limit)
      .map((entry) => entry.item),
  );
  return all.filter((item) => kept.has(item));
}

export function debitView(debit: OpenDebit, asOf: string): OpenDebitView {
  return {
    ledgerEntryId: debit.entryId,
    instalment: debit.part,
    instalments: debit.parts,
    docNo: debit.docNo,
    kind: debit.kind,
    documentDate: debit.date,
    dueDate: debit.dueDate,
    currency: debit.currency,
    amount: money(debit.units),
    openAmount: money(debit.openUnits),
    daysOverdue: dayNumber(asOf) - dayNumber(debit.dueDate),
    clearedOn: debit.clearedOn,
    applications: debit.applications.map((a) => ({
      creditEntryId: a.creditId,
      amount: money(a.units),
      appliedOn: a.on,
      source: a.source,
      applicationId: a.applicationId ?? null,
    })),
  };
}

const creditView = (credit: OpenCredit): OpenCreditView => ({
  ledgerEntryId: credit.entryId,
  docNo: credit.docNo,
  reference: credit.reference,
  kind: credit.kind,
  documentDate: credit.date,
  currency: credit.currency,
  amount: money(credit.units),
  unappliedAmount: money(credit.unappliedUnits),
});

/**
 * A customer's open items at `asOf`: every invoice part still owing with its due date and how it
 * was settled, and the credits no invoice has taken. Per currency, the open amounts plus the
 * unapplied credits are the balance, exactly. With `includeSettled`, settled invoice parts and
 * used-up credits too, the `settledFirst` (default 100, at most 500) most recently settled of each:
 * a long history is bounded, and `settledLeftOut` says how many were left out. What is open is
 * always listed in full.
 */
export async function openItemsOf(
  dataSource: DataSource,
  customerCode: string,
  asOf: string,
  includeSettled = false,
  settledFirst = SETTLED_ITEMS_DEFAULT,
): Promise<OpenItemsView> {
  requireDate(asOf, 'asOf');
  if (!Number.isInteger(settledFirst) || settledFirst < 1 || settledFirst > SETTLED_ITEMS_MAX)
    throw badInput('settledFirst', `a whole number from 1 to ${SETTLED_ITEMS_MAX}`);
  const customer = await customerByCode(dataSource, customerCode);
  const items = (await computeOpenItems(dataSource, [customer.id], asOf)).get(customer.id)!;
  const aged = ageOpenItems(items, asOf, [30], AgingBasis.DUE_DATE);
  const balances = openBalance(items);
  const settledDebits = includeSettled ? items.debits.filter((d) => d.openUnits === 0n) : [];
  const usedCredits = includeSettled ? items.credits.filter((c) => c.unappliedUnits === 0n) : [];
  const listedDebits = new Set(latest(settledDebits, settledFirst, (d) => `${d.clearedOn ?? ''} ${d.date}`));
  const listedCredits = new Set(latest(usedCredits, settledFirst, (c) => c.date));
  return {
    customer,
    asOf,
    balances: [...balances.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, balance]) => {
        const row = aged.find((a) => a.currency === currency);
        return {
          currency,
          balance: money(balance),
          openReceivables: money(balance - (row?.unapplied ?? 0n)),
          unapplied: money(row?.unapplied ?? 0n),
          overdue: money(row?.overdue ?? 0n),
        };
      }),
    items: items.debits
      .filter((d) => d.openUnits !== 0n || listedDebits.has(d))
      .map((d) => debitView(d, asOf)),
    credits: items.credits.filter((c) => c.unappliedUnits !== 0n || listedCredits.has(c)).map(creditView),
    settledLeftOut: settledDebits.length - listedDebits.size + usedCredits.length - listedCredits.size,
  };
}

export interface AgingRequest {
  asOf: string;
  currency: string;
  basis: AgingBasis;
  /** Bucket edges in days (default 30, 60, 90). */
  edges?: readonly number[];
  customerCode?: string;
}

export interface AgingRowView {
  customer: { id: string; code: string; name: string };
  buckets: Money[];
  unapplied: Money;
  total: Money;
  overdue: Money;
  oldestOverdueDays: number;
}

export interface ReceivablesAging {
  asOf: string;
  currency: string;
  basis: AgingBasis;
  buckets: AgingBucketDef[];
  rows: AgingRowView[];
  totals: Money[];
  unapplied: Money;
  total: Money;
  overdue: Money;
}

const AGING_BATCH = 500;

/**
 * Every customer's receivables in `currency` at `asOf`, aged by due date or by document date in the
 * given buckets. Customers are read a batch at a time (entries, terms, hand applications per batch).
 */
export async function receivablesAging(
  dataSource: DataSource,
  request: AgingRequest,
): Promise<ReceivablesAging> {
  requireDate(request.asOf, 'asOf');
  const edges = request.edges ?? [30, 60, 90];
  const problems = validateEdges(edges);
  if (problems.length) throw new CreditError(CreditErrorCode.INVALID_INPUT, problems[0].reason, problems);
  if (!isCurrencyCode(request.currency)) throw badInput('currency', 'a three-letter currency code');
  const customers = request.customerCode
    ? [await customerByCode(dataSource, request.customerCode)]
    : ((await dataSource.query(
        `SELECT CAST(c.id AS CHAR) AS id, c.code, c.name FROM customers c
          WHERE EXISTS (SELECT 1 FROM ledger_entries e WHERE e.customer_id = c.id AND e.currency = ?)
          ORDER BY c.code`,
        [request.currency],
      )) as Array<{ id: string; code: string; name: string }>);
  const rows: AgingRowView[] = [];
  const totals = new Array<bigint>(edges.length + 2).fill(0n);
  let unapplied = 0n;
  let overdue = 0n;
  for (let start = 0; start < customers.length; start += AGING_BATCH) {
    const batch = customers.slice(start, start + AGING_BATCH);
    const items = await computeOpenItems(
      dataSource,
      batch.map((c) => c.id),
      request.asOf,
    );
    for (const customer of batch) {
      const aged: AgedBalance | undefined = ageOpenItems(
        items.get(customer.id)!,
        request.asOf,
        edges,
        request.basis,
      ).find((a) => a.currency === request.currency);
      if (!aged || (aged.total === 0n && aged.buckets.every((b) => b === 0n))) continue;
      aged.buckets.forEach((units, i) => (totals[i] += units));
      unapplied += aged.unapplied;
      overdue += aged.overdue;
      rows.push({
        customer: { id: customer.id, code: customer.code, name: customer.name },
        buckets: aged.buckets.map(money),
        unapplied: money(aged.unapplied),
        total: money(aged.total),
        overdue: money(aged.overdue),
        oldestOverdueDays: aged.oldestOverdueDays,
      });
    }
  }
  const sum = totals.reduce((a, b) => a + b, 0n) + unapplied;
  return {
    asOf: request.asOf,
    currency: request.currency,
    basis: request.basis,
    buckets: agingBuckets(edges, request.basis),
    rows,
    totals: totals.map(money),
    unapplied: money(unapplied),
    total: money(sum),
    overdue: money(overdue),
  };
}

export interface HandApplication {
  customerCode: string;
  creditEntryId: string;
  debitEntryId: string;
  amount: string;
}

/**
 * A clerk applies part or all of a receipt or credit note to an invoice. Refused when the entries
 * are not that customer's, not a credit and a debit of one currency, or when it would apply more
 * than either has left after earlier hand applications. Audited; the customer row is locked so two
 * clerks applying the same receipt at once cannot over-apply it.
 */
export async function applyByHand(
  dataSource: DataSource,
  input: HandApplication,
  actor: Actor,
): Promise<ReceivableApplication> {
  if (!isPlainDecimal(input.amount) || toUnits(input.amount.trim()) <= 0n)
    throw badInput('amount', 'a positive amount with at most 4 decimals');
  const units = toUnits(input.amount.trim());
  requireId(input.creditEntryId, 'creditEntryId');
  requireId(input.debitEntryId, 'debitEntryId');
  return dataSource.transaction(async (manager) => {
    const customer = await manager
      .getRepository(Customer)
      .findOne({ where: { code: input.customerCode }, lock: { mode: 'pessimistic_write' } });
    if (!customer) throw notFound(`customer ${input.customerCode}`);
    const entries = manager.getRepository(LedgerEntry);
    const credit = await entries.findOneBy({ id: input.creditEntryId, customerId: customer.id });
    const debit = await entries.findOneBy({ id: input.debitEntryId, customerId: customer.id });
    if (!credit)
      throw badInput('creditEntryId', `no ledger entry ${input.creditEntryId} of ${customer.code}`);
    if (!debit) throw badInput('debitEntryId', `no ledger entry ${input.debitEntryId} of ${customer.code}`);
    if (!credit.amount.isNegative())
      throw badInput(
        'creditEntryId',
        'must be a receipt, credit note or other entry that lowers the balance',
      );
    if (!debit.amount.isPositive() || debit.amount.isZero())
      throw badInput('debitEntryId', 'must be an invoice, debit note or other entry that raises the balance');
    if (credit.currency !== debit.currency)
      throw badInput('debitEntryId', `is in ${debit.currency}, the credit in ${credit.currency}`);
    const [used] = (await manager.query(
      `SELECT CAST(COALESCE(SUM(CASE WHEN credit_entry_id = ? THEN amount END), 0) AS CHAR) AS on_credit,
              CAST(COALESCE(SUM(CASE WHEN debit_entry_id = ? THEN amount END), 0) AS CHAR) AS on_debit
         FROM receivable_applications
        WHERE customer_id = ? AND reversed_at IS NULL AND (credit_entry_id = ? OR debit_entry_id = ?)`,
      [credit.id, debit.id, customer.id, credit.id, debit.id],
    )) as Array<{ on_credit: string; on_debit: string }>;
    const creditLeft = -toUnits(credit.amount.toFixed()) - toUnits(used.on_credit);
    const debitLeft = toUnits(debit.amount.toFixed()) - toUnits(used.on_debit);
    if (units > creditLeft)
      throw badInput('amount', `the credit has ${fromUnits(creditLeft)} left to apply by hand`);
    if (units > debitLeft)
      throw badInput('amount', `the invoice has ${fromUnits(debitLeft)} left to settle by hand`);
    const repository = manager.getRepository(ReceivableApplication);
    const saved = await repository.save(
      repository.create({
        customerId: customer.id,
        creditEntryId: credit.id,
        debitEntryId: debit.id,
        amount: new Money(fromUnits(units)),
        appliedBy: actor.id,
      }),
    );
    await appendAudit(manager, {
      ...auditFields(actor),
      action: 'receivables.applied',
      entityType: 'receivable_application',
      entityId: saved.id,
      after: {
        customer: customer.code,
        creditEntryId: credit.id,
        debitEntryId: debit.id,
        amount: fromUnits(units),
      },
    });
    return saved;
  });
}

/** Undoes a hand application (it stays, marked reversed); the invoice falls back to reference and oldest-first. */
export async function reverseApplication(
  dataSource: DataSource,
  applicationId: string,
  actor: Actor,
): Promise<ReceivableApplication> {
  requireId(applicationId, 'id');
  return dataSource.transaction(async (manager) => {
    const repository = manager.getRepository(ReceivableApplication);
    const application = await repository.findOne({
      where: { id: applicationId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!application) throw notFound(`application ${applicationId}`);
    if (application.reversedAt)
      throw new CreditError(CreditErrorCode.WRONG_STATE, `application ${applicationId} is already reversed`);
    application.reversedAt = new Date();
    application.reversedBy = actor.id;
    await repository.save(application);
    await appendAudit(manager, {
      ...auditFields(actor),
      action: 'receivables.application_reversed',
      entityType: 'receivable_application',
      entityId: application.id,
      before: { amount: application.amount.toFixed() },
    });
    return application;
  });
}
