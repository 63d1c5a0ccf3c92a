import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Statements as Chinese finance teams send them, built in the test: a customer's payables ledger for
 * us printed from its accounting software (GBK CSV, or an XLSX with 金额 merged over 借方/贷方), with
 * a title, a 期初余额 row, ￥ and (parenthesised) amounts, 2026年11月5日 dates, 本月合计 / 本年累计
 * rows, a 期末余额 row and the 制表人/审核 footer. In the customer's books our invoices are credits
 * (贷方) and their payments debits (借方): debitIs DECREASE.
 */

/** The lines the statements hold, signed from our side (+ raises what the customer owes us). */
export const MESSY_LINES = [
  { date: '2026-11-05', voucher: '记-015', text: '销售发票', invoice: 'INV-1105', amount: '6606' },
  { date: '2026-11-12', voucher: '记-031', text: '付款', invoice: 'PAY-1112', amount: '-3000' },
  { date: '2026-11-18', voucher: '记-044', text: '红字发票', invoice: 'CN-1118', amount: '-500' },
  { date: '2026-11-25', voucher: '记-052', text: '销售发票', invoice: 'INV-1125', amount: '1200' },
  { date: '2026-11-28', voucher: '记-060', text: '付款', invoice: 'PAY-1128', amount: '-2000' },
] as const;
export const MESSY_OPENING = '10000';
export const MESSY_CLOSING = '12306';

/** The template that reads them. */
export const MESSY_TEMPLATE = {
  headerRows: 2,
  columns: { date: '日期', docNo: '凭证号', description: '摘要', reference: '发票号', balance: '余额' },
  amount: { debit: '借方', credit: '贷方', debitIs: 'DECREASE' },
} as const;

const chinaDate = (iso: string) =>
  `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;

/** The rows as printed: title, two header rows, opening, lines, totals, closing, footer. */
export function messyRows(options: { cnDates?: boolean; extraLines?: readonly string[][] } = {}): string[][] {
  const date = (iso: string) => (options.cnDates === false ? iso : chinaDate(iso));
  const rows: string[][] = [
    ['上海某某贸易有限公司 应付账款对账单', '', '', '', '', '', ''],
    ['往来单位：本公司', '', '', '期间：2026年11月', '', '', ''],
    ['日期', '凭证号', '摘要', '发票号', '金额', '', '余额'],
    ['', '', '', '', '借方', '贷方', ''],
    [date('2026-11-01'), '', '期初余额', '', '', '', '10,000.00'],
  ];
  let balance = 10_000;
  for (const line of MESSY_LINES) {
    const amount = Number(line.amount);
    balance += amount;
    const money = (n: number) => n.toLocaleString('en-US', { minimumFractionDigits: 2 });
    // The customer's credit side: our invoices (￥6,606.00); the red credit note as a negative credit.
    const credit = amount > 0 ? `￥${money(amount)}` : line.text === '红字发票' ? `(${money(-amount)})` : '';
    const debit = amount < 0 && line.text !== '红字发票' ? money(-amount) : '';
    rows.push([date(line.date), line.voucher, line.text, line.invoice, debit, credit, money(balance)]);
  }
  rows.push(...(options.extraLines ?? []));
  rows.push(
    ['', '', '本月合计', '', '5,000.00', '7,306.00', ''],
    ['本年累计', '', '', '', '35,000.00', '47,306.00', ''],
    [date('2026-11-30'), '', '期末余额', '', '', '', '12,306.00'],
    ['制表人：张三', '', '审核：李四', '', '', '', ''],
  );
  return rows;
}

function csvText(rows: readonly (readonly string[])[]): string {
  const field = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return rows.map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}

/** The statement as a GBK CSV, as Chinese Excel saves it. */
export function writeMessyGbkCsv(dir: string, name = 'messy-gbk.csv', rows = messyRows()): string {
  const file = path.join(dir, name);
  writeFileSync(file, iconv.encode(csvText(rows), 'gbk'));
  return file;
}

/** The statement as an XLSX: 金额 merged over 借方/贷方, dates as date cells, amounts as numbers where they are. */
export async function writeMessyXlsx(dir: string, name = 'messy.xlsx'): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('对账单');
  const rows = messyRows({ cnDates: false });
  rows.forEach((cells, i) => {
    const row = sheet.getRow(i + 1);
    cells.forEach((value, c) => {
      if (value === '') return;
      if (/^\d{4}-\d{2}-\d{2}$/.test(value)) row.getCell(c + 1).value = new Date(`${value}T00:00:00Z`);
      else if (/^[\d,]+\.\d\d$/.test(value)) row.getCell(c + 1).value = Number(value.replace(/,/g, ''));
      else row.getCell(c + 1).value = value;
    });
  });
  sheet.mergeCells('E3:F3');
  sheet.mergeCells('A3:A4');
  sheet.mergeCells('G3:G4');
  const file = path.join(dir, name);
  await workbook.xlsx.writeFile(file);
  return file;
}

/** Writes a plain UTF-8 CSV. */
export function writeCsv(dir: string, name: string, rows: readonly (readonly string[])[]): string {
  const file = path.join(dir, name);
  writeFileSync(file, csvText(rows));
  return file;
}
