import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Connection } from '@temporalio/client';
import { PeriodStatus } from '../../contract/enums';
import { approveAdjustment, completeReview, confirmStatement } from '../../contract/period';
import { AuditEvent } from '../../entities/audit-event.entity';
import { CustomerConfirmation } from '../../entities/customer-confirmation.entity';
import { Difference } from '../../entities/difference.entity';
import { LedgerEntry } from '../../entities/ledger-entry.entity';
import { ReconciliationPeriod } from '../../entities/reconciliation-period.entity';
import { Task } from '../../entities/task.entity';
import type { DevServer } from '../../temporal/dev-server';
import { customerActor } from '../support/actors';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { reconProcessEnv, startOwnTemporal } from '../support/fault-stack';
import { seedCustomer } from '../support/fixtures';
import { consistencyProblems } from './support/invariants';
import { startRecon, waitFor, type ReconChild } from './support/processes';
import { holdAdjustmentEntry, holdRows, waitingStatement } from './support/held-rows';
import { CLERK, FEE, faultPeriods, INVOICE, MANAGER, proposeFeeAdjustment } from './support/review-case';

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

  const hold = (sql: string, params: unknown[]) => holdRows(db.dataSource, sql, params);

  /** Waits until the worker's transaction waits for the held lock, then kills it, lets go and starts another. */
  async function killMidStep(release: () => Promise<void>): Promise<string> {
    const statement = await waitFor(
      "the worker's transaction waiting for the held row",
      () => waitingStatement(db.dataSource, db.config.database),
      90_000,
      20,
    );
    await worker!.kill();
    await release();
    await startWorker();
    return statement;
  }

  it('matches, posts and sends exactly once, each time the worker dies inside the step', async () => {
    const stack = await faultPeriods(db.dataSource, temporal, TASK_QUEUE);
    connection = stack.connection;
    const { periods } = stack;
    const reach = (workflowId: string, status: PeriodStatus) => stack.reach(workflowId, status, 240_000);
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
    const proposed = await proposeFeeAdjustment(db.dataSource, stack, workflowId, period.id);
    const releasePosting = await holdAdjustmentEntry(db.dataSource, proposed.entityId, period.customerId);
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
