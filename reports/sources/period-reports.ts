import type { DataSource } from 'typeorm';
import { Customer } from '../../entities/customer.entity';
import { Difference } from '../../entities/difference.entity';
import { LedgerEntry } from '../../entities/ledger-entry.entity';
import { ReconciliationPeriod } from '../../entities/reconciliation-period.entity';
import { StatementLine as StatementLineEntity } from '../../entities/statement-line.entity';
import { Money } from '../../money/decimal';
import { periodKey } from '../../contract/period';
import type {
  BalanceBridgeData,
  CompanyInfo,
  ConfirmationLetterData,
  DifferenceReportData,
  StatementOfAccountData,
} from '../types';
import { ReportRequestError, ReportRequestErrorCode } from './report-error';

const today = () => new Date().toISOString().slice(0, 10);
const text = (value: Money | null | undefined) => (value ?? new Money(0)).toFixed();

async function load(dataSource: DataSource, periodId: string) {
  if (!/^\d{1,20}$/.test(periodId)) throw ReportRequestError.invalid('periodId must be numeric', 'periodId');
  const period = await dataSource.getRepository(ReconciliationPeriod).findOneBy({ id: periodId });
  if (!period) throw new ReportRequestError(ReportRequestErrorCode.NOT_FOUND, `no period ${periodId}`);
  const customer = await dataSource.getRepository(Customer).findOneByOrFail({ id: period.customerId });
  return {
    period,
    customer,
    info: { code: customer.code, name: customer.name, contact: customer.contactEmail ?? undefined },
  };
}

/** The differences of the period's latest match run: the ones its bridge is made of. */
const latestDifferences = (dataSource: DataSource, period: ReconciliationPeriod) =>
  dataSource
    .getRepository(Difference)
    .find({ where: { periodId: period.id, matchRun: period.matchRun }, order: { id: 'ASC' } });

/**
 * How the statement reaches the customer: the e-mailed copy carries the link (made when it is
 * sent, never again); a copy downloaded later only says when it was sent.
 */
export interface StatementSending {
  confirmationUrl?: string;
  sentOn?: string;
}

/** 对账单: our opening balance and every entry of the period (the lines the workflow matched). */
export async function statementOfAccount(
  dataSource: DataSource,
  company: CompanyInfo,
  periodId: string,
  sending: StatementSending = {},
): Promise<StatementOfAccountData> {
  const { period, customer } = await load(dataSource, periodId);
  return statementOfAccountFor(dataSource, company, { period, customer }, sending);
}

/** The same for a period already loaded (the statement activity has it in hand). */
export async function statementOfAccountFor(
  dataSource: DataSource,
  company: CompanyInfo,
  { period, customer }: { period: ReconciliationPeriod; customer: Customer },
  { confirmationUrl, sentOn }: StatementSending = {},
): Promise<StatementOfAccountData> {
  const entries = (await dataSource.query(
    `SELECT CAST(id AS CHAR) AS id, DATE_FORMAT(entry_date, '%Y-%m-%d') AS date, doc_no, external_id, reference, description, kind,
            CAST(amount AS CHAR) AS amount
       FROM ledger_entries
      WHERE customer_id = ? AND entry_date BETWEEN ? AND ?
      ORDER BY entry_date, id`,
    [period.customerId, period.periodStart, period.periodEnd],
  )) as Array<{
    id: string;
    date: string;
    doc_no: string | null;
    external_id: string;
    reference: string | null;
    description: string | null;
    kind: string;
    amount: string;
  }>;
  const info = { code: customer.code, name: customer.name, contact: customer.contactEmail ?? undefined };
  return {
    company,
    customer: info,
    statementNo: `ST-${info.code}-${periodKey(period.periodStart, period.periodEnd)}`,
    issueDate: today(),
    periodStart: period.periodStart,
    periodEnd: period.periodEnd,
    currency: period.currency,
    openingBalance: text(period.ourOpeningBalance),
    lines: entries.map((e) => ({
      entryId: e.id,
      date: e.date,
      docNo: e.doc_no ?? e.external_id,
      reference: e.reference,
      description: e.description,
      kind: e.kind as StatementOfAccountData['lines'][number]['kind'],
      amount: new Money(e.amount).toFixed(),
    })),
    ...(confirmationUrl ? { confirmationUrl } : {}),
    ...(sentOn ? { sentOn } : {}),
  };
}

/** 询证函: the balance at the period end, to confirm or dispute. */
export async function confirmationLetter(
  dataSource: DataSource,
  company: CompanyInfo,
  periodId: string,
  sending: StatementSending = {},
): Promise<ConfirmationLetterData> {
  return confirmationLetterFor(company, await load(dataSource, periodId), sending);
}

/**
 * The same for a period already loaded: the statement activity has it in hand, and reading it
 * again (period and customer) for every statement the monthly fan-out sends cost two queries each.
 */
export function confirmationLetterFor(
  company: CompanyInfo,
  { period, customer }: { period: ReconciliationPeriod; customer: Customer },
  { confirmationUrl, sentOn }: StatementSending = {},
): ConfirmationLetterData {
  const info = { code: customer.code, name: customer.name, contact: customer.contactEmail ?? undefined };
  return {
    company,
    customer: info,
    letterNo: `CF-${info.code}-${periodKey(period.periodStart, period.periodEnd)}`,
    issueDate: today(),
    asOf: period.periodEnd,
    currency: period.currency,
    balance: text(period.ourClosingBalance),
    ...(confirmationUrl ? { confirmationUrl } : {}),
    ...(sentOn ? { sentOn } : {}),
  };
}

/** 差异报告: the differences of the latest match run, with both sides' references and amounts. */
export async function differenceReport(
  dataSource: DataSource,
  company: CompanyInfo,
  periodId: string,
): Promise<DifferenceReportData> {
  const { period, info } = await load(dataSource, periodId);
  const differences = await latestDifferences(dataSource, period);
  const ourIds = differences.flatMap((d) => d.ourIds);
  const theirIds = differences.flatMap((d) => d.theirIds);
  const ours = new Map(
    (ourIds.length
      ? await dataSource.getRepository(LedgerEntry).createQueryBuilder('e').whereInIds(ourIds).getMany()
      : []
    ).map((e) => [e.id, e]),
  );
  const theirs = new Map(
    (theirIds.length
      ? await dataSource
          .getRepository(StatementLineEntity)
          .createQueryBuilder('l')
          .whereInIds(theirIds)
          .getMany()
      : []
    ).map((l) => [l.id, l]),
  );
  return {
    company,
    customer: info,
    periodStart: period.periodStart,
    periodEnd: period.periodEnd,
    currency: period.currency,
    generatedAt: today(),
    differences: differences.map((d) => {
      const our = d.ourIds.map((id) => ours.get(id)).filter((e): e is LedgerEntry => Boolean(e));
      const their = d.theirIds
        .map((id) => theirs.get(id))
        .filter((l): l is StatementLineEntity => Boolean(l));
      const ourAmount = our.reduce((sum, e) => sum.plus(e.amount), new Money(0));
      const theirAmount = their.reduce((sum, l) => sum.plus(l.amount), new Money(0));
      return {
        kind: d.kind,
        date: our[0]?.entryDate ?? their[0]?.txnDate ?? null,
        ourRef: our.map((e) => e.docNo ?? e.reference ?? e.externalId).join(', ') || null,
        theirRef: their.map((l) => l.reference ?? l.docNo ?? l.externalId).join(', ') || null,
        ourAmount: our.length ? ourAmount.toFixed() : null,
        theirAmount: their.length ? theirAmount.toFixed() : null,
        // The bridge's sign, as stored: the effect on our balance (theirs − ours).
        difference: d.amount.toFixed(),
        reason: d.resolution ? `${d.explanation} — ${d.resolution}` : d.explanation,
        status: d.status,
      };
    }),
  };
}

/** 余额调节表: from our closing balance through every difference to theirs. */
export async function balanceBridge(
  dataSource: DataSource,
  company: CompanyInfo,
  periodId: string,
): Promise<BalanceBridgeData> {
  const { period, info } = await load(dataSource, periodId);
  const differences = await latestDifferences(dataSource, period);
  return {
    company,
    customer: info,
    periodStart: period.periodStart,
    periodEnd: period.periodEnd,
    currency: period.currency,
    ourClosingBalance: text(period.ourClosingBalance),
    theirClosingBalance: text(period.theirClosingBalance),
    items: differences.map((d) => ({
      kind: d.kind,
      description: d.explanation,
      reference: null,
      amount: d.amount.toFixed(),
    })),
  };
}
