// The 催款函's data: what collections builds, stores with the letter and hands the report
// renderer (reports/ imports it; amounts are exact decimal text, dates YYYY-MM-DD).
import type { CompanyInfo, CustomerInfo } from '../contract/documents';

/** One overdue invoice (part) a 催款函 lists. */
export interface DunningLetterItem {
  readonly docNo: string;
  readonly documentDate: string;
  readonly dueDate: string;
  readonly daysOverdue: number;
  /** What is still open of it. */
  readonly openAmount: string;
}

/** 催款函: a dunning level's letter asking the customer to pay what is overdue. */
export interface DunningLetterData {
  readonly company: CompanyInfo;
  readonly customer: CustomerInfo;
  readonly letterNo: string;
  readonly issueDate: string;
  readonly currency: string;
  /** 1, 2, 3 … and its tone: FRIENDLY (提醒), FIRM (催告), FINAL (最后通知). */
  readonly level: number;
  readonly tone: 'FRIENDLY' | 'FIRM' | 'FINAL';
  readonly items: readonly DunningLetterItem[];
  /** The sum of the items' open amounts. */
  readonly totalOverdue: string;
  readonly payBy?: string;
  readonly contactName?: string;
  readonly contactPhone?: string;
  readonly contactEmail?: string;
}
