import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import mysql, { type Connection } from 'mysql2/promise';
import { PeriodStatus } from '../../contract/enums';
import { serverAddress } from '../../db/server-address';
import { Customer } from '../../entities/customer.entity';
import { importLedgerFile } from '../../imports/ledger-load';
import { importStatementFile } from '../../imports/bulk-load';
import { rejectsCsvFile } from '../../imports/rejects';
import { startPeriodHarness, type PeriodHarness } from '../support/period-harness';
import {
  MESSY_LINES,
  MESSY_TEMPLATE,
  messyRows,
  writeCsv,
  writeMessyGbkCsv,
  writeMessyXlsx,
} from './messy-fixtures';

/**
 * File in → statement in the database → the period reconciles every line: a messy customer statement
 * (GBK or XLSX, 借方/贷方, ￥ and (500.00), 2026年11月5日, balance rows, totals, footers) against our ERP
 * export, through the real workflow on a real Temporal dev server and MariaDB.
 */
describe('a statement file reconciles end to end', () => {
  let h: PeriodHarness;
  let conn: Connection;
  let dir: string;

  beforeAll(async () => {
    h = await startPeriodHarness('import_e2e');
    conn = await mysql.createConnection({
      ...serverAddress(h.db.config),
      user: h.db.config.user,
      password: h.db.config.password,
      database: h.db.config.database,
      supportBigNumbers: true,
      bigNumberStrings: true,
    });
    dir = mkdtempSync(path.join(os.tmpdir(), 'recon-import-e2e-'));
  });
  afterAll(async () => {
    await conn?.end();
    rmSync(dir, { recursive: true, force: true });
    await h?.stop();
  });

  /** A customer with our side of November (and 10,000 owed from October) loaded from an ERP export. */
  async function customerWithLedger(code: string): Promise<string> {
    const customer = await h.db.dataSource.getRepository(Customer).save({
      code,
      name: `客户 ${code}`,
      currency: 'CNY',
      contactEmail: `${code.toLowerCase()}@example.com`,
    });
    const erp = writeCsv(dir, `${code}-erp.csv`, [
      ['凭证日期', '单据号', '摘要', '金额'],
      ['2026-10-20', 'INV-1020', '10月货款', '10000.00'],
      ...MESSY_LINES.map((l) => [l.date, l.invoice, l.text, l.amount]),
    ]);
    const ledger = await importLedgerFile(conn, {
      customerId: customer.id,
      source: `U8-${code}`,
      file: { path: erp },
      template: {
        columns: { date: '凭证日期', docNo: '单据号', description: '摘要' },
        amount: { column: '金额' },
      },
    });
    expect(ledger.status).toBe('IMPORTED');
    return customer.id;
  }

  /** Opens November for the customer and waits for the workflow to rest; returns what it reconciled. */
  async function reconcileNovember(code: string) {
    const opened = await h.periods.openPeriod(code, '2026-11-01', '2026-11-30');
    await h
      .waitForStatus(opened.workflowId, PeriodStatus.AWAITING_CUSTOMER, 30_000)
      .catch(async (error: unknown) => {
        const differences = await h.db.dataSource.query(
          'SELECT kind, CAST(amount AS CHAR) AS amount, explanation FROM differences WHERE period_id = ?',
          [opened.period.id],
        );
        throw new Error(`${String(error)}: ${JSON.stringify(differences)}`);
      });
    const [period] = (await h.db.dataSource.query(
      `SELECT p.statement_id, CAST(p.our_closing_balance AS CHAR) AS ours, CAST(p.their_closing_balance AS CHAR) AS theirs,
              (SELECT COUNT(*) FROM differences d WHERE d.period_id = p.id AND d.match_run = p.match_run) AS differences,
              (SELECT COUNT(*) FROM match_group_members m JOIN match_groups g ON g.id = m.group_id
                WHERE g.period_id = p.id AND g.match_run = p.match_run AND m.side = 'THEIRS') AS their_matched
         FROM reconciliation_periods p WHERE p.id = ?`,
      [opened.period.id],
    )) as Array<{
      statement_id: string;
      ours: string;
      theirs: string;
      differences: string;
      their_matched: string;
    }>;
    return period!;
  }

  it.each([
    ['GBK CSV', 'E2E-GBK', () => writeMessyGbkCsv(dir, 'e2e.csv')],
    ['XLSX', 'E2E-XLSX', () => writeMessyXlsx(dir, 'e2e.xlsx')],
  ])('%s: every line matched, balances read from the file, the bridge ties', async (_, code, make) => {
    const customerId = await customerWithLedger(code);
    const imported = await importStatementFile(conn, {
      customerId,
      file: { path: await make() },
      template: MESSY_TEMPLATE,
    });
    expect(imported).toMatchObject({
      status: 'IMPORTED',
      lineCount: 5,
      openingBalance: '10000',
      closingBalance: '12306',
    });
    const period = await reconcileNovember(code);
    expect(period).toMatchObject({ ours: '12306.0000', theirs: '12306.0000' });
    expect(Number(period.differences)).toBe(0);
    expect(Number(period.their_matched)).toBe(5);
  });

  it('a statement loaded in two files (valid rows, then the corrected rejects) is reconciled whole', async () => {
    const customerId = await customerWithLedger('E2E-REJ');
    const rows = messyRows();
    rows[6] = [...(rows[6] ?? [])];
    rows[6][4] = '3,OOO.00';
    const first = await importStatementFile(conn, {
      customerId,
      file: { path: writeMessyGbkCsv(dir, 'e2e-broken.csv', rows) },
      template: MESSY_TEMPLATE,
      mode: 'VALID_ROWS',
    });
    if (first.status !== 'IMPORTED') throw new Error(JSON.stringify(first));
    const rejects = path.join(dir, 'e2e-rejects.csv');
    writeFileSync(rejects, rejectsCsvFile(first.rejects!));
    const fixed = iconv.decode(readFileSync(rejects), 'gb18030').replace('3,OOO.00', '3,000.00');
    writeFileSync(rejects, iconv.encode(fixed, 'gb18030'));
    const second = await importStatementFile(conn, {
      customerId,
      file: { path: rejects },
      template: MESSY_TEMPLATE,
    });
    expect(second).toMatchObject({ status: 'IMPORTED', action: 'ADDED', statementId: first.statementId });

    const period = await reconcileNovember('E2E-REJ');
    expect(period.statement_id).toBe(String(first.statementId));
    expect(Number(period.their_matched)).toBe(5);
    expect(Number(period.differences)).toBe(0);
  });
});
