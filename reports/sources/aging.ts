import type { DataSource } from 'typeorm';
import { AgingBasis } from '../../contract/credit/enums';
import { computeOpenItems } from '../../credit/open-items.service';
import { fromUnits } from '../../formats/amount';
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
  basis: AgingBasis = AgingBasis.DOCUMENT_DATE,
): Promise<AgingReportData> {
  if (basis === AgingBasis.DUE_DATE) return agingByDueDate(dataSource, company, asOf, currency, customerCode);
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

/**
 * 账龄 by due date: each invoice's open amount (after hand applications, reference links, then oldest
 * due first: credit/open-items.ts) aged from the due date its customer's payment terms give it.
 * Credits no invoice has taken show as one negative item per customer, like the document-date aging.
 */
async function agingByDueDate(
  dataSource: DataSource,
  company: CompanyInfo,
  asOf: string,
  currency: string,
  customerCode?: string,
): Promise<AgingReportData> {
  const customers = (await dataSource.query(
    `SELECT CAST(c.id AS CHAR) AS id, c.code, c.name FROM customers c
      WHERE (? IS NULL OR c.code = ?)
        AND EXISTS (SELECT 1 FROM ledger_entries e WHERE e.customer_id = c.id AND e.currency = ? AND e.entry_date <= ?)
      ORDER BY c.code`,
    [customerCode ?? null, customerCode ?? null, currency, asOf],
  )) as Array<{ id: string; code: string; name: string }>;
  const items: AgingItem[] = [];
  for (let start = 0; start < customers.length; start += 500) {
    const batch = customers.slice(start, start + 500);
    const open = await computeOpenItems(
      dataSource,
      batch.map((c) => c.id),
      asOf,
    );
    for (const customer of batch) {
      const { debits, credits } = open.get(customer.id)!;
      for (const debit of debits) {
        if (debit.currency !== currency || debit.openUnits === 0n) continue;
        items.push({
          customerCode: customer.code,
          customerName: customer.name,
          docNo: `${debit.docNo ?? debit.entryId}${debit.parts > 1 ? ` (${debit.part}/${debit.parts})` : ''}`,
          docDate: debit.date,
          dueDate: debit.dueDate,
          amount: fromUnits(debit.openUnits),
        });
      }
      const unapplied = credits
        .filter((c) => c.currency === currency)
        .reduce((sum, c) => sum + c.unappliedUnits, 0n);
      if (unapplied !== 0n)
        items.push({
          customerCode: customer.code,
          customerName: customer.name,
          docNo: 'UNAPPLIED',
          docDate: asOf,
          dueDate: asOf,
          amount: fromUnits(unapplied),
        });
    }
  }
  return computeAging(items, asOf, { company, currency });
}
