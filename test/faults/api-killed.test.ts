import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Decimal from 'decimal.js';
import { issueApiKey } from '../../auth/api-keys';
import { Customer } from '../../entities/customer.entity';
import type { DevServer } from '../../temporal/dev-server';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { reconProcessEnv, startOwnTemporal } from '../support/fault-stack';
import { consistencyProblems } from './support/invariants';
import { freePort, startRecon, waitFor, type ReconChild } from './support/processes';

const ENTRIES = 10_000;
const UPSERT = `mutation ($entries: [LedgerEntryInput!]!) { upsertLedgerEntries(entries: $entries) { created unchanged } }`;

/**
 * Fault 4 of issue #20: the API process is killed (SIGKILL) while it writes an integrator's ledger
 * batch. The batch is one transaction: nothing of it is left half written, the client's retry to a
 * new API process stores it exactly once, and the retry after that is UNCHANGED.
 */
describe('the API killed during a ledger batch', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'recon-faults-api-'));
  let db: TestDatabase;
  let temporal: DevServer;
  let api: ReconChild | undefined;
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await createTestDatabase('faults_api');
    temporal = await startOwnTemporal(dir);
    env = reconProcessEnv(
      { temporal, databaseUrl: db.config.url, dir },
      {
        HTTP_HOST: '127.0.0.1',
        HTTP_PORT: String(await freePort()),
        HTTP_MAX_BODY_BYTES: String(20 * 1024 * 1024),
      },
    );
  });

  afterAll(async () => {
    await api?.kill();
    await temporal?.stop();
    await db?.drop();
  });

  it('leaves nothing half written, and the retry stores the batch exactly once', async () => {
    await db.dataSource.getRepository(Customer).save({ code: 'FAPI', name: '客户 FAPI', currency: 'CNY' });
    const { key } = await issueApiKey(db.dataSource, 'erp', ['read', 'ledger:write']);
    const batch = (source: string) =>
      Array.from({ length: ENTRIES }, (_, i) => ({
        customerCode: 'FAPI',
        source,
        externalId: `E${i}`,
        entryDate: '2026-10-15',
        docNo: `INV-${i}`,
        kind: 'INVOICE',
        amount: '1.23',
        currency: 'CNY',
      }));
    const send = (source: string) =>
      fetch(`http://127.0.0.1:${env.HTTP_PORT}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query: UPSERT, variables: { entries: batch(source) } }),
      });
    const writing = async () => {
      const [row] = (await db.dataSource.query(
        `SELECT COUNT(*) AS n FROM information_schema.innodb_trx t
           JOIN information_schema.processlist p ON p.id = t.trx_mysql_thread_id
          WHERE p.db = ? AND t.trx_rows_modified > 0`,
        [db.config.database],
      )) as Array<{ n: number }>;
      return Number(row.n) > 0;
    };

    // The moment a batch's transaction has written rows, the process dies. A machine fast enough to
    // finish a batch between two looks gets another batch (another source), up to five.
    api = await startRecon('api', env);
    let source = '';
    let outcome: 'answered' | 'cut off' = 'answered';
    for (let attempt = 1; attempt <= 5 && outcome === 'answered'; attempt += 1) {
      source = `erp${attempt}`;
      let answered = false;
      const request = send(source).then(
        () => ((answered = true), 'answered' as const),
        () => 'cut off' as const,
      );
      const seen = await waitFor(
        'the batch transaction or its answer',
        async () => (answered ? 'answered' : (await writing()) ? 'writing' : undefined),
        30_000,
        5,
      );
      if (seen === 'writing') await api.kill();
      outcome = await request;
    }
    const retry = async () =>
      (
        (await (await send(source)).json()) as {
          data?: { upsertLedgerEntries: { created: number; unchanged: number } };
        }
      ).data?.upsertLedgerEntries;
    if (outcome === 'answered') {
      // A machine this fast committed every batch before it could be caught writing: the process dies
      // right after its answer instead, and the client's retry to a new process is then UNCHANGED.
      await api.kill();
      api = await startRecon('api', env);
      expect(await retry()).toEqual({ created: 0, unchanged: ENTRIES });
    } else {
      // Nothing of the batch stayed: the server rolled the dead connection's transaction back.
      await waitFor('the rollback', async () => {
        const [row] = (await db.dataSource.query(
          `SELECT COUNT(*) AS n FROM ledger_entries WHERE source = ?`,
          [source],
        )) as Array<{ n: number }>;
        const [open] = (await db.dataSource.query(
          `SELECT COUNT(*) AS n FROM information_schema.innodb_trx t
             JOIN information_schema.processlist p ON p.id = t.trx_mysql_thread_id WHERE p.db = ?`,
          [db.config.database],
        )) as Array<{ n: number }>;
        return Number(open.n) === 0 && Number(row.n) === 0;
      });
      api = await startRecon('api', env);
      expect(await retry()).toEqual({ created: ENTRIES, unchanged: 0 });
      expect(await retry()).toEqual({ created: 0, unchanged: ENTRIES });
    }

    const [stored] = (await db.dataSource.query(
      `SELECT COUNT(*) AS n, SUM(amount) AS total FROM ledger_entries WHERE source = ?`,
      [source],
    )) as Array<{ n: number; total: string }>;
    expect(Number(stored.n)).toBe(ENTRIES);
    expect(new Decimal(String(stored.total)).equals(new Decimal('1.23').times(ENTRIES))).toBe(true);
    expect(await consistencyProblems(db.dataSource)).toEqual([]);
  });
});
