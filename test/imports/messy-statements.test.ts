import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ImportErrorCode, ImportFileError } from '../../imports/errors';
import { readStatementFile } from '../../imports/statement-reader';
import { ImportWarningCode } from '../../imports/statement-facts';
import { parseTemplate } from '../../imports/template';
import {
  MESSY_CLOSING,
  MESSY_LINES,
  MESSY_OPENING,
  MESSY_TEMPLATE,
  messyRows,
  writeCsv,
  writeMessyGbkCsv,
  writeMessyXlsx,
} from './messy-fixtures';

const cny = { currency: 'CNY' };
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'recon-messy-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const expectedLines = MESSY_LINES.map((l) => [l.date, l.invoice, l.amount]);

describe('messy real-world statements (no database)', () => {
  it.each([
    ['GBK CSV', () => writeMessyGbkCsv(dir)],
    ['XLSX with merged headers and date cells', () => writeMessyXlsx(dir)],
  ])('%s: balance rows read, totals and footers skipped (and listed), every line exact', async (_, make) => {
    const file = await make();
    const { lines, summary } = await readStatementFile({ path: file }, parseTemplate(MESSY_TEMPLATE), cny);
    expect(summary.issues).toEqual([]);
    expect(lines.map((l) => [l.txnDate, l.reference, l.amount])).toEqual(expectedLines);
    expect(summary.openingBalance).toMatchObject({ amount: MESSY_OPENING, row: 5, label: '期初余额' });
    expect(summary.closingBalance).toMatchObject({ amount: MESSY_CLOSING, label: '期末余额' });
    // 本月合计, 本年累计, 制表人 are not lines, and the answer says which rows were skipped.
    const skipped = summary.warnings.find((w) => w.code === ImportWarningCode.ROWS_SKIPPED);
    expect(skipped?.message).toMatch(
      /3 totals\/footer rows skipped: .*"本月合计".*"本年累计".*"制表人：张三"/,
    );
    expect(summary.warnings.map((w) => w.code)).not.toContain(ImportWarningCode.SIGN_SUSPECT);
  });

  it('a reversed debitIs shows: invoices come out negative and a SIGN_SUSPECT warning says so', async () => {
    const file = writeMessyGbkCsv(dir, 'flipped.csv');
    const flipped = parseTemplate({ ...MESSY_TEMPLATE, amount: { debit: '借方', credit: '贷方' } });
    const { summary } = await readStatementFile({ path: file }, flipped, cny);
    expect(summary.preview[0]).toMatchObject({ row: 6, kind: 'RECEIPT', kindGiven: false, amount: '-6606' });
    const warning = summary.warnings.find((w) => w.code === ImportWarningCode.SIGN_SUSPECT);
    expect(warning?.message).toMatch(/5 of 5 invoices and receipts go the wrong way .*debitIs/);
  });

  it('skipRowsStartingWith adds to the defaults instead of replacing them', async () => {
    const rows = messyRows({ extraLines: [['备注：11月货款已结清', '', '', '', '', '', '']] });
    const file = writeMessyGbkCsv(dir, 'with-note.csv', rows);
    const own = parseTemplate({ ...MESSY_TEMPLATE, skipRowsStartingWith: ['备注'] });
    const { summary } = await readStatementFile({ path: file }, own, cny);
    expect(summary.issues).toEqual([]);
    expect(summary.lineCount).toBe(5);
    expect(summary.warnings.find((w) => w.code === ImportWarningCode.ROWS_SKIPPED)?.message).toMatch(
      /^4 totals\/footer/,
    );
    // Without it the note is a row with a problem (no date), not silently dropped.
    const plain = await readStatementFile({ path: file }, parseTemplate(MESSY_TEMPLATE), cny);
    expect(plain.summary.rejectedRowCount).toBe(1);
  });

  it('a line repeating another line of the file is a warning, and both are read', async () => {
    const rows = messyRows({
      cnDates: false,
      extraLines: [['2026-11-28', '记-060', '付款', 'PAY-1128', '2,000.00', '', '']],
    });
    const { lines, summary } = await readStatementFile(
      { path: writeCsv(dir, 'repeat.csv', rows) },
      parseTemplate(MESSY_TEMPLATE),
      cny,
    );
    expect(lines).toHaveLength(6);
    expect(summary.warnings).toContainEqual(
      expect.objectContaining({
        code: ImportWarningCode.REPEATED_LINE,
        row: 11,
        message: expect.stringMatching(/repeats row 10/),
      }),
    );
  });

  it('上年结转 / 结转下期 (用友, 金蝶 ledgers) are the balance rows, and a space-padded 合  计 / 小 计 is a totals row', async () => {
    const rows = messyRows({ cnDates: false }).map((row) => {
      if (row[2] === '期初余额') return [row[0], row[1], '上年结转', ...row.slice(3)];
      if (row[2] === '期末余额') return [row[0], row[1], '结转下期', ...row.slice(3)];
      if (row[2] === '本月合计') return ['合  计', '', '', ...row.slice(3)];
      return row;
    });
    rows.splice(7, 0, ['小 计', '', '', '', '3,000.00', '6,606.00', '']);
    const { lines, summary } = await readStatementFile(
      { path: writeCsv(dir, 'yonyou-words.csv', rows) },
      parseTemplate(MESSY_TEMPLATE),
      cny,
    );
    expect(summary.issues).toEqual([]);
    expect(lines.map((l) => [l.txnDate, l.reference, l.amount])).toEqual(expectedLines);
    expect(summary.openingBalance).toMatchObject({ amount: MESSY_OPENING, label: '上年结转' });
    expect(summary.closingBalance).toMatchObject({ amount: MESSY_CLOSING, label: '结转下期' });
    expect(summary.warnings.find((w) => w.code === ImportWarningCode.ROWS_SKIPPED)?.message).toMatch(
      /^4 totals\/footer.*"小 计".*"合 {2}计"/,
    );
  });

  it('two different opening balance rows are an error of the second', async () => {
    const rows = messyRows({
      cnDates: false,
      extraLines: [['2026-11-01', '', '上期结余', '', '', '', '9,000.00']],
    });
    const { summary } = await readStatementFile(
      { path: writeCsv(dir, 'two-openings.csv', rows) },
      parseTemplate(MESSY_TEMPLATE),
      cny,
    );
    expect(summary.issues).toContainEqual(
      expect.objectContaining({ code: ImportErrorCode.CONFLICTING_BALANCE_ROWS, row: 11 }),
    );
  });

  it('a wrong month is one summary line, with every row still in the rejects', async () => {
    const file = writeMessyGbkCsv(dir, 'wrong-month.csv');
    const { summary } = await readStatementFile({ path: file }, parseTemplate(MESSY_TEMPLATE), {
      ...cny,
      period: { start: '2026-10-01', end: '2026-10-31' },
    });
    expect(summary.issues).toHaveLength(1);
    expect(summary.issues[0]).toMatchObject({ code: ImportErrorCode.DATE_OUT_OF_PERIOD, row: null });
    expect(summary.issues[0]?.message).toBe(
      '5 rows are dated 2026-11-05..2026-11-28, outside the statement period 2026-10-01..2026-10-31 (rows 6, 7, 8, 9, 10): is the period right?',
    );
    expect(summary.rejects).toHaveLength(5);
  });

  it('13/01/2026 is read as the 13th of January, (500.00) as negative, ￥6,606.00 exactly', async () => {
    const file = writeCsv(dir, 'dmy.csv', [
      ['Date', 'Doc', 'Amount'],
      ['13/01/2026', 'INV-1', '￥6,606.00'],
      ['14/01/2026', 'CN-1', '(500.00)'],
    ]);
    const template = parseTemplate({ columns: { date: 'Date', docNo: 'Doc' }, amount: { column: 'Amount' } });
    const { lines, summary } = await readStatementFile({ path: file }, template, cny);
    expect(summary.issues).toEqual([]);
    expect(lines.map((l) => [l.txnDate, l.amount, l.kind])).toEqual([
      ['2026-01-13', '6606', 'INVOICE'],
      ['2026-01-14', '-500', 'RECEIPT'],
    ]);
    // And no opening: the summary has none (the import then assumes 0, loudly).
    expect(summary.openingBalance).toBeNull();
  });

  it('a header not found lists the rows that were seen and the closest one', async () => {
    const file = writeMessyGbkCsv(dir, 'header.csv');
    const wrong = parseTemplate({
      ...MESSY_TEMPLATE,
      columns: { ...MESSY_TEMPLATE.columns, date: '交易日期' },
    });
    const error = await readStatementFile({ path: file }, wrong, cny).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as ImportFileError).code).toBe(ImportErrorCode.HEADER_NOT_FOUND);
    const message = (error as ImportFileError).message;
    expect(message).toContain(
      'closest: row 3 has "凭证号", "摘要", "发票号", "余额", "借方", "贷方" but not "交易日期"',
    );
    expect(message).toContain('row 1: 上海某某贸易有限公司 应付账款对账单');
    expect(message).toContain('row 3: 日期 | 凭证号 | 摘要 | 发票号 | 金额 | 余额');
  });
});

describe('an XLSX amount that is a formula the file never saved a value for', () => {
  it('is refused naming the formula, not read as an empty amount', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('对账单');
    sheet.addRow(['日期', '单号', '摘要', '金额']);
    sheet.addRow([
      new Date(Date.UTC(2026, 10, 5)),
      'INV-1',
      '销售发票',
      { formula: '1000*1.13', result: 1130 },
    ]);
    sheet.addRow([new Date(Date.UTC(2026, 10, 6)), 'INV-2', '销售发票', { formula: 'D2*2' }]);
    const file = path.join(dir, 'unsaved-formula.xlsx');
    await workbook.xlsx.writeFile(file);
    const template = parseTemplate({
      columns: { date: '日期', docNo: '单号', description: '摘要' },
      amount: { column: '金额' },
    });
    const { lines, summary } = await readStatementFile({ path: file }, template, cny);
    expect(lines.map((l) => l.amount)).toEqual(['1130']);
    expect(summary.issues).toHaveLength(1);
    expect(summary.issues[0]).toMatchObject({ row: 3, value: '=D2*2' });
  });
});
