import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Connection } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../../config/config';
import { AdjustmentStatus, PeriodStatus } from '../../contract/enums';
import { approveAdjustment, completeReview, confirmStatement } from '../../contract/period';
import { prepareDatabase } from '../../db/prepare-database';
import { Adjustment } from '../../entities/adjustment.entity';
import { AdjustmentApproval } from '../../entities/adjustment-approval.entity';
import { LedgerEntry } from '../../entities/ledger-entry.entity';
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

/**
 * Fault 2 of issue #20: the database server dies (SIGKILL) while a manager's approval is being
 * posted, and comes back. The approval is stored first (its own activity, answered within seconds
 * either way); the test holds the ledger key the posting inserts, so the posting is waiting inside
 * its transaction when the server dies. The worker process rides it out, the posting retries (for
 * minutes if need be), and the adjustment is in the ledger exactly once. MariaDB here is a server of
 * the test's own, so that the other tests sharing the machine's server are not disturbed.
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
    await holdAdjustmentEntry(dataSource, proposed.entityId, period.customerId);
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
});
