import type { DataSource } from 'typeorm';
import { Money } from '../../money/decimal';
import { computeAging } from '../aging';
import type { AgingItem, AgingReportData, CompanyInfo } from '../types';

/**
 * 账龄: per customer, the invoices and debit notes still open at `asOf`, after receipts, credit notes
 * and negative adjustments are applied to the oldest first (FIFO). Unapplied credit shows as a
 * negative open item dated when it arose.
 */
export async function agingReport(
  dataSource: DataSource,
  company: CompanyInfo,
  asOf: string,
  currency: string,
  customerCode?: string,
): Promise<AgingReportData> {
  const rows = (await dataSource.query(
    `SELECT c.code, c.name, e.doc_no, e.external_id, DATE_FORMAT(e.entry_date, '%Y-%m-%d') AS entry_date, CAST(e.amount AS CHAR) AS amount
       FROM ledger_entries e JOIN customers c ON c.id = e.customer_id
      WHERE e.entry_date <= ? AND e.currency = ? AND (? IS NULL OR c.code = ?)
      ORDER BY c.code, e.entry_date, e.id`,
    [asOf, currency, customerCode ?? null, customerCode ?? null],
  )) as Array<{
    code: string;
    name: string;
    doc_no: string | null;
    external_id: string;
    entry_date: string;
    amount: string;
  }>;
  const items: AgingItem[] = [];
  const byCustomer = new Map<string, typeof rows>();
  for (const row of rows) byCustomer.set(row.code, [...(byCustomer.get(row.code) ?? []), row]);
  for (const [code, entries] of byCustomer) {
    const open: Array<{ row: (typeof rows)[number]; left: Money }> = [];
    let credit = new Money(0);
    for (const row of entries) {
      const amount = new Money(row.amount);
      if (amount.gt(0)) open.push({ row, left: amount });
      else credit = credit.plus(amount.negated());
    }
    for (const item of open) {
      const applied = Money.min(credit, item.left);
      item.left = item.left.minus(applied);
      credit = credit.minus(applied);
    }
    for (const { row, left } of open.filter((o) => o.left.gt(0))) {
      items.push({
        customerCode: code,
        customerName: row.name,
        docNo: row.doc_no ?? row.external_id,
        docDate: row.entry_date,
        amount: left.toFixed(),
      });
    }
    if (credit.gt(0)) {
      const last = entries[entries.length - 1];
      items.push({
        customerCode: code,
        customerName: last.name,
        docNo: 'UNAPPLIED',
        docDate: last.entry_date,
        amount: credit.negated().toFixed(),
      });
    }
  }
  return computeAging(items, asOf, { company, currency });
}
