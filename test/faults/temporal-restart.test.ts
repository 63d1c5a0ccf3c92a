import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Connection } from '@temporalio/client';
import { AdjustmentStatus, PeriodStatus } from '../../contract/enums';
import { approveAdjustment, completeReview, confirmStatement } from '../../contract/period';
import { Adjustment } from '../../entities/adjustment.entity';
import { LedgerEntry } from '../../entities/ledger-entry.entity';
import type { DevServer } from '../../temporal/dev-server';
import { customerActor } from '../support/actors';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { reconProcessEnv, startOwnTemporal } from '../support/fault-stack';
import { CLEAN_LINES, seedCustomer } from '../support/fixtures';
import { consistencyProblems } from './support/invariants';
import { freePort, startRecon, type ReconChild } from './support/processes';
import { CLERK, FEE, faultPeriods, INVOICE, MANAGER, proposeFeeAdjustment } from './support/review-case';

const TASK_QUEUE = 'recon-faults-temporal';

/**
 * Fault 3 of issue #20: the Temporal server (the dev server, persistent) is killed with periods in
 * every state and started again on the same state. The production worker process rides it out, and
 * every period carries on to its close with nothing lost or done twice.
 */
describe('the Temporal server killed and restarted', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'recon-faults-temporal-'));
  let db: TestDatabase;
  let temporal: DevServer;
  let worker: ReconChild;
  let connection: Connection | undefined;

  const startTemporal = (port: number) => startOwnTemporal(dir, { persistent: true, port });

  beforeAll(async () => {
    db = await createTestDatabase('faults_temporal');
    temporal = await startTemporal(await freePort());
    worker = await startRecon(
      'worker',
      reconProcessEnv({ temporal, databaseUrl: db.config.url, dir, taskQueue: TASK_QUEUE }),
    );
  });

  afterAll(async () => {
    await worker?.kill();
    await connection?.close();
    await temporal?.stop();
    await db?.drop();
  });

  it('loses no period, posts nothing twice, and the worker carries on without a restart', async () => {
    const stack = await faultPeriods(db.dataSource, temporal, TASK_QUEUE);
    connection = stack.connection;
    const { periods, statusOf, reach } = stack;

    // Periods in every state: awaiting the customer, in review with an adjustment waiting, closed.
    await seedCustomer(db.dataSource, 'FTWAIT', CLEAN_LINES, CLEAN_LINES);
    await seedCustomer(db.dataSource, 'FTREVIEW', [INVOICE], [INVOICE, FEE]);
    await seedCustomer(db.dataSource, 'FTCLOSED', CLEAN_LINES, CLEAN_LINES);
    const waiting = await periods.openPeriod('FTWAIT', '2026-10-01', '2026-10-31');
    const review = await periods.openPeriod('FTREVIEW', '2026-10-01', '2026-10-31');
    const closed = await periods.openPeriod('FTCLOSED', '2026-10-01', '2026-10-31');
    await reach(waiting.workflowId, PeriodStatus.AWAITING_CUSTOMER);
    await reach(review.workflowId, PeriodStatus.IN_REVIEW);
    await reach(closed.workflowId, PeriodStatus.AWAITING_CUSTOMER);
    await periods.handle(closed.workflowId).executeUpdate(confirmStatement, {
      args: [{ actor: customerActor('FTCLOSED') }],
    });
    const proposed = await proposeFeeAdjustment(db.dataSource, stack, review.workflowId, review.period.id);

    // The crash: no shutdown, the server's in-flight state is whatever SQLite last committed.
    const port = Number(temporal.address.split(':')[1]);
    await temporal.kill();
    await expect(statusOf(waiting.workflowId)).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    temporal = await startTemporal(port);
    expect(temporal.address).toBe(`127.0.0.1:${port}`);

    // Every period is where it was, and the same worker process takes up the work.
    await reach(waiting.workflowId, PeriodStatus.AWAITING_CUSTOMER);
    await reach(review.workflowId, PeriodStatus.IN_REVIEW);
    expect((await periods.handle(closed.workflowId).describe()).status.name).toBe('COMPLETED');
    expect(worker.child.exitCode).toBeNull();

    const reviewHandle = periods.handle(review.workflowId);
    await reviewHandle.executeUpdate(approveAdjustment, {
      args: [{ actor: MANAGER, adjustmentId: proposed.entityId }],
    });
    await reviewHandle.executeUpdate(completeReview, { args: [{ actor: CLERK }] });
    await reach(review.workflowId, PeriodStatus.AWAITING_CUSTOMER);
    for (const [{ workflowId }, code] of [
      [waiting, 'FTWAIT'],
      [review, 'FTREVIEW'],
    ] as const) {
      await periods
        .handle(workflowId)
        .executeUpdate(confirmStatement, { args: [{ actor: customerActor(code) }] });
      await expect(periods.handle(workflowId).result()).resolves.toMatchObject({
        status: PeriodStatus.CLOSED,
      });
    }

    // Exactly once: one posted entry for the adjustment, one statement per period and round.
    await expect(
      db.dataSource.getRepository(Adjustment).findOneByOrFail({ id: proposed.entityId }),
    ).resolves.toMatchObject({ status: AdjustmentStatus.POSTED });
    expect(await db.dataSource.getRepository(LedgerEntry).countBy({ adjustmentId: proposed.entityId })).toBe(
      1,
    );
    const sent = readdirSync(path.join(dir, 'outbox')).filter(
      (f) => f.startsWith('statement-') && f.endsWith('.json'),
    );
    expect(sent.sort()).toEqual(
      [waiting.period.id, review.period.id, closed.period.id]
        .map((id) => `statement-${id}-round-1.json`)
        .sort(),
    );
    expect(await consistencyProblems(db.dataSource)).toEqual([]);
  });
});
