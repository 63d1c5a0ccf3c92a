import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { register as registerExport } from '../../cli/commands/export';
import { SYSTEM_ACTORS } from '../../contract/actor';
import { placeCreditHold } from '../../credit/credit-admin.service';
import { scoreAllCustomers } from '../../credit/scoring.service';
import { Customer } from '../../entities/customer.entity';
import { upsertLedgerEntries } from '../../ledger/ledger.service';
import { Money } from '../../money/decimal';
import { buildReportData } from '../../reports/sources';
import type { CreditReviewData } from '../../reports/types';
import { runRecon, useCliDatabase } from '../support/cli-run';
import { hasPoppler, pdfToText } from './pdf-text';

// `recon export credit-review`: per customer the limit, exposure, score with its components and
// weights, class, suggested limit and hold, as PDF and XLSX, from a real database.
const cli = useCliDatabase('credit_review');

const recon = (...args: string[]) => runRecon([registerExport], args);

beforeAll(async () => {
  const customers = cli.db.dataSource.getRepository(Customer);
  const k1 = await customers.save({ code: 'K1', name: '宁波信用测试有限公司', currency: 'CNY' });
  await customers.save({ code: 'K2', name: 'Late Payer Ltd', currency: 'CNY' });
  await cli.db.dataSource.query(
    `INSERT INTO credit_limits (customer_id, currency, amount, set_by) VALUES (?, 'CNY', 10000, 'test')`,
    [k1.id],
  );
  const lines: Array<[string, string, string, string]> = [
    // K1: 4,000 invoiced, 1,000 paid on time: 3,000 open.
    ['K1', 'a', '2026-10-01', '4000'],
    ['K1', 'b', '2026-10-20', '-1000'],
    // K2: 2,500 invoiced in June, paid 60 days late (net 30).
    ['K2', 'c', '2026-06-01', '2500'],
    ['K2', 'd', '2026-08-30', '-2500'],
    ['K2', 'e', '2026-11-01', '700.5'],
  ];
  await upsertLedgerEntries(
    cli.db.dataSource,
    lines.map(([customerCode, externalId, entryDate, amount]) => ({
      customerCode,
      source: 'erp',
      externalId,
      entryDate,
      kind: amount.startsWith('-') ? 'RECEIPT' : 'INVOICE',
      amount,
      currency: 'CNY',
    })),
  );
  await scoreAllCustomers(cli.db.dataSource, '2026-11-30');
  await placeCreditHold(
    cli.db.dataSource,
    { customerCode: 'K2', reason: '逾期未付 overdue' },
    SYSTEM_ACTORS.operator,
  );
});

it('reads each customer limit, exposure, hold and latest score with every component', async () => {
  const { kind, data } = await buildReportData(
    cli.db.dataSource,
    { name: 'Test Co' },
    {
      kind: 'credit-review',
      asOf: '2026-12-01',
    },
  );
  expect(kind).toBe('credit-review');
  const rows = (data as CreditReviewData).rows;
  expect(rows.map((r) => r.customerCode)).toEqual(['K1', 'K2']);
  const [k1, k2] = rows;
  expect(k1).toMatchObject({
    currency: 'CNY',
    limit: '10000.00',
    exposure: '3000.00',
    available: '7000.00',
    scoredOn: '2026-11-30',
    onHold: false,
  });
  expect(k2).toMatchObject({ limit: null, exposure: '700.50', available: null, onHold: true });
  expect(k2.holdReason).toBe('逾期未付 overdue');
  for (const row of rows) {
    expect(row.components.map((c) => c.weight)).toEqual([30, 25, 15, 15, 15]);
    // The score is the weighted sum of its components: it explains itself.
    const weighted = row.components.reduce((sum, c) => sum + c.points * c.weight, 0);
    expect(row.score).toBe(new Money(weighted).div(100).round().toNumber()); // half to even, as scored
  }
  // K2 paid 60 days late: fewer points for days beyond terms than K1.
  const days = (r: (typeof rows)[number]) => r.components.find((c) => c.kind === 'DAYS_BEYOND_TERMS')!;
  expect(days(k2).points).toBeLessThan(days(k1).points);
  expect(k1.suggestedLimit).not.toBeNull();
});

it('recon export credit-review writes the XLSX and the PDF; one customer, or an unknown one refused', async () => {
  const xlsx = path.join(cli.dir, 'review.xlsx');
  expect(
    await recon('export', 'credit-review', '--as-of', '2026-12-01', '--format', 'xlsx', '--out', xlsx),
  ).toMatch(/^wrote .*review\.xlsx/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(readFileSync(xlsx) as unknown as ArrayBuffer);
  const cells: string[] = [];
  workbook.worksheets[0].eachRow((row) =>
    row.eachCell((cell) =>
      cells.push(typeof cell.value === 'object' ? JSON.stringify(cell.value) : String(cell.value)),
    ),
  );
  const text = cells.join('|');
  expect(text).toContain('K1');
  expect(text).toContain('宁波信用测试有限公司');
  expect(text).toMatch(/超期天数 ×30%/);
  expect(text).toMatch(/逾期未付 overdue/);
  expect(cells).toContain('3000');

  const pdf = path.join(cli.dir, 'review.pdf');
  await recon('export', 'credit-review', '--customer', 'K2', '--lang', 'en', '--out', pdf);
  const body = readFileSync(pdf);
  expect(body.subarray(0, 5).toString()).toBe('%PDF-');
  if (hasPoppler()) {
    const pdfText = pdfToText(body);
    expect(pdfText).toContain('Credit Review');
    expect(pdfText).toContain('K2');
    expect(pdfText).not.toContain('K1');
    expect(pdfText).toMatch(/Days beyond terms ×30%/);
  }
  await expect(
    recon('export', 'credit-review', '--customer', 'NOPE', '--out', path.join(cli.dir, 'x.pdf')),
  ).rejects.toThrow(/no customer "NOPE"/);
});
