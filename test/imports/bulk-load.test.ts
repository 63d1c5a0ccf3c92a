import path from 'node:path';
import mysql, { type RowDataPacket } from 'mysql2/promise';
import { importStatementFile, type StatementImportOptions } from '../../imports/bulk-load';
import { ImportErrorCode, ImportFileError, TemplateError } from '../../imports/errors';
import type { ImportResult } from '../../imports/import-result';
import { createScratchDatabase, serverOptions, type ScratchDatabase } from './mysql-scratch';

const fixture = (name: string) => ({ path: path.join(__dirname, '../fixtures/imports', name) });
const template = {
  columns: { date: '日期', docNo: '单号', description: '摘要' },
  amount: { column: '金额' },
};

let db: ScratchDatabase;
let customerId: string;

beforeAll(async () => {
  db = await createScratchDatabase();
  customerId = await db.customer('C001');
});
afterAll(async () => {
  await db?.drop();
});

async function count(table: string): Promise<number> {
  const [rows] = await db.conn.query<RowDataPacket[]>(`SELECT COUNT(*) AS n FROM ${table}`);
  return Number(rows[0]?.n);
}

function expectStatus<S extends ImportResult['status']>(
  result: ImportResult,
  status: S,
): Extract<ImportResult, { status: S }> {
  expect(result.status).toBe(status);
  return result as Extract<ImportResult, { status: S }>;
}

const base = (overrides: Partial<StatementImportOptions> = {}): StatementImportOptions => ({
  customerId,
  file: fixture('statement-gbk.csv'),
  template,
  openingBalance: '1000',
  ...overrides,
});

describe('importStatementFile (MariaDB)', () => {
  it('imports a GBK statement exactly, and the same file again is a no-op', async () => {
    const first = expectStatus(
      await importStatementFile(db.conn, base({ closingBalance: '1788.00' })),
      'IMPORTED',
    );
    expect(first).toMatchObject({
      lineCount: 4,
      rejectedRowCount: 0,
      // No period given: the calendar month of the lines.
      periodStart: '2026-01-01',
      periodEnd: '2026-01-31',
      periodSource: 'CALENDAR',
      action: 'CREATED',
      total: '788',
      openingBalance: '1000',
      closingBalance: '1788',
      unexplained: '0',
      rejectsCsv: null,
    });
    const [lines] = await db.conn.query<RowDataPacket[]>(
      'SELECT line_no, external_id, DATE_FORMAT(txn_date, "%Y-%m-%d") AS d, doc_no, description, kind, amount, currency FROM statement_lines WHERE statement_id = ? ORDER BY line_no',
      [first.statementId],
    );
    expect(
      lines.map((l) => [
        l.line_no,
        l.external_id,
        l.d,
        l.doc_no,
        l.description,
        l.kind,
        l.amount,
        l.currency,
      ]),
    ).toEqual([
      [1, 'R00000002', '2026-01-05', 'INV-001', '销售货款', 'INVOICE', '1234.5600', 'CNY'],
      [2, 'R00000003', '2026-01-08', 'RC-001', '收到货款', 'RECEIPT', '-500.0000', 'CNY'],
      [3, 'R00000004', '2026-01-20', 'CN-001', '退货折让', 'RECEIPT', '-34.5600', 'CNY'],
      [4, 'R00000005', '2026-01-31', 'INV-002', '运费', 'INVOICE', '88.0000', 'CNY'],
    ]);
    const [statements] = await db.conn.query<RowDataPacket[]>(
      'SELECT source, source_ref, line_count, opening_balance, closing_balance, DATE_FORMAT(period_start, "%Y-%m-%d") AS ps FROM customer_statements WHERE id = ?',
      [first.statementId],
    );
    expect(statements[0]).toMatchObject({
      source: 'FILE',
      source_ref: `file:${first.fileHash}`,
      line_count: 4,
      opening_balance: '1000.0000',
      closing_balance: '1788.0000',
      ps: '2026-01-01',
    });

    const again = expectStatus(await importStatementFile(db.conn, base()), 'DUPLICATE');
    expect(again).toMatchObject({ importFileId: first.importFileId, statementId: first.statementId });
    expect(await count('statement_lines')).toBe(4);
    expect(await count('import_files')).toBe(1);
  });

  it('rejects a file with one bad row whole, naming the row and column, and writes nothing', async () => {
    const before = await count('statement_lines');
    const result = expectStatus(
      await importStatementFile(db.conn, base({ file: fixture('statement-one-bad-row.csv') })),
      'REJECTED',
    );
    expect(result.issues).toEqual([
      expect.objectContaining({
        code: ImportErrorCode.INVALID_AMOUNT,
        row: 5,
        column: '金额',
        value: '12O.00',
      }),
    ]);
    expect(result.rejectsCsv).toContain('12O.00');
    expect(await count('statement_lines')).toBe(before);
    expect(await count('customer_statements')).toBe(1);
    expect(await count('import_files')).toBe(1);
  });

  it('imports the valid rows and hands back the rejects when asked to', async () => {
    const own = await db.customer('C-VALID');
    const result = expectStatus(
      await importStatementFile(
        db.conn,
        base({ customerId: own, file: fixture('statement-one-bad-row.csv'), mode: 'VALID_ROWS' }),
      ),
      'IMPORTED',
    );
    expect(result).toMatchObject({ lineCount: 4, rejectedRowCount: 1, total: '1100' });
    // Laid out as the file was, the reasons on the right: the file's template reads it back.
    expect(result.rejectsCsv?.split('\r\n')).toEqual([
      '日期,单号,摘要,金额,行号 Row,错误代码 Code,原因 Reason',
      '2026-01-08,INV-004,d,12O.00,5,INVALID_AMOUNT,"金额: ""12O.00"" is not an amount"',
      '',
    ]);
    const [rows] = await db.conn.query<RowDataPacket[]>(
      'SELECT GROUP_CONCAT(doc_no ORDER BY line_no) AS docs FROM statement_lines WHERE statement_id = ?',
      [result.statementId],
    );
    expect(rows[0]?.docs).toBe('INV-001,INV-002,INV-003,INV-005');
    // The same file a second time, in any mode, is recognised.
    expectStatus(
      await importStatementFile(
        db.conn,
        base({ customerId: own, file: fixture('statement-one-bad-row.csv') }),
      ),
      'DUPLICATE',
    );
  });

  it('imports an XLSX with merged headers, and rejects lines outside the given period', async () => {
    const xlsxTemplate = {
      sheet: '对账单',
      headerRows: 2,
      columns: { date: '日期', docNo: '凭证号', description: '摘要' },
      amount: { debit: '借方', credit: '贷方' },
    };
    const other = await db.customer('C002');
    const narrow = expectStatus(
      await importStatementFile(db.conn, {
        customerId: other,
        file: fixture('statement-merged-header.xlsx'),
        template: xlsxTemplate,
        periodStart: '2026-01-01',
        periodEnd: '2026-01-30',
      }),
      'REJECTED',
    );
    expect(narrow.issues).toEqual([
      expect.objectContaining({ code: ImportErrorCode.DATE_OUT_OF_PERIOD, row: 8 }),
    ]);
    const ok = expectStatus(
      await importStatementFile(db.conn, {
        customerId: other,
        file: fixture('statement-merged-header.xlsx'),
        template: xlsxTemplate,
        periodStart: '2026-01-01',
        periodEnd: '2026-01-31',
        openingBalance: '100',
      }),
      'IMPORTED',
    );
    expect(ok).toMatchObject({ format: 'XLSX', lineCount: 4, total: '700.3', closingBalance: '800.3' });
  });

  it('keeps text with tabs, backslashes and line breaks intact through the bulk path', async () => {
    const text =
      '日期,单号,摘要,金额\n2026-03-01,A\\1,"tab\there\nnext \\N line",0.0001\n2026-03-02,,,-0.0001\n';
    const result = expectStatus(
      await importStatementFile(db.conn, base({ file: { buffer: Buffer.from(text), name: 'odd.csv' } })),
      'IMPORTED',
    );
    const [rows] = await db.conn.query<RowDataPacket[]>(
      'SELECT doc_no, description, amount FROM statement_lines WHERE statement_id = ? ORDER BY line_no',
      [result.statementId],
    );
    expect(rows.map((r) => [r.doc_no, r.description, r.amount])).toEqual([
      ['A\\1', 'tab\there\nnext \\N line', '0.0001'],
      [null, null, '-0.0001'],
    ]);
  });

  it('lets one of two concurrent imports of the same file through a pool, the other is DUPLICATE', async () => {
    const pool = mysql.createPool({ ...serverOptions(), database: db.name, connectionLimit: 2 });
    try {
      const file = { buffer: Buffer.from('日期,单号,摘要,金额\n2026-04-01,X-1,race,1\n'), name: 'race.csv' };
      const results = await Promise.all([
        importStatementFile(pool, base({ file })),
        importStatementFile(pool, base({ file })),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(['DUPLICATE', 'IMPORTED']);
      const [rows] = await db.conn.query<RowDataPacket[]>(
        "SELECT COUNT(*) AS n FROM statement_lines WHERE description = 'race'",
      );
      expect(Number(rows[0]?.n)).toBe(1);
    } finally {
      await pool.end();
    }
  });

  it('falls back to multi-row INSERTs where LOAD DATA LOCAL is refused, with the same result', async () => {
    const other = await db.customer('C-INSERT');
    // A client without the LOCAL_FILES capability is refused by the server, as MySQL 8's default is.
    const noLocal = await mysql.createConnection({
      ...serverOptions(),
      database: db.name,
      flags: ['-LOCAL_FILES'],
    });
    try {
      const result = expectStatus(
        await importStatementFile(noLocal, base({ customerId: other })),
        'IMPORTED',
      );
      expect(result).toMatchObject({ bulkMethod: 'INSERT', lineCount: 4, total: '788' });
      const forced = expectStatus(
        await importStatementFile(
          db.conn,
          base({
            customerId: other,
            file: fixture('statement-one-bad-row.csv'),
            mode: 'VALID_ROWS',
            bulkMethod: 'INSERT',
          }),
        ),
        'IMPORTED',
      );
      // The second file of the month joins its statement, numbered after it, ids made its own.
      expect(forced).toMatchObject({
        bulkMethod: 'INSERT',
        lineCount: 4,
        rejectedRowCount: 1,
        action: 'ADDED',
        statementId: result.statementId,
        statementLineCount: 8,
      });
      const f = forced.importFileId;
      const [rows] = await db.conn.query<RowDataPacket[]>(
        'SELECT line_no, external_id, doc_no, description, kind, amount FROM statement_lines WHERE statement_id = ? ORDER BY line_no',
        [result.statementId],
      );
      expect(rows.map((r) => [r.line_no, r.external_id, r.doc_no, r.description, r.kind, r.amount])).toEqual([
        [1, 'R00000002', 'INV-001', '销售货款', 'INVOICE', '1234.5600'],
        [2, 'R00000003', 'RC-001', '收到货款', 'RECEIPT', '-500.0000'],
        [3, 'R00000004', 'CN-001', '退货折让', 'RECEIPT', '-34.5600'],
        [4, 'R00000005', 'INV-002', '运费', 'INVOICE', '88.0000'],
        [5, `F${f}-R00000002`, 'INV-001', 'a', 'INVOICE', '100.0000'],
        [6, `F${f}-R00000003`, 'INV-002', 'b', 'INVOICE', '200.0000'],
        [7, `F${f}-R00000004`, 'INV-003', 'c', 'INVOICE', '300.0000'],
        [8, `F${f}-R00000006`, 'INV-005', 'e', 'INVOICE', '500.0000'],
      ]);
    } finally {
      await noLocal.end();
    }
  });

  it('turns unreadable files into REJECTED and bad options or templates into errors', async () => {
    const empty = await importStatementFile(
      db.conn,
      base({ file: { buffer: Buffer.from('日期,单号,摘要,金额\n合计,,,0\n'), name: 'e.csv' } }),
    );
    expect(expectStatus(empty, 'REJECTED').issues.map((i) => i.code)).toEqual([ImportErrorCode.NO_LINES]);
    const noHeader = await importStatementFile(
      db.conn,
      base({ file: { buffer: Buffer.from('x,y\n1,2\n'), name: 'h.csv' } }),
    );
    expect(expectStatus(noHeader, 'REJECTED').issues.map((i) => i.code)).toEqual([
      ImportErrorCode.HEADER_NOT_FOUND,
    ]);
    await expect(importStatementFile(db.conn, base({ template: { columns: {} } }))).rejects.toBeInstanceOf(
      TemplateError,
    );
    await expect(
      importStatementFile(db.conn, base({ periodStart: '2026-02-30', periodEnd: '2026-03-01' })),
    ).rejects.toBeInstanceOf(ImportFileError);
    await expect(importStatementFile(db.conn, base({ openingBalance: '1e5' }))).rejects.toThrow(
      /openingBalance/,
    );
    await expect(importStatementFile(db.conn, base({ customerId: '999999' }))).rejects.toThrow(/no customer/);
  });
});
