import path from 'node:path';
import { EntryKind } from '../../contract/enums';
import { parseCsv } from '../../formats/csv';
import { ImportErrorCode, ImportFileError } from '../../imports/errors';
import { rejectsCsv } from '../../imports/rejects';
import { readStatementFile } from '../../imports/statement-reader';
import { parseTemplate, type MappingTemplate } from '../../imports/template';
import type { ImportInput } from '../../imports/types';

const fixture = (name: string): ImportInput => ({ path: path.join(__dirname, '../fixtures/imports', name) });
const csv = (text: string): ImportInput => ({ buffer: Buffer.from(text), name: 'inline.csv' });
const signed: MappingTemplate = parseTemplate({
  columns: { date: '日期', docNo: '单号', description: '摘要' },
  amount: { column: '金额' },
});
const cny = { currency: 'CNY' };

describe('reading statement files', () => {
  it('reads a GBK file from Chinese Excel', async () => {
    const { lines, summary } = await readStatementFile(fixture('statement-gbk.csv'), signed, cny);
    expect(summary).toMatchObject({ format: 'CSV', encoding: 'gb18030', lineCount: 4, rejectedRowCount: 0 });
    expect(lines.map((l) => [l.txnDate, l.docNo, l.description, l.amount, l.kind])).toEqual([
      ['2026-01-05', 'INV-001', '销售货款', '1234.56', EntryKind.INVOICE],
      ['2026-01-08', 'RC-001', '收到货款', '-500', EntryKind.RECEIPT],
      ['2026-01-20', 'CN-001', '退货折让', '-34.56', EntryKind.RECEIPT],
      ['2026-01-31', 'INV-002', '运费', '88', EntryKind.INVOICE],
    ]);
    expect(summary.total).toBe('788');
    expect([summary.firstDate, summary.lastDate]).toEqual(['2026-01-05', '2026-01-31']);
    expect(lines.map((l) => [l.lineNo, l.sourceRow, l.externalId])).toEqual([
      [1, 2, 'R00000002'],
      [2, 3, 'R00000003'],
      [3, 4, 'R00000004'],
      [4, 5, 'R00000005'],
    ]);
  });

  it('reads a UTF-8 file with BOM, quoted commas, line breaks and full-width digits', async () => {
    const { lines, summary } = await readStatementFile(fixture('statement-utf8-bom.csv'), signed, cny);
    expect(summary.encoding).toBe('utf8');
    expect(summary.columns).toEqual(['日期', '单号', '摘要', '金额']);
    expect(lines.map((l) => [l.sourceRow, l.txnDate, l.description, l.amount])).toEqual([
      [2, '2026-01-05', '货款, 一月', '1234.56'],
      [3, '2026-01-06', '多行\n摘要', '200'],
      [5, '2026-01-07', '他说"好"', '1000.5'],
      [6, '2026-01-08', 'Excel serial date', '1000'],
    ]);
  });

  it('reads an XLSX sheet by name with a merged two-level header, title rows and a totals row', async () => {
    const template = parseTemplate({
      sheet: '对账单',
      headerRows: 2,
      columns: { date: '日期', docNo: '凭证号', description: '摘要' },
      amount: { debit: '借方', credit: '金额/贷方' },
    });
    const { lines, summary } = await readStatementFile(
      fixture('statement-merged-header.xlsx'),
      template,
      cny,
    );
    expect(summary).toMatchObject({ format: 'XLSX', sheetName: '对账单', rejectedRowCount: 0 });
    expect(summary.columns).toEqual(['日期', '凭证号', '摘要', '金额/借方', '金额/贷方']);
    expect(lines.map((l) => [l.sourceRow, l.txnDate, l.docNo, l.amount])).toEqual([
      [5, '2026-01-05', 'INV-001', '1234.56'],
      [6, '2026-01-08', 'RC-001', '-500'],
      [7, '2026-01-20', 'CN-001', '-34.56'],
      [8, '2026-01-31', 'INV-002', '0.3'],
    ]);
  });

  it('says which columns a header offers when one is missing, and which sheets exist', async () => {
    const noSuchColumn = parseTemplate({
      headerRow: 1,
      columns: { date: '日期' },
      amount: { column: 'Amount' },
    });
    await expect(readStatementFile(fixture('statement-gbk.csv'), noSuchColumn, cny)).rejects.toMatchObject({
      code: ImportErrorCode.COLUMN_NOT_FOUND,
      column: 'Amount',
    });
    const noSuchSheet = parseTemplate({ sheet: 'Sheet9', columns: { date: 1 }, amount: { column: 2 } });
    await expect(
      readStatementFile(fixture('statement-merged-header.xlsx'), noSuchSheet, cny),
    ).rejects.toThrow(/Sheet9.*说明, 对账单/);
    const ambiguous = parseTemplate({
      sheet: 2,
      headerRow: 3,
      columns: { date: '日期' },
      amount: { column: '金额' },
    });
    await expect(
      readStatementFile(fixture('statement-merged-header.xlsx'), ambiguous, cny),
    ).rejects.toMatchObject({
      code: ImportErrorCode.AMBIGUOUS_COLUMN,
    });
  });

  it('rejects the one bad row with its row number and column, and the rest of the file reads', async () => {
    const { lines, summary } = await readStatementFile(fixture('statement-one-bad-row.csv'), signed, cny);
    expect(lines).toHaveLength(4);
    expect(summary.rejectedRowCount).toBe(1);
    expect(summary.issues).toEqual([
      {
        code: ImportErrorCode.INVALID_AMOUNT,
        row: 5,
        column: '金额',
        message: '"12O.00" is not an amount',
        value: '12O.00',
      },
    ]);
    const rejects = parseCsv(rejectsCsv(summary.columns, summary.rejects).slice(1)).records.map(
      (r) => r.cells,
    );
    expect(rejects).toEqual([
      ['行号 Row', '列 Column', '错误代码 Code', '原因 Reason', '日期', '单号', '摘要', '金额'],
      ['5', '金额', 'INVALID_AMOUNT', '"12O.00" is not an amount', '2026-01-08', 'INV-004', 'd', '12O.00'],
    ]);
  });

  it('reports every problem of a row, and file-wide ones: duplicates and dates outside the period', async () => {
    const template = parseTemplate({
      columns: { date: 'date', externalId: 'id', kind: 'type', currency: 'ccy' },
      amount: { debit: 'dr', credit: 'cr' },
    });
    const text = [
      'id,date,type,ccy,dr,cr',
      'A1,2026-01-05,发票,人民币,100,',
      'A2,2026-02-30,bill,USD,100,50',
      'A1,2026-01-06,收款,CNY,,20',
      'A3,2025-12-31,收款,CNY,,',
      'A4,2026-01-07,,,-,5',
    ].join('\n');
    const { lines, summary } = await readStatementFile(csv(text), template, {
      currency: 'CNY',
      period: { start: '2026-01-01', end: '2026-01-31' },
    });
    expect(lines.map((l) => [l.externalId, l.kind, l.amount, l.currency])).toEqual([
      ['A1', EntryKind.INVOICE, '100', 'CNY'],
      ['A4', EntryKind.RECEIPT, '-5', 'CNY'],
    ]);
    expect(summary.issues.map((i) => [i.row, i.column, i.code])).toEqual([
      [3, 'date', ImportErrorCode.INVALID_DATE],
      [3, null, ImportErrorCode.BOTH_DEBIT_AND_CREDIT],
      [3, 'ccy', ImportErrorCode.CURRENCY_MISMATCH],
      [3, 'type', ImportErrorCode.UNKNOWN_KIND],
      [4, 'id', ImportErrorCode.DUPLICATE_EXTERNAL_ID],
      [5, null, ImportErrorCode.MISSING_VALUE],
    ]);
    expect(summary.rejectedRowCount).toBe(3);
  });

  it('flips signs by the template: a customer statement seen from their payables', async () => {
    const theirs = parseTemplate({ columns: { date: 1 }, amount: { column: 2, positiveMeans: 'DECREASE' } });
    const { lines } = await readStatementFile(
      csv('date,amount\n2026-01-05,100\n2026-01-06,-40\n'),
      theirs,
      cny,
    );
    expect(lines.map((l) => [l.amount, l.kind])).toEqual([
      ['-100', EntryKind.RECEIPT],
      ['40', EntryKind.INVOICE],
    ]);
    const dc = parseTemplate({ columns: { date: 1 }, amount: { debit: 2, credit: 3, debitIs: 'DECREASE' } });
    const { lines: dcLines } = await readStatementFile(
      csv('d,dr,cr\n2026-01-05,100,\n2026-01-06,,40\n'),
      dc,
      cny,
    );
    expect(dcLines.map((l) => l.amount)).toEqual(['-100', '40']);
  });

  it('finds the header under title lines, and reads files without one', async () => {
    const titled = 'XX公司对账单\n期间,2026-01\n\n日期,金额\n2026-01-05,1\n';
    const { lines } = await readStatementFile(
      csv(titled),
      parseTemplate({ columns: { date: '日期' }, amount: { column: '金额' } }),
      cny,
    );
    expect(lines.map((l) => l.sourceRow)).toEqual([5]);
    const bare = parseTemplate({ headerRow: 0, columns: { date: 1 }, amount: { column: 2 } });
    const { lines: bareLines, summary } = await readStatementFile(
      csv('2026-01-05;7\n2026-01-06;8\n'),
      bare,
      cny,
    );
    expect(bareLines.map((l) => l.amount)).toEqual(['7', '8']);
    expect(summary.columns).toEqual(['A', 'B']);
  });

  it('refuses empty files, legacy .xls and files without the header', async () => {
    await expect(readStatementFile(csv(''), signed, cny)).rejects.toMatchObject({
      code: ImportErrorCode.EMPTY_FILE,
    });
    const xls = { buffer: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]), name: 'old.xls' };
    await expect(readStatementFile(xls, signed, cny)).rejects.toMatchObject({
      code: ImportErrorCode.UNSUPPORTED_FORMAT,
    });
    await expect(readStatementFile(csv('a,b\n1,2\n'), signed, cny)).rejects.toBeInstanceOf(ImportFileError);
    await expect(readStatementFile(csv('a,b\n1,2\n'), signed, cny)).rejects.toMatchObject({
      code: ImportErrorCode.HEADER_NOT_FOUND,
    });
  });

  it('reports a quote never closed as a problem of the file', async () => {
    const template = parseTemplate({ columns: { date: '日期' }, amount: { column: '金额' } });
    const { lines, summary } = await readStatementFile(
      csv('日期,金额\n2026-01-05,1\n2026-01-06,"2\n'),
      template,
      cny,
    );
    expect(lines).toHaveLength(1);
    expect(summary.issues).toEqual([
      expect.objectContaining({ code: ImportErrorCode.UNTERMINATED_QUOTE, row: 3 }),
    ]);
  });
});
