import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { ADJUSTMENT_SOURCE } from '../../activities/review/adjustments';
import { PeriodStatus } from '../../contract/enums';
import {
  approveAdjustment,
  completeReview,
  confirmStatement,
  getPeriodState,
  proposeAdjustment,
} from '../../contract/period';
import { AuditEvent } from '../../entities/audit-event.entity';
import { CustomerConfirmation } from '../../entities/customer-confirmation.entity';
import { Difference } from '../../entities/difference.entity';
import { LedgerEntry } from '../../entities/ledger-entry.entity';
import { ReconciliationPeriod } from '../../entities/reconciliation-period.entity';
import { Task } from '../../entities/task.entity';
import { PeriodService } from '../../periods/period.service';
import type { DevServer } from '../../temporal/dev-server';
import { customerActor } from '../support/actors';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { reconProcessEnv, startOwnTemporal } from '../support/fault-stack';
import { seedCustomer } from '../support/fixtures';
import { consistencyProblems } from './support/invariants';
import { startRecon, waitFor, type ReconChild } from './support/processes';
import { CLERK, FEE, INVOICE, MANAGER } from './support/review-case';

const TASK_QUEUE = 'recon-faults-worker';

/**
 * Fault 1 of issue #20: the worker process killed (SIGKILL) mid-activity in each step that writes:
 * matching, posting an approved adjustment, sending the statement. Each time the test holds, in a
 * transaction of its own, a row the step must write (the period's row; the ledger key the posting
 * inserts; the confirmation the send inserts), waits until the worker's transaction waits for it
 * (the activity is then inside its transaction, half done), kills the worker, lets go, and starts
 * another. Every step then happens exactly once.
 */
describe('the worker killed mid-activity', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'recon-faults-worker-'));
  let db: TestDatabase;
  let temporal: DevServer;
  let connection: Connection | undefined;
  let worker: ReconChild | undefined;

  beforeAll(async () => {
    db = await createTestDatabase('faults_worker');
    temporal = await startOwnTemporal(dir);
  });

  afterAll(async () => {
    await worker?.kill();
    await connection?.close();
    await temporal?.stop();
    await db?.drop();
  });

  const startWorker = async () => {
    worker = await startRecon(
      'worker',
      reconProcessEnv({ temporal, databaseUrl: db.config.url, dir, taskQueue: TASK_QUEUE }),
    );
  };

  /** Locks what `sql` touches in a transaction of the test's own; the returned function rolls it back. */
  async function hold(sql: string, params: unknown[]): Promise<() => Promise<void>> {
    const runner = db.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    await runner.query(sql, params);
    return async () => {
      await runner.rollbackTransaction();
      await runner.release();
    };
  }

  /**
   * The statement of another connection to this database that waits for the held lock: InnoDB lists
   * a waiting transaction as LOCK WAIT, but MariaDB shows a primary-key lookup that waits for its row
   * while the optimizer reads it (state "Statistics") only in the process list, so a statement seen
   * there unchanged 300 ms apart counts as waiting too.
   */
  async function waitingStatement(): Promise<string | undefined> {
    const [waiting] = (await db.dataSource.query(
      `SELECT t.trx_query AS query FROM information_schema.innodb_trx t
         JOIN information_schema.processlist p ON p.id = t.trx_mysql_thread_id
        WHERE p.db = ? AND t.trx_state = 'LOCK WAIT'`,
      [db.config.database],
    )) as Array<{ query: string | null }>;
    if (waiting?.query) return waiting.query;
    const busy = async () =>
      (await db.dataSource.query(
        `SELECT id, info FROM information_schema.processlist
          WHERE db = ? AND command = 'Query' AND id <> CONNECTION_ID() AND info IS NOT NULL`,
        [db.config.database],
      )) as Array<{ id: string; info: string }>;
    const first = await busy();
    if (!first.length) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 300));
    const still = await busy();
    return first.find((row) => still.some((again) => again.id === row.id && again.info === row.info))?.info;
  }

  /** Waits until the worker's transaction waits for the held lock, then kills it, lets go and starts another. */
  async function killMidStep(release: () => Promise<void>): Promise<string> {
    const statement = await waitFor(
      "the worker's transaction waiting for the held row",
      waitingStatement,
      90_000,
      20,
    );
    await worker!.kill();
    await release();
    await startWorker();
    return statement;
  }

  it('matches, posts and sends exactly once, each time the worker dies inside the step', async () => {
    connection = await Connection.connect({ address: temporal.address });
    const periods = new PeriodService(db.dataSource, new Client({ connection }), TASK_QUEUE);
    const reach = (workflowId: string, status: PeriodStatus) =>
      waitFor(
        `${workflowId} ${status}`,
        async () => (await periods.handle(workflowId).query(getPeriodState)).status === status,
        240_000,
      );
    await seedCustomer(db.dataSource, 'FWK', [INVOICE], [INVOICE, FEE]);
    // Opened while no worker runs: the first thing a worker does with it is extract and match.
    const { workflowId, period } = await periods.openPeriod('FWK', '2026-10-01', '2026-10-31');
    const handle = periods.handle(workflowId);

    // 1. Matching: the period's row is held, so extract-and-match waits inside its transaction.
    const releaseMatching = await hold('SELECT id FROM reconciliation_periods WHERE id = ? FOR UPDATE', [
      period.id,
    ]);
    await startWorker();
    const matching = await killMidStep(releaseMatching);
    expect(matching).toMatch(/reconciliation_periods/);
    await reach(workflowId, PeriodStatus.IN_REVIEW);
    const differences = await db.dataSource.getRepository(Difference).findBy({ periodId: period.id });
    expect(differences).toHaveLength(1);
    expect(await db.dataSource.getRepository(Task).countBy({ periodId: period.id })).toBe(1);

    // 2. Posting: the ledger key the adjustment's entry takes is held, so posting waits after its lock
    // on the adjustment, before its entry is in.
    const proposed = await handle.executeUpdate(proposeAdjustment, {
      args: [
        {
          actor: CLERK,
          amount: FEE.amount,
          entryDate: '2026-10-31',
          reason: 'bank fee',
          differenceId: differences[0].id,
        },
      ],
    });
    const releasePosting = await hold(
      `INSERT INTO ledger_entries (source, external_id, customer_id, entry_date, kind, amount, currency)
       VALUES (?, ?, ?, '2026-10-31', 'ADJUSTMENT', 0, 'CNY')`,
      [ADJUSTMENT_SOURCE, `adjustment-${proposed.entityId}`, period.customerId],
    );
    const approved = handle.executeUpdate(approveAdjustment, {
      args: [{ actor: MANAGER, adjustmentId: proposed.entityId }],
    });
    expect(await killMidStep(releasePosting)).toMatch(/ledger_entries/);
    const afterApproval = await approved; // answered by the next worker, once the retried posting committed
    expect(afterApproval.state.adjustments.find((a) => a.id === proposed.entityId)?.state).toBe('POSTED');

    // 3. Sending: the confirmation row of round 1 is held, so the send waits inside its first write.
    const releaseSending = await hold(
      "INSERT INTO customer_confirmations (period_id, round, status, balance) VALUES (?, 1, 'PENDING', 0)",
      [period.id],
    );
    const reviewed = handle.executeUpdate(completeReview, { args: [{ actor: CLERK }] });
    expect(await killMidStep(releaseSending)).toMatch(/customer_confirmations/);
    await reviewed;
    await reach(workflowId, PeriodStatus.AWAITING_CUSTOMER);
    await handle.executeUpdate(confirmStatement, { args: [{ actor: customerActor('FWK') }] });
    await expect(handle.result()).resolves.toMatchObject({ status: PeriodStatus.CLOSED });

    // Exactly once: one entry for the adjustment, one statement and one confirmation for the round.
    await expect(
      db.dataSource.getRepository(ReconciliationPeriod).findOneByOrFail({ id: period.id }),
    ).resolves.toMatchObject({ status: PeriodStatus.CLOSED, matchRun: 2 });
    expect(await db.dataSource.getRepository(LedgerEntry).countBy({ adjustmentId: proposed.entityId })).toBe(
      1,
    );
    expect(
      (
        await db.dataSource.getRepository(LedgerEntry).findOneByOrFail({ adjustmentId: proposed.entityId })
      ).amount.toFixed(2),
    ).toBe(FEE.amount);
    await expect(
      db.dataSource.getRepository(CustomerConfirmation).findBy({ periodId: period.id }),
    ).resolves.toEqual([expect.objectContaining({ round: 1, status: 'CONFIRMED' })]);
    const sent = readdirSync(path.join(dir, 'outbox')).filter(
      (f) => f.startsWith(`statement-${period.id}-`) && f.endsWith('.json'),
    );
    expect(sent).toEqual([`statement-${period.id}-round-1.json`]);
    const audited = async (action: string) =>
      db.dataSource.getRepository(AuditEvent).countBy({ periodId: period.id, action });
    expect(await audited('adjustment.posted')).toBe(1);
    expect(await audited('statement.sent')).toBe(1);
    expect(await consistencyProblems(db.dataSource)).toEqual([]);
  }, 600_000);
});
