/**
 * Plain data the report builders render: what the API or CLI loads from the database and hands over.
 * Amounts are exact decimal text ("1234.5"); dates are YYYY-MM-DD; rates are fractions as text ("0.875").
 * Signs follow the ledger: positive increases what the customer owes us. A difference is signed by its
 * effect on our balance, as the bridge adds it: our closing + every difference = the customer's closing
 * (one convention in the API, the bridge, every report and the KPIs; docs/imports-and-reports.md).
 */

import type { CompanyInfo, CustomerInfo } from '../contract/documents';
import type { CreditStanding } from '../credit/credit-standing';

// Types that other modules own, under the names the builders use.
export type { CompanyInfo, CustomerInfo } from '../contract/documents';
export type { DunningLetterData, DunningLetterItem } from '../collections/letter-types';
/** One customer's row of the credit review: its credit standing. */
export type CreditReviewRow = CreditStanding;

export type Amount = string;
export type IsoDate = string;
/** zh: Chinese only, en: English only, bilingual: both (the default for documents sent out). */
export type Language = 'zh' | 'en' | 'bilingual';

export interface StatementLine {
  /** Our ledger entry the line prints (not printed; lets the customer's page name the line). */
  readonly entryId?: string;
  readonly date: IsoDate;
  readonly docNo: string;
  readonly reference?: string | null;
  readonly description?: string | null;
  /** INVOICE, RECEIPT, CREDIT_NOTE, ... */
  readonly kind: string;
  readonly amount: Amount;
}

/** 对账单: our view of the account for a period, sent to the customer to confirm. */
export interface StatementOfAccountData {
  readonly company: CompanyInfo;
  readonly customer: CustomerInfo;
  readonly statementNo: string;
  readonly issueDate: IsoDate;
  readonly periodStart: IsoDate;
  readonly periodEnd: IsoDate;
  readonly currency: string;
  readonly openingBalance: Amount;
  readonly lines: readonly StatementLine[];
  /** Link to the online confirmation page: only in the copy e-mailed to the customer. */
  readonly confirmationUrl?: string;
  /** When the statement went to the customer (staff copies print this instead of the link). */
  readonly sentOn?: IsoDate;
  readonly replyBy?: IsoDate;
  readonly notes?: string;
}

/** 询证函: asks the customer to confirm (or dispute) the balance at a date, with a reply slip. */
export interface ConfirmationLetterData {
  readonly company: CompanyInfo;
  readonly customer: CustomerInfo;
  readonly letterNo: string;
  readonly issueDate: IsoDate;
  readonly asOf: IsoDate;
  readonly currency: string;
  /** Positive: the customer owes us; negative: we owe the customer. */
  readonly balance: Amount;
  readonly replyBy?: IsoDate;
  readonly confirmationUrl?: string;
  /** As in StatementOfAccountData. */
  readonly sentOn?: IsoDate;
  readonly contactName?: string;
  readonly contactPhone?: string;
  readonly contactEmail?: string;
  readonly notes?: string;
}

export interface DifferenceItem {
  /** MISSING_IN_OURS, MISSING_IN_THEIRS, AMOUNT_MISMATCH, TIMING, DUPLICATE, TOLERANCE, UNEXPLAINED */
  readonly kind: string;
  readonly date?: IsoDate | null;
  readonly ourRef?: string | null;
  readonly theirRef?: string | null;
  readonly ourAmount?: Amount | null;
  readonly theirAmount?: Amount | null;
  /** Effect on our balance (the bridge's sign): theirs minus ours. */
  readonly difference: Amount;
  readonly reason?: string | null;
  /** OPEN, EXPLAINED, RESOLVED */
  readonly status?: string | null;
}

/** 差异报告 */
export interface DifferenceReportData {
  readonly company: CompanyInfo;
  readonly customer: CustomerInfo;
  readonly periodStart: IsoDate;
  readonly periodEnd: IsoDate;
  readonly currency: string;
  readonly generatedAt: IsoDate;
  readonly differences: readonly DifferenceItem[];
}

export interface BridgeItem {
  readonly kind: string;
  readonly description: string;
  readonly reference?: string | null;
  /** Added to our closing balance on the way to the customer's. */
  readonly amount: Amount;
}

/** 余额调节表: our closing balance, plus and minus every difference, against the customer's. */
export interface BalanceBridgeData {
  readonly company: CompanyInfo;
  readonly customer: CustomerInfo;
  readonly periodStart: IsoDate;
  readonly periodEnd: IsoDate;
  readonly currency: string;
  readonly ourClosingBalance: Amount;
  readonly theirClosingBalance: Amount;
  readonly items: readonly BridgeItem[];
}

export type AgingBucket = 'CURRENT' | 'D1_30' | 'D31_60' | 'D61_90' | 'D90_PLUS';

/** One open receivable (or unapplied credit) to age. */
export interface AgingItem {
  readonly customerCode: string;
  readonly customerName: string;
  readonly docNo: string;
  readonly docDate: IsoDate;
  readonly dueDate?: IsoDate | null;
  /** Open amount. */
  readonly amount: Amount;
}

export interface AgingRow {
  readonly customerCode: string;
  readonly customerName: string;
  /** In AGING_BUCKETS order. */
  readonly buckets: readonly Amount[];
  readonly total: Amount;
}

/** 账龄分析; made by computeAging. */
export interface AgingReportData {
  readonly company: CompanyInfo;
  readonly currency: string;
  readonly asOf: IsoDate;
  readonly rows: readonly AgingRow[];
  readonly totals: readonly Amount[];
  readonly total: Amount;
  readonly items?: readonly (AgingItem & { readonly daysPastDue: number; readonly bucket: AgingBucket })[];
}

export interface SummaryRow {
  readonly customerCode: string;
  readonly customerName: string;
  /** "2026-01" for a month. */
  readonly period: string;
  /** OPEN, IN_REVIEW, AWAITING_CUSTOMER, CLOSED, ... */
  readonly status: string;
  readonly ourClosingBalance: Amount;
  readonly theirClosingBalance?: Amount | null;
  readonly matchedCount: number;
  readonly differenceCount: number;
  /** The open differences' net effect on our balance (the bridge's sign). */
  readonly openDifferenceAmount: Amount;
  readonly confirmedOn?: IsoDate | null;
}

/** 月度/年度对账汇总 */
export interface ReconSummaryData {
  readonly company: CompanyInfo;
  readonly scope: 'MONTHLY' | 'ANNUAL';
  /** "2026-01" or "2026". */
  readonly period: string;
  readonly currency: string;
  readonly rows: readonly SummaryRow[];
  /** Periods of the same month or year in other currencies, left out of this summary and named in it. */
  readonly otherCurrencies?: ReadonlyArray<{ readonly currency: string; readonly periods: number }>;
}

export interface ClerkKpi {
  readonly clerk: string;
  readonly periods: number;
  readonly autoMatchRate: string;
  readonly manualMatches: number;
  readonly differencesResolved: number;
  readonly openTasks: number;
  readonly averageDaysToResolve: string | null;
}

export interface AgeCount {
  readonly bucket: AgingBucket;
  readonly count: number;
  /** Net effect on our balance of the open differences in the bucket (the bridge's sign). */
  readonly amount: Amount;
}

/** 对账KPI */
export interface KpiReportData {
  readonly company: CompanyInfo;
  readonly period: string;
  readonly currency: string;
  readonly periods: number;
  readonly autoMatchRate: string;
  /** Days from sending the statement to the customer's confirmation, median. */
  readonly medianDaysToConfirm: string | null;
  readonly confirmationRate: string;
  readonly disputeRate: string;
  readonly openDifferencesByAge: readonly AgeCount[];
  readonly perClerk: readonly ClerkKpi[];
  /** Periods of the range in other currencies, left out of these KPIs and named in them. */
  readonly otherCurrencies?: ReadonlyArray<{ readonly currency: string; readonly periods: number }>;
}

/** 信用评审表: every customer's limit, exposure, score by component, class, suggested limit and hold. */
export interface CreditReviewData {
  readonly company: CompanyInfo;
  /** When the exposures were read (scores are as of their own night). */
  readonly asOf: IsoDate;
  readonly rows: readonly CreditReviewRow[];
}

/** 催收关键指标: collection KPIs over a range of days in one currency (docs/collections.md "KPIs"). */
export interface CollectionKpiData {
  readonly company: CompanyInfo;
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly currency: string;
  readonly days: number;
  readonly openAtStart: Amount;
  readonly invoiced: Amount;
  readonly openAtEnd: Amount;
  readonly overdueAtEnd: Amount;
  /** Days sales outstanding, two decimals; null when nothing was invoiced. */
  readonly dso: string | null;
  /** Percent text ("80.65"); null when nothing was collectable. */
  readonly cei: string | null;
  readonly overdueShare: string | null;
  readonly promisesKept: string | null;
  readonly promisesKeptCount: number;
  readonly promisesBrokenCount: number;
}
