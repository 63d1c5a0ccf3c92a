import type { DataSource } from 'typeorm';
import { Customer } from '../../entities/customer.entity';
import { StatementSource } from '../../contract/enums';
import { upsertLedgerEntries } from '../../ledger/ledger.service';
import { Money } from '../../money/decimal';
import { submitStatement } from '../../statements/statement.service';

export interface Line {
  id: string;
  date: string;
  ref: string;
  kind: string;
  amount: string;
}

/** A customer with our ledger and their October 2026 statement, loaded through the real services. */
export async function seedCustomer(
  dataSource: DataSource,
  code: string,
  ours: Line[],
  theirs: Line[],
  theirOpening = '0',
): Promise<Customer> {
  const customer = await dataSource
    .getRepository(Customer)
    .save({ code, name: `客户 ${code}`, currency: 'CNY', contactEmail: `${code.toLowerCase()}@example.com` });
  await upsertLedgerEntries(
    dataSource,
    ours.map((line) => ({
      customerCode: code,
      source: 'erp',
      externalId: `${code}-${line.id}`,
      entryDate: line.date,
      docNo: line.ref,
      kind: line.kind,
      amount: line.amount,
      currency: 'CNY',
    })),
  );
  const closing = theirs.reduce((sum, line) => sum.plus(line.amount), new Money(theirOpening));
  await submitStatement(dataSource, {
    customerCode: code,
    periodStart: '2026-10-01',
    periodEnd: '2026-10-31',
    currency: 'CNY',
    openingBalance: theirOpening,
    closingBalance: closing.toFixed(),
    source: StatementSource.API,
    sourceRef: `${code}-2026-10`,
    lines: theirs.map((line) => ({
      externalId: line.id,
      txnDate: line.date,
      docNo: line.ref,
      kind: line.kind,
      amount: line.amount,
      currency: 'CNY',
    })),
  });
  return customer;
}

export const CLEAN_LINES: Line[] = [
  { id: 'i1', date: '2026-10-03', ref: 'INV-001', kind: 'INVOICE', amount: '1200.50' },
  { id: 'i2', date: '2026-10-09', ref: 'INV-002', kind: 'INVOICE', amount: '300.25' },
  { id: 'r1', date: '2026-10-20', ref: 'RCPT-001', kind: 'RECEIPT', amount: '-1200.50' },
];
