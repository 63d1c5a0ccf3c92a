import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import type { RowDataPacket } from 'mysql2/promise';
import { importStatementFile, type StatementImportOptions } from '../../imports/bulk-load';
import { ImportErrorCode } from '../../imports/errors';
import type { ImportResult } from '../../imports/import-result';
import { rejectsCsvFile, rejectsXlsxFile } from '../../imports/rejects';
import { ImportWarningCode } from '../../imports/statement-facts';
import { MESSY_TEMPLATE, messyRows, writeCsv, writeMessyGbkCsv } from './messy-fixtures';
import { createScratchDatabase, type ScratchDatabase } from './mysql-scratch';

let db: ScratchDatabase;
let dir: string;
beforeAll(async () => {
  db = await createScratchDatabase('recon_reimport');
  dir = mkdtempSync(path.join(os.tmpdir(), 'recon-reimport-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await db?.drop();
});

function expectStatus<S extends ImportResult['status']>(
  result: ImportResult,
  status: S,
): Extract<ImportResult, { status: S }> {
  if (result.status !== status)
    throw new Error(`expected ${status}, got ${JSON.stringify(result).slice(0, 800)}`);
  return result as Extract<ImportResult, { status: S }>;
}

async function currentStatements(customerId: string): Promise<RowDataPacket[]> {
  const [rows] = await db.conn.query<RowDataPacket[]>(
    `SELECT id, DATE_FORMAT(period_start, '%Y-%m-%d') AS ps, DATE_FORMAT(period_end, '%Y-%m-%d') AS pe, line_count,
            CAST(opening_balance AS CHAR) AS opening, CAST(closing_balance AS CHAR) AS closing,
            (SELECT COUNT(*) FROM statement_lines l WHERE l.statement_id = s.id) AS line_rows
       FROM customer_statements s WHERE customer_id = ? AND replaced_by_id IS NULL ORDER BY id`,
    [customerId],
  );
  return rows.map((row) => ({ ...row, id: String(row.id), line_rows: Number(row.line_rows) }));
}

/** Rows 7 and 9 of the messy statement broken (a letter O for a zero, an impossible date). */
function brokenRows(): string[][] {
  const rows = messyRows();
  rows[6] = [...(rows[6] ?? [])];
  rows[6][4] = '3,OOO.00';
  rows[8] = [...(rows[8] ?? [])];
  rows[8][0] = '2026年11月31日';
  return rows;
}

describe('re-importing a month (MariaDB)', () => {
  it('a corrected rejects file, read with the original template, adds its lines to the month’s statement', async () => {
    const customerId = await db.customer('C-REJ');
    const options = (file: string): StatementImportOptions => ({
      customerId,
      file: { path: file },
      template: MESSY_TEMPLATE,
      mode: 'VALID_ROWS',
    });
    const first = expectStatus(
      await importStatementFile(db.conn, options(writeMessyGbkCsv(dir, 'broken.csv', brokenRows()))),
      'IMPORTED',
    );
    expect(first).toMatchObject({
      action: 'CREATED',
      lineCount: 3,
      rejectedRowCount: 2,
      periodStart: '2026-11-01',
      periodEnd: '2026-11-30',
      openingBalance: '10000',
      openingSource: 'FILE',
      closingBalance: '12306',
      closingSource: 'FILE',
      unexplained: '-1800',
    });
    expect(first.warnings.map((w) => w.code)).toContain(ImportWarningCode.STATEMENT_DOES_NOT_TIE);

    // The rejects come back in the file's own layout and encoding (GBK): title, both header rows.
    const rejectsFile = path.join(dir, 'rejects.csv');
    writeFileSync(rejectsFile, rejectsCsvFile(first.rejects!));
    const text = iconv.decode(readFileSync(rejectsFile), 'gb18030');
    expect(text.split('\r\n').slice(0, 4)).toEqual([
      '上海某某贸易有限公司 应付账款对账单,,,,,,',
      '往来单位：本公司,,,期间：2026年11月,,,',
      '日期,凭证号,摘要,发票号,金额,,余额',
      ',,,,借方,贷方,,行号 Row,错误代码 Code,原因 Reason',
    ]);
    // Fixed by hand, the rejects file goes in with the template the statement came with.
    writeFileSync(
      rejectsFile,
      iconv.encode(
        text.replace('3,OOO.00', '3,000.00').replace('2026年11月31日', '2026年11月25日'),
        'gb18030',
      ),
    );
    const second = expectStatus(await importStatementFile(db.conn, options(rejectsFile)), 'IMPORTED');
    expect(second).toMatchObject({
      action: 'ADDED',
      statementId: first.statementId,
      lineCount: 2,
      statementLineCount: 5,
      openingBalance: '10000',
      closingBalance: '12306',
      unexplained: '0',
    });
    // One statement for the month, holding every line: the period extracts all five.
    expect(await currentStatements(customerId)).toEqual([
      expect.objectContaining({
        id: String(first.statementId),
        ps: '2026-11-01',
        line_count: 5,
        line_rows: 5,
      }),
    ]);
  });

  it('an XLSX rejects file keeps the sheet, the header rows and the cell types', async () => {
    const customerId = await db.customer('C-REJX');
    const rows = messyRows({ cnDates: false });
    rows[6] = [...(rows[6] ?? [])];
    rows[6][4] = 'three thousand';
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('对账单');
    rows.forEach((cells, i) =>
      cells.forEach((value, c) => {
        if (value === '') return;
        sheet.getRow(i + 1).getCell(c + 1).value = /^\d{4}-\d\d-\d\d$/.test(value)
          ? new Date(`${value}T00:00:00Z`)
          : value;
      }),
    );
    const source = path.join(dir, 'broken.xlsx');
    await workbook.xlsx.writeFile(source);
    const template = { ...MESSY_TEMPLATE, sheet: '对账单', headerRow: 3 };
    const first = expectStatus(
      await importStatementFile(db.conn, {
        customerId,
        file: { path: source },
        template,
        mode: 'VALID_ROWS',
      }),
      'IMPORTED',
    );
    expect(first.rejectedRowCount).toBe(1);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load((await rejectsXlsxFile(first.rejects!)) as unknown as ArrayBuffer);
    const rejects = back.getWorksheet('对账单')!;
    expect(rejects.getRow(3).getCell(1).value).toBe('日期');
    expect(rejects.getRow(5).getCell(1).value).toEqual(new Date('2026-11-12T00:00:00Z'));
    rejects.getRow(5).getCell(5).value = 3000;
    const fixed = path.join(dir, 'fixed.xlsx');
    await back.xlsx.writeFile(fixed);
    const second = expectStatus(
      await importStatementFile(db.conn, { customerId, file: { path: fixed }, template }),
      'IMPORTED',
    );
    expect(second).toMatchObject({ action: 'ADDED', statementLineCount: 5, unexplained: '0' });
  });

  it('the same file again is nothing to do; with --replace (a corrected opening) it replaces the statement, audited', async () => {
    const customerId = await db.customer('C-REP');
    const file = writeCsv(dir, 'plain.csv', [
      ['日期', '单号', '金额'],
      ['2026-11-05', 'INV-1', '6,606.00'],
      ['2026-11-12', 'PAY-1', '-3,000.00'],
    ]);
    const template = { columns: { date: '日期', docNo: '单号' }, amount: { column: '金额' } };
    const first = expectStatus(
      await importStatementFile(db.conn, { customerId, file: { path: file }, template }),
      'IMPORTED',
    );
    expect(first).toMatchObject({ openingBalance: '0', openingSource: 'ASSUMED' });
    expect(first.warnings[0]).toMatchObject({ code: ImportWarningCode.OPENING_ASSUMED });
    expectStatus(
      await importStatementFile(db.conn, { customerId, file: { path: file }, template }),
      'DUPLICATE',
    );

    const replaced = expectStatus(
      await importStatementFile(db.conn, {
        customerId,
        file: { path: file },
        template,
        openingBalance: '10,000.00',
        replace: true,
      }),
      'IMPORTED',
    );
    expect(replaced).toMatchObject({
      action: 'REPLACED',
      replacedStatementId: first.statementId,
      openingBalance: '10000',
      openingSource: 'GIVEN',
      closingBalance: '13606',
    });
    expect(await currentStatements(customerId)).toEqual([
      expect.objectContaining({ id: String(replaced.statementId), opening: '10000.0000', line_rows: 2 }),
    ]);
    const [audit] = await db.conn.query<RowDataPacket[]>(
      "SELECT actor_id, entity_id, before_state, after_state FROM audit_events WHERE action = 'statement.replaced'",
    );
    expect(audit[0]).toMatchObject({ actor_id: 'import', entity_id: String(replaced.statementId) });
    expect(JSON.stringify(audit[0]?.before_state)).toContain(`"statementId":"${first.statementId}"`);
  });

  it('the same file again with another opening or period says what it did not apply', async () => {
    const customerId = await db.customer('C-DIFF');
    const file = writeCsv(dir, 'diff.csv', [
      ['日期', '单号', '金额'],
      ['2026-11-05', 'INV-1', '6,606.00'],
      ['2026-11-12', 'PAY-1', '-3,000.00'],
    ]);
    const template = { columns: { date: '日期', docNo: '单号' }, amount: { column: '金额' } };
    expectStatus(
      await importStatementFile(db.conn, {
        customerId,
        file: { path: file },
        template,
        openingBalance: '10,000.00',
      }),
      'IMPORTED',
    );
    const same = expectStatus(
      await importStatementFile(db.conn, {
        customerId,
        file: { path: file },
        template,
        openingBalance: '10000',
      }),
      'DUPLICATE',
    );
    expect(same.differences).toEqual([]);
    const other = expectStatus(
      await importStatementFile(db.conn, {
        customerId,
        file: { path: file },
        template,
        openingBalance: '(9,000.00)',
        closingBalance: '13,606.00',
        periodStart: '2026-12-01',
        periodEnd: '2026-12-31',
      }),
      'DUPLICATE',
    );
    expect(other.differences).toEqual([
      'period 2026-12-01..2026-12-31 given, the statement is of 2026-11-01..2026-11-30',
      'opening -9,000.00 given, the statement opens at 10,000.00',
    ]);
    expect(other.message).toContain('not applied: period 2026-12-01..2026-12-31 given');
    expect(await currentStatements(customerId)).toEqual([
      expect.objectContaining({ opening: '10000.0000', ps: '2026-11-01', line_rows: 2 }),
    ]);
  });

  it('adding to a statement refuses a different opening and a file already on it', async () => {
    const customerId = await db.customer('C-ADD');
    const template = { columns: { date: '日期', docNo: '单号' }, amount: { column: '金额' } };
    const rows = [
      ['日期', '单号', '金额'],
      ['2026-11-05', 'INV-1', '100'],
    ];
    await importStatementFile(db.conn, {
      customerId,
      file: { path: writeCsv(dir, 'a1.csv', rows) },
      template,
      openingBalance: '50',
    });
    const opening = await importStatementFile(db.conn, {
      customerId,
      file: { path: writeCsv(dir, 'a2.csv', [...rows, ['2026-11-06', 'INV-2', '5']]) },
      template,
      openingBalance: '60',
    });
    expect(expectStatus(opening, 'REJECTED').issues[0]).toMatchObject({
      code: ImportErrorCode.OPENING_CONFLICT,
      message: expect.stringMatching(/opens at 50\.00, this file at 60\.00: .*--replace/),
    });
    const twice = await importStatementFile(db.conn, {
      customerId,
      file: { path: writeCsv(dir, 'a3.csv', [...rows, ['', '', '']]) },
      template,
    });
    expect(expectStatus(twice, 'REJECTED').issues[0]?.code).toBe(ImportErrorCode.ALREADY_ON_STATEMENT);
    expect(await currentStatements(customerId)).toEqual([expect.objectContaining({ line_rows: 1 })]);
  });

  it('without a period: the customer’s period holding the lines, else their month; lines over two months are refused', async () => {
    const customerId = await db.customer('C-PER');
    const template = { columns: { date: '日期', docNo: '单号' }, amount: { column: '金额' } };
    // A quarterly period is open for the customer: a file of its lines belongs to it.
    await db.conn.query(
      `INSERT INTO reconciliation_periods (customer_id, period_start, period_end, workflow_id, status, currency)
       VALUES (?, '2026-10-01', '2026-12-31', 'recon-C-PER-2026-Q4', 'OPEN', 'CNY')`,
      [customerId],
    );
    const quarter = expectStatus(
      await importStatementFile(db.conn, {
        customerId,
        file: {
          path: writeCsv(dir, 'q.csv', [
            ['日期', '单号', '金额'],
            ['2026-10-05', 'A', '1'],
            ['2026-12-20', 'B', '2'],
          ]),
        },
        template,
      }),
      'IMPORTED',
    );
    expect(quarter).toMatchObject({
      periodStart: '2026-10-01',
      periodEnd: '2026-12-31',
      periodSource: 'PERIOD',
      reconciliationPeriod: { status: 'OPEN' },
    });
    expect(quarter.warnings.find((w) => w.code === ImportWarningCode.PERIOD_INFERRED)?.message).toMatch(
      /the reconciliation period holding them/,
    );
    const straddle = await importStatementFile(db.conn, {
      customerId,
      file: {
        path: writeCsv(dir, 's.csv', [
          ['日期', '单号', '金额'],
          ['2027-01-30', 'A', '1'],
          ['2027-02-02', 'B', '2'],
        ]),
      },
      template,
    });
    expect(expectStatus(straddle, 'REJECTED').issues[0]).toMatchObject({
      code: ImportErrorCode.PERIOD_UNCLEAR,
      message: expect.stringMatching(
        /2027-01-30 to 2027-02-02, more than one period: give the statement period/,
      ),
    });
  });

  it('a closed period’s statement is not changed', async () => {
    const customerId = await db.customer('C-CLOSED');
    await db.conn.query(
      `INSERT INTO reconciliation_periods (customer_id, period_start, period_end, workflow_id, status, currency)
       VALUES (?, '2026-09-01', '2026-09-30', 'recon-C-CLOSED-2026-09', 'CLOSED', 'CNY')`,
      [customerId],
    );
    const result = await importStatementFile(db.conn, {
      customerId,
      file: {
        path: writeCsv(dir, 'closed.csv', [
          ['日期', '单号', '金额'],
          ['2026-09-05', 'A', '1'],
        ]),
      },
      template: { columns: { date: '日期', docNo: '单号' }, amount: { column: '金额' } },
    });
    expect(expectStatus(result, 'REJECTED').issues[0]?.code).toBe(ImportErrorCode.PERIOD_CLOSED);
    expect(await currentStatements(customerId)).toEqual([]);
  });

  it('the file’s opening row and --opening must agree', async () => {
    const customerId = await db.customer('C-OPEN');
    const result = await importStatementFile(db.conn, {
      customerId,
      file: { path: writeMessyGbkCsv(dir, 'opening.csv') },
      template: MESSY_TEMPLATE,
      openingBalance: '9,000.00',
    });
    expect(expectStatus(result, 'REJECTED').issues[0]?.message).toBe(
      "the opening given (9,000.00) is not the file's 期初余额 (row 5: 10,000.00)",
    );
    const agreed = await importStatementFile(db.conn, {
      customerId,
      file: { path: writeMessyGbkCsv(dir, 'opening.csv') },
      template: MESSY_TEMPLATE,
      openingBalance: '10,000.00',
    });
    expect(expectStatus(agreed, 'IMPORTED')).toMatchObject({ openingBalance: '10000', unexplained: '0' });
  });
});
