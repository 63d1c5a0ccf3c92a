import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Connection } from '@temporalio/client';
import mysql from 'mysql2/promise';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../../config/config';
import { AdjustmentStatus, PeriodStatus } from '../../contract/enums';
import { approveAdjustment, completeReview, confirmStatement } from '../../contract/period';
import { prepareDatabase } from '../../db/prepare-database';
import { Adjustment } from '../../entities/adjustment.entity';
import { AdjustmentApproval } from '../../entities/adjustment-approval.entity';
import { LedgerEntry } from '../../entities/ledger-entry.entity';
import { importLedgerFile, importStatementFile } from '../../imports';
import { Money } from '../../money/decimal';
import type { DevServer } from '../../temporal/dev-server';
import { customerActor } from '../support/actors';
import { reconProcessEnv, startOwnTemporal } from '../support/fault-stack';
import { seedCustomer } from '../support/fixtures';
import { holdAdjustmentEntry, waitingStatement } from './support/held-rows';
import { consistencyProblems } from './support/invariants';
import { freePort, PrivateMariaDb, startRecon, waitFor, type ReconChild } from './support/processes';
import { CLERK, FEE, faultPeriods, INVOICE, MANAGER, proposeFeeAdjustment } from './support/review-case';

const TASK_QUEUE = 'recon-faults-database';
const DATABASE = 'recon_faults';

/** Rows of the import cut by the crash: enough for the load to last a few seconds. */
const IMPORT_ROWS = 20_000;

/**
 * Fault 2 of issue #20: the database server dies (SIGKILL) while a manager's approval is being
 * posted, and while a statement or a ledger file is being imported, and comes back. For the
 * posting, the approval is stored first (its own activity, answered within seconds either way); the
 * test holds the ledger key the posting inserts, so the posting is waiting inside its transaction
 * when the server dies. The worker process rides it out, the posting retries (for minutes if need
 * be), and the adjustment is in the ledger exactly once. MariaDB here is a server of the test's
 * own, so that the other tests sharing the machine's server are not disturbed.
 */
describe('the database server killed during adjustment posting', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'recon-faults-db-'));
  let mariadb: PrivateMariaDb;
  let dataSource: DataSource;
  let temporal: DevServer;
  let worker: ReconChild;
  let connection: Connection | undefined;

  beforeAll(async () => {
    mariadb = new PrivateMariaDb(path.join(dir, 'mysql'), await freePort(), DATABASE);
    await mariadb.start();
    dataSource = await prepareDatabase(loadConfig({ DATABASE_URL: mariadb.url }).database, { poolSize: 3 });
    temporal = await startOwnTemporal(dir);
    worker = await startRecon(
      'worker',
      reconProcessEnv({ temporal, databaseUrl: mariadb.url, dir, taskQueue: TASK_QUEUE }),
    );
  }, 180_000);

  afterAll(async () => {
    await worker?.kill();
    await connection?.close();
    await temporal?.stop();
    await dataSource?.destroy().catch(() => undefined);
    await mariadb?.stop();
  });

  it('posts the approved adjustment exactly once after the database comes back', async () => {
    const stack = await faultPeriods(dataSource, temporal, TASK_QUEUE);
    connection = stack.connection;
    const { periods, reach } = stack;
    const handle = (workflowId: string) => periods.handle(workflowId);

    await seedCustomer(dataSource, 'FDB', [INVOICE], [INVOICE, FEE]);
    const { workflowId, period } = await periods.openPeriod('FDB', '2026-10-01', '2026-10-31');
    const proposed = await proposeFeeAdjustment(dataSource, stack, workflowId, period.id);

    // The ledger key the posting inserts is held: the approval is stored, then the posting waits.
    const letGo = await holdAdjustmentEntry(dataSource, proposed.entityId, period.customerId);
    const approved = handle(workflowId).executeUpdate(approveAdjustment, {
      args: [{ actor: MANAGER, adjustmentId: proposed.entityId }],
    });
    const posting = await waitFor(
      'the posting waiting for the held ledger key',
      () => waitingStatement(dataSource, DATABASE),
      90_000,
      20,
    );
    expect(posting).toMatch(/ledger_entries/);
    expect(
      await dataSource.getRepository(AdjustmentApproval).countBy({ adjustmentId: proposed.entityId }),
    ).toBe(1);

    // The server dies with the posting half done (and the held key with it), and is away for 4 s.
    await mariadb.kill();
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    await mariadb.start();
    await letGo(); // the held key died with the server; this frees the test's pool slot
    const result = await approved;
    expect(result.state.adjustments.find((a) => a.id === proposed.entityId)?.state).toBe('POSTED');
    expect(worker.child.exitCode).toBeNull();

    await handle(workflowId).executeUpdate(completeReview, { args: [{ actor: CLERK }] });
    await reach(workflowId, PeriodStatus.AWAITING_CUSTOMER);
    await handle(workflowId).executeUpdate(confirmStatement, { args: [{ actor: customerActor('FDB') }] });
    await expect(handle(workflowId).result()).resolves.toMatchObject({ status: PeriodStatus.CLOSED });

    await expect(
      dataSource.getRepository(Adjustment).findOneByOrFail({ id: proposed.entityId }),
    ).resolves.toMatchObject({
      status: AdjustmentStatus.POSTED,
    });
    expect(await dataSource.getRepository(LedgerEntry).countBy({ adjustmentId: proposed.entityId })).toBe(1);
    expect(await consistencyProblems(dataSource)).toEqual([]);
  });

  it.each(['ledger', 'statement'] as const)(
    'a %s import cut by the restart writes nothing, and its retry imports the file exactly',
    async (kind) => {
      // Each look at the database on a connection of its own: the test's pool has lived through
      // the earlier restarts of this file, and a look must not wait on one of its old connections.
      const inserted = (await sql('INSERT INTO customers (code, name, currency) VALUES (?, ?, ?)', [
        `FIMP-${kind}`,
        `导入 ${kind}`,
        'CNY',
      ])) as unknown as { insertId: number };
      const customer = { id: String(inserted.insertId) };
      const amounts = Array.from(
        { length: IMPORT_ROWS },
        (_, i) => `${(i % 997) + 1}.${String(i % 100).padStart(2, '0')}`,
      );
      const expectedTotal = amounts.reduce((sum, a) => sum.plus(a), new Money(0));
      const csv = Buffer.from(
        [
          '日期,单号,类型,摘要,金额',
          ...amounts.map(
            (a, i) => `2026-09-${String(1 + (i % 28)).padStart(2, '0')},DOC-${i},发票,货款,${a}`,
          ),
        ].join('\n'),
      );
      const file = { buffer: csv, name: `${kind}-2026-09.csv` };
      const template = {
        columns: { date: '日期', docNo: '单号', kind: '类型', description: '摘要' },
        amount: { column: '金额' },
      };
      const load = async () => {
        const conn = await mysql.createConnection({
          uri: mariadb.url,
          supportBigNumbers: true,
          bigNumberStrings: true,
        });
        try {
          return kind === 'ledger'
            ? await importLedgerFile(conn, {
                customerId: customer.id,
                source: 'ERP-F',
                file,
                template,
              })
            : await importStatementFile(conn, {
                customerId: customer.id,
                file,
                template,
                periodStart: '2026-09-01',
                periodEnd: '2026-09-30',
                openingBalance: '0',
              });
        } finally {
          conn.destroy();
        }
      };
      const begun = Date.now();
      const step = (what: string) =>
        process.stderr.write(`[${kind} import ${Date.now() - begun} ms] ${what}\n`);
      const before = await importFootprint(customer.id);
      step('footprint taken');

      // The audit chain's head is held: the import writes every line, then waits inside its one
      // transaction to append its audit event, a file half written were it not one transaction.
      // (Polling for rows being written raced the import on a loaded machine: it could finish first.)
      const holder = await mysql.createConnection({ uri: mariadb.url, connectTimeout: 5_000 });
      await holder.query('START TRANSACTION');
      await holder.query('SELECT last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE');
      const cut = load().then(
        (result) => `finished: ${result.status}`,
        (error: unknown) => `failed: ${String(error)}`,
      );
      await waitFor(
        `the ${kind} import waiting for the audit head`,
        async () =>
          (
            await sql(
              `SELECT id FROM information_schema.processlist
                WHERE db = ? AND id <> CONNECTION_ID() AND command = 'Query' AND info LIKE '%audit_chain_head%FOR UPDATE%'`,
              [DATABASE],
            )
          ).length > 0,
        120_000,
        50,
      );
      const [written] = (await sql(
        'SELECT COALESCE(MAX(trx_rows_modified), 0) AS n FROM information_schema.INNODB_TRX',
      )) as Array<{ n: string }>;
      expect(Number(written.n)).toBeGreaterThanOrEqual(IMPORT_ROWS);
      step('import writing: killing MariaDB');
      await mariadb.kill();
      expect(await cut).toMatch(/^failed: /);
      step('import failed');
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      await mariadb.start();
      await waitFor('the database answering', async () => (await sql('SELECT 1 AS ok')).length === 1);
      holder.destroy(); // its lock died with the server
      step('MariaDB back');

      // Nothing of the file is there: no line, no import row, no audit event, no statement.
      expect(await importFootprint(customer.id)).toEqual(before);

      const retryBegun = Date.now();
      const retried = await load();
      step('retried');
      // At once: the cut import gave its parse thread back (it held it for two minutes before).
      expect(Date.now() - retryBegun).toBeLessThan(60_000);
      expect(retried).toMatchObject({ status: 'IMPORTED', lineCount: IMPORT_ROWS });
      const after = await importFootprint(customer.id);
      expect(after).toMatchObject({ lines: IMPORT_ROWS, total: expectedTotal.toFixed(2), files: 1 });
      expect(after.auditEvents).toBeGreaterThan(before.auditEvents);
      expect(await consistencyProblems(dataSource)).toEqual([]);
      step('consistent');
    },
    300_000,
  );

  /** One statement on a new connection (answers within 10 s or fails). */
  async function sql(query: string, params: unknown[] = []): Promise<Array<Record<string, unknown>>> {
    const conn = await mysql.createConnection({
      uri: mariadb.url,
      connectTimeout: 5_000,
      supportBigNumbers: true,
      bigNumberStrings: true,
    });
    try {
      const [rows] = await conn.query({ sql: query, values: params, timeout: 10_000 });
      return rows as Array<Record<string, unknown>>;
    } finally {
      conn.destroy();
    }
  }

  /** What an import of the customer leaves: its lines (either kind), their sum, import rows, audit events. */
  async function importFootprint(customerId: string) {
    const [row] = (await sql(
      `SELECT
         (SELECT COUNT(*) FROM ledger_entries WHERE customer_id = ?) +
         (SELECT COUNT(*) FROM statement_lines l JOIN customer_statements s ON s.id = l.statement_id
           WHERE s.customer_id = ?) AS \`lines\`,
         CAST(COALESCE((SELECT SUM(amount) FROM ledger_entries WHERE customer_id = ?), 0) +
         COALESCE((SELECT SUM(l.amount) FROM statement_lines l JOIN customer_statements s ON s.id = l.statement_id
           WHERE s.customer_id = ?), 0) AS CHAR) AS total,
         (SELECT COUNT(*) FROM import_files WHERE customer_id = ?) AS files,
         (SELECT COUNT(*) FROM customer_statements WHERE customer_id = ?) AS statements,
         (SELECT COUNT(*) FROM audit_events) AS auditEvents`,
      Array(6).fill(customerId),
    )) as Array<Record<string, string>>;
    return {
      lines: Number(row.lines),
      total: new Money(row.total).toFixed(2),
      files: Number(row.files),
      statements: Number(row.statements),
      auditEvents: Number(row.auditEvents),
    };
  }
});
