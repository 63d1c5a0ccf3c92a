import type { DataSource } from 'typeorm';
import { creditStandings } from '../../credit/credit-standings.service';
import type { CompanyInfo, CreditReviewData } from '../types';

/** 信用评审表: every customer's (or one's) standing as the Credit page shows it, dated `asOf`. */
export async function creditReview(
  dataSource: DataSource,
  company: CompanyInfo,
  asOf: string,
  options: { customerCode?: string; currency?: string } = {},
): Promise<CreditReviewData> {
  return { company, asOf, rows: await creditStandings(dataSource, options) };
}
