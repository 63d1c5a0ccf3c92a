import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import type { RunningApi } from '../../api/server';
import { restoreBackup, writeBackup } from '../../backup';
import { PeriodStatus, UserRole } from '../../contract/enums';
import { dropDatabase } from '../../db/ensure-database';
import { serverAddress } from '../../db/server-address';
import { importLedgerFile } from '../../imports/ledger-load';
import { gql } from '../support/api-client';
import { seedCustomer, type Line } from '../support/fixtures';
import { staffTokens, startHarnessApi } from '../support/harness-api';
import { startPeriodHarness, type PeriodHarness } from '../support/period-harness';

const QUEUE = '{ myTasks(first: 5) { edges { node { id status } } } }';
const CLAIM = 'mutation ($id: ID!) { claimTask(id: $id) { id } }';
const RELEASE = 'mutation ($id: ID!) { releaseTask(id: $id) { id } }';
const CLERKS = 4;

/**
 * #20's restore drill: a backup taken while clerks work their queues over the API and a ledger file
 * is imported, restored into a new database and verified against its manifest.
 */
describe('restore drill: backup under load, restore, verify', () => {
  let h: PeriodHarness;
  let api: RunningApi;
  const bearer: Record<string, string> = {};
  const root = mkdtempSync(path.join(os.tmpdir(), 'recon-drill-'));
  let restored: string;

  beforeAll(async () => {
    h = await startPeriodHarness('drill');
    api = await startHarnessApi(h);
    Object.assign(
      bearer,
      await staffTokens(
        h.db.dataSource,
        Array.from({ length: CLERKS }, (_, i) => [`clerk${i}`, UserRole.CLERK] as const),
      ),
    );
    for (const code of ['DR1', 'DR2', 'DR3']) {
      const ours: Line[] = Array.from({ length: 12 }, (_, i) => ({
        id: `i${i}`,
        date: '2026-10-05',
        ref: `${code}-INV-${i}`,
        kind: 'INVOICE',
        amount: `${100 + i}.25`,
      }));
      await seedCustomer(h.db.dataSource, code, ours, ours.slice(0, 4));
      const { workflowId } = await h.periods.openPeriod(code, '2026-10-01', '2026-10-31');
      await h.waitForStatus(workflowId, PeriodStatus.IN_REVIEW, 60_000);
    }
    // Bulk so the snapshot takes a while: 60,000 ledger rows of an old year.
    await h.db.dataSource.query(
      `INSERT INTO ledger_entries (customer_id, source, external_id, entry_date, kind, amount, currency)
       WITH d(x) AS (SELECT 0 UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
                     UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9)
       SELECT c.id, 'bulk', CONCAT('B-', a.x, b.x, e.x, f.x, g.x), '2020-01-01', 'INVOICE', 0.01, 'CNY'
         FROM d a, d b, d e, d f, d g, customers c WHERE c.code = 'DR1' AND a.x < 6`,
    );
  });

  afterAll(async () => {
    await api?.stop();
    if (restored) await dropDatabase({ ...h.db.config, database: restored });
    await h?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('a backup taken while clerks claim and release tasks and a ledger file loads restores exactly, audit chain intact', async () => {
    let stop = false;
    let operations = 0;
    let slowest = 0;
    const errors: string[] = [];
    const clerk = async (name: string) => {
      while (!stop) {
        const started = Date.now();
        const page = await gql<{ myTasks: { edges: Array<{ node: { id: string; status: string } }> } }>(
          api.graphqlUrl,
          QUEUE,
          {},
          bearer[name],
        );
        const open = page.data?.myTasks.edges.map((e) => e.node).filter((t) => t.status === 'OPEN') ?? [];
        const task = open[Math.floor(Math.random() * open.length)];
        if (task) {
          const claimed = await gql(api.graphqlUrl, CLAIM, { id: task.id }, bearer[name]);
          if (!claimed.errors) await gql(api.graphqlUrl, RELEASE, { id: task.id }, bearer[name]);
          else if (claimed.errors[0].extensions?.code !== 'WRONG_STATE')
            errors.push(JSON.stringify(claimed.errors));
        }
        if (page.errors) errors.push(JSON.stringify(page.errors));
        slowest = Math.max(slowest, Date.now() - started);
        operations += 1;
      }
    };
    const importer = async () => {
      const conn = await mysql.createConnection({
        ...serverAddress(h.db.config),
        user: h.db.config.user,
        password: h.db.config.password,
        database: h.db.config.database,
        supportBigNumbers: true,
        bigNumberStrings: true,
      });
      const [[customer]] = (await conn.query("SELECT id FROM customers WHERE code = 'DR2'")) as unknown as [
        Array<{ id: string }>,
      ];
      let files = 0;
      try {
        while (!stop) {
          const lines = Array.from(
            { length: 2000 },
            (_, i) =>
              `2026-10-${String(1 + (i % 28)).padStart(2, '0')},F${files}-${i},发票,货款,${i % 7}.${i % 100}`,
          );
          const result = await importLedgerFile(conn, {
            customerId: customer.id,
            source: 'ERP-DRILL',
            file: {
              buffer: Buffer.from(['凭证日期,发票号,类型,摘要,金额', ...lines].join('\n')),
              name: `f${files}.csv`,
            },
            template: {
              columns: { date: '凭证日期', docNo: '发票号', kind: '类型', description: '摘要' },
              amount: { column: '金额' },
            },
          });
          if (result.status !== 'IMPORTED') errors.push(`import ${files}: ${result.status}`);
          files += 1;
        }
      } finally {
        await conn.end();
      }
      return files;
    };

    const auditCount = async () =>
      Number(
        ((await h.db.dataSource.query('SELECT COUNT(*) AS n FROM audit_events')) as Array<{ n: string }>)[0]
          .n,
      );
    const load = [...Array.from({ length: CLERKS }, (_, i) => clerk(`clerk${i}`)), importer()];
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const before = await auditCount();
    const manifest = await writeBackup({
      db: h.db.config,
      outDir: path.join(root, 'drill'),
      reconVersion: 'drill',
    });
    const after = await auditCount();
    await new Promise((resolve) => setTimeout(resolve, 500));
    stop = true;
    const [, , , , files] = await Promise.all(load);

    expect(errors).toEqual([]);
    expect(operations).toBeGreaterThan(20);
    expect(files).toBeGreaterThan(1);
    // The API kept answering while the snapshot was read (no lock). A lock would hold a request for
    // the whole snapshot; 10 s leaves room for a machine loaded by parallel test runs (5,043 ms seen).
    expect(slowest).toBeLessThan(10_000);
    // Under load: events were written before and while the snapshot was taken, and it holds one instant.
    const inBackup = manifest.rowCounts.audit_events;
    expect(inBackup).toBeGreaterThanOrEqual(before);
    expect(inBackup).toBeLessThanOrEqual(after);
    expect(await auditCount()).toBeGreaterThan(inBackup);

    restored = `${h.db.config.database}_drill`.slice(0, 64);
    const report = await restoreBackup({
      db: h.db.config,
      dir: path.join(root, 'drill'),
      database: restored,
      force: true,
    });
    expect(report.rows).toBe(Object.values(manifest.rowCounts).reduce((a, b) => a + b, 0));
    expect(report.auditEventsVerified).toBe(inBackup);
    expect(report.balances).toBe(3);
    const balances = (await h.db.dataSource.query(
      `SELECT c.code, CAST(SUM(l.amount) AS CHAR) AS balance FROM \`${restored}\`.ledger_entries l JOIN \`${restored}\`.customers c ON c.id = l.customer_id GROUP BY c.code ORDER BY c.code`,
    )) as Array<{ code: string; balance: string }>;
    expect(balances.map((b) => b.balance)).toEqual(manifest.balances.map((b) => b.balance));
  });
});
