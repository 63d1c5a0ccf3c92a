import type { DataSource } from 'typeorm';
import { ConfirmationStatus, PeriodStatus } from '../contract/enums';
import type { DisputedLineInput } from '../contract/period';
import { CustomerConfirmation } from '../entities/customer-confirmation.entity';
import { ReconciliationPeriod } from '../entities/reconciliation-period.entity';
import { Money } from '../money/decimal';
import { toChineseCapital } from '../reports/chinese-capital';
import { currencyWord } from '../reports/builders/common';
import { toEnglishWords } from '../reports/english-words';
import { statementOfAccount } from '../reports/sources/period-reports';
import type { CompanyInfo } from '../contract/documents';
import { PeriodError, PeriodErrorCode } from './period-error';
import { isCanonicalId } from '../contract/ids';

/** The link the customer holds: one period, one round (auth/customer-link-store.ts verified it). */
export interface CustomerLinkScope {
  periodId: string;
  round: number;
  confirmationId: string;
}

export enum CustomerStatementState {
  /** The link may answer: confirm the balance or dispute lines. */
  AWAITING_ANSWER = 'AWAITING_ANSWER',
  CONFIRMED = 'CONFIRMED',
  DISPUTED = 'DISPUTED',
  /** No answer is expected any more (the period was closed another way). */
  CLOSED = 'CLOSED',
}

export interface CustomerStatementLineView {
  lineNo: number;
  date: string;
  docNo: string;
  kind: string;
  reference: string | null;
  description: string | null;
  amount: string;
  /** Running balance after the line, as the PDF prints it. */
  balance: string;
}

export interface CustomerDisputedLineView {
  /** The line's number on the statement; null for a line of the customer's own statement file. */
  lineNo: number | null;
  comment: string;
  theirAmount: string | null;
}

export interface CustomerAnswerView {
  outcome: 'CONFIRMED' | 'DISPUTED';
  respondedAt: Date | null;
  comment: string | null;
  disputedLines: CustomerDisputedLineView[];
}

/** Everything a link may see: its period's statement as sent, and its own answer. Nothing internal. */
export interface CustomerStatementView {
  periodId: string;
  companyName: string;
  customerCode: string;
  customerName: string;
  statementNo: string;
  periodStart: string;
  periodEnd: string;
  currency: string;
  round: number;
  sentAt: Date | null;
  state: CustomerStatementState;
  openingBalance: string;
  closingBalance: string;
  closingBalanceInChinese: string;
  closingBalanceInEnglish: string;
  lines: CustomerStatementLineView[];
  answer: CustomerAnswerView | null;
}

/** Our lines as the statement prints them, each with its number and the ledger entry it is. */
async function printedLines(dataSource: DataSource, company: CompanyInfo, periodId: string) {
  const data = await statementOfAccount(dataSource, company, periodId);
  let balance = new Money(data.openingBalance);
  const lines = data.lines.map((line, index) => {
    balance = balance.plus(new Money(line.amount));
    return {
      entryId: line.entryId ?? '',
      view: {
        lineNo: index + 1,
        date: line.date,
        docNo: line.docNo,
        kind: line.kind,
        reference: line.reference ?? null,
        description: line.description ?? null,
        amount: line.amount,
        balance: balance.toFixed(),
      },
    };
  });
  return { data, lines, closing: balance };
}

function stateOf(status: ConfirmationStatus, period: ReconciliationPeriod): CustomerStatementState {
  if (status === ConfirmationStatus.CONFIRMED) return CustomerStatementState.CONFIRMED;
  if (status === ConfirmationStatus.DISPUTED) return CustomerStatementState.DISPUTED;
  return period.status === PeriodStatus.AWAITING_CUSTOMER
    ? CustomerStatementState.AWAITING_ANSWER
    : CustomerStatementState.CLOSED;
}

export async function loadCustomerStatement(
  dataSource: DataSource,
  company: CompanyInfo,
  link: CustomerLinkScope,
): Promise<CustomerStatementView> {
  const period = await dataSource.getRepository(ReconciliationPeriod).findOneByOrFail({ id: link.periodId });
  const confirmation = await dataSource
    .getRepository(CustomerConfirmation)
    .findOneByOrFail({ id: link.confirmationId });
  const { data, lines, closing } = await printedLines(dataSource, company, link.periodId);
  const state = stateOf(confirmation.status, period);
  const answered = state === CustomerStatementState.CONFIRMED || state === CustomerStatementState.DISPUTED;
  return {
    periodId: link.periodId,
    companyName: company.name,
    customerCode: data.customer.code,
    customerName: data.customer.name,
    statementNo: data.statementNo,
    periodStart: data.periodStart,
    periodEnd: data.periodEnd,
    currency: data.currency,
    round: link.round,
    sentAt: confirmation.sentAt,
    state,
    openingBalance: data.openingBalance,
    closingBalance: closing.toFixed(),
    closingBalanceInChinese: currencyWord(data.currency) + toChineseCapital(closing),
    closingBalanceInEnglish: toEnglishWords(closing, data.currency),
    lines: lines.map((line) => line.view),
    answer: answered
      ? {
          outcome: state === CustomerStatementState.CONFIRMED ? 'CONFIRMED' : 'DISPUTED',
          respondedAt: confirmation.respondedAt,
          comment: confirmation.comment,
          disputedLines: await disputedLinesOf(dataSource, confirmation.id, lines),
        }
      : null,
  };
}

async function disputedLinesOf(
  dataSource: DataSource,
  confirmationId: string,
  lines: Array<{ entryId: string; view: CustomerStatementLineView }>,
): Promise<CustomerDisputedLineView[]> {
  const rows = (await dataSource.query(
    `SELECT CAST(ledger_entry_id AS CHAR) AS entryId, comment, CAST(their_amount AS CHAR) AS theirAmount
       FROM disputed_lines WHERE confirmation_id = ? ORDER BY id`,
    [confirmationId],
  )) as Array<{ entryId: string | null; comment: string; theirAmount: string | null }>;
  const numbers = new Map(lines.map((line) => [line.entryId, line.view.lineNo]));
  return rows.map((row) => ({
    lineNo: row.entryId ? (numbers.get(row.entryId) ?? null) : null,
    comment: row.comment,
    theirAmount: row.theirAmount === null ? null : new Money(row.theirAmount).toFixed(),
  }));
}

/** A disputed line as a caller names it: by id, by its number on the statement, or as printed. */
export interface DisputedLineRequest {
  side?: string | null;
  lineId?: string | null;
  lineNo?: number | null;
  printed?: { date: string; docNo: string; amount: string } | null;
  comment: string;
  theirAmount?: string | null;
}

/**
 * Turns the lines a dispute names into the period's own rows (#17.12, #19.9): OURS lines must be on
 * the statement we sent, THEIRS lines on the customer's current statement of this period. Anything
 * else is refused at once, naming the line (`lines[i]…`), before the workflow sees it.
 */
export async function resolveDisputedLines(
  dataSource: DataSource,
  company: CompanyInfo,
  periodId: string,
  requested: readonly DisputedLineRequest[],
): Promise<DisputedLineInput[]> {
  const refuse = (index: number, field: string, reason: string): never => {
    throw new PeriodError(PeriodErrorCode.INVALID_DISPUTE, `lines[${index}].${field}: ${reason}`, [
      { index, field, reason },
    ]);
  };
  if (requested.length === 0) refuse(0, 'lines', 'a dispute names at least one line');
  const period = await dataSource.getRepository(ReconciliationPeriod).findOneByOrFail({ id: periodId });
  const { lines } = await printedLines(dataSource, company, periodId);
  const ours = new Set(lines.map((line) => line.entryId));
  const theirs = new Set(
    period.statementId
      ? (
          (await dataSource.query(
            'SELECT CAST(id AS CHAR) AS id FROM statement_lines WHERE statement_id = ?',
            [period.statementId],
          )) as Array<{ id: string }>
        ).map((row) => row.id)
      : [],
  );
  const seen = new Set<string>();
  return requested.map((line, index) => {
    const side = line.side ?? 'OURS';
    if (side !== 'OURS' && side !== 'THEIRS') refuse(index, 'side', 'side is OURS or THEIRS');
    const ways = [line.lineId, line.lineNo, line.printed].filter((way) => way !== undefined && way !== null);
    if (ways.length !== 1) refuse(index, 'lineId', 'name the line one way: lineId, lineNo or printed');
    if (!line.comment?.trim()) refuse(index, 'comment', 'each disputed line needs a comment');
    let lineId: string;
    if (line.lineId !== undefined && line.lineId !== null) {
      if (!isCanonicalId(line.lineId)) refuse(index, 'lineId', `"${line.lineId}" is not a line id`);
      const known = side === 'OURS' ? ours : theirs;
      if (!known.has(line.lineId))
        refuse(
          index,
          'lineId',
          `line ${line.lineId} is not on this period's ${side === 'OURS' ? 'statement' : 'customer statement'}`,
        );
      lineId = line.lineId;
    } else {
      if (side !== 'OURS') refuse(index, 'side', 'lineNo and printed name lines of our statement (OURS)');
      lineId =
        line.lineNo !== undefined && line.lineNo !== null ? byNumber(line.lineNo) : byPrinted(line.printed!);
    }
    if (seen.has(`${side}:${lineId}`)) refuse(index, 'lineId', 'the same line is named twice');
    seen.add(`${side}:${lineId}`);
    return {
      side: side as 'OURS' | 'THEIRS',
      lineId,
      comment: line.comment.trim(),
      ...(line.theirAmount !== undefined && line.theirAmount !== null
        ? { theirAmount: new Money(line.theirAmount).toFixed() }
        : {}),
    };

    function byNumber(lineNo: number): string {
      const found = lines[lineNo - 1];
      if (!Number.isInteger(lineNo) || !found)
        return refuse(index, 'lineNo', `the statement has lines 1 to ${lines.length}`);
      return found.entryId;
    }

    function byPrinted(printed: { date: string; docNo: string; amount: string }): string {
      const amount = new Money(printed.amount);
      const matches = lines.filter(
        ({ view }) =>
          view.date === printed.date &&
          view.docNo.trim() === printed.docNo.trim() &&
          new Money(view.amount).equals(amount),
      );
      if (matches.length === 0)
        return refuse(
          index,
          'printed',
          `no line ${printed.date} ${printed.docNo} ${printed.amount} on the statement`,
        );
      if (matches.length > 1) return refuse(index, 'printed', 'several lines read so: name it by lineNo');
      return matches[0].entryId;
    }
  });
}
