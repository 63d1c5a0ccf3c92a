import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../../config/config';
import { AdjustmentStatus, PeriodStatus, UserRole } from '../../contract/enums';
import {
  approveAdjustment,
  completeReview,
  confirmStatement,
  getPeriodState,
  proposeAdjustment,
} from '../../contract/period';
import { prepareDatabase } from '../../db/prepare-database';
import { Adjustment } from '../../entities/adjustment.entity';
import { Difference } from '../../entities/difference.entity';
import { LedgerEntry } from '../../entities/ledger-entry.entity';
import { PeriodService } from '../../periods/period.service';
import { startDevServer, type DevServer } from '../../temporal/dev-server';
import { findTemporalBinary } from '../../temporal/find-cli';
import { customerActor, userActor } from '../support/actors';
import { seedCustomer, type Line } from '../support/fixtures';
import { consistencyProblems } from './support/invariants';
import { freePort, PrivateMariaDb, startRecon, waitFor, type ReconChild } from './support/processes';

const CLERK = userActor('10', UserRole.CLERK, 'Clerk Li');
const MANAGER = userActor('20', UserRole.MANAGER, 'Manager Wang');
const TASK_QUEUE = 'recon-faults-database';
const INVOICE: Line = { id: 'inv', date: '2026-10-03', ref: 'INV-100', kind: 'INVOICE', amount: '1000.00' };
const FEE: Line = { id: 'fee', date: '2026-10-02', ref: 'BANKFEE-7', kind: 'OTHER', amount: '-15.00' };

/**
 * Fault 2 of issue #20: the database server dies (SIGKILL) while a manager's approval is being
 * posted, and comes back. The worker process rides it out, the posting retries, and the adjustment
 * is in the ledger exactly once. MariaDB here is a server of the test's own, so that the other tests
 * sharing the machine's server are not disturbed.
 */
describe('the database server killed during adjustment posting', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'recon-faults-db-'));
  let mariadb: PrivateMariaDb;
  let dataSource: DataSource;
  let temporal: DevServer;
  let worker: ReconChild;
  let connection: Connection | undefined;

  beforeAll(async () => {
    mariadb = new PrivateMariaDb(path.join(dir, 'mysql'), await freePort(), 'recon_faults');
    await mariadb.start();
    dataSource = await prepareDatabase(loadConfig({ DATABASE_URL: mariadb.url }).database, { poolSize: 3 });
    temporal = await startDevServer({
      cliPath: findTemporalBinary('temporal', process.env.TEMPORAL_CLI_PATH)!,
      dataDir: path.join(dir, 'temporal'),
      namespace: 'default',
      port: await freePort(),
      ephemeral: true,
    });
    worker = await startRecon('worker', {
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_TASK_QUEUE: TASK_QUEUE,
      DATABASE_URL: mariadb.url,
      RECON_DATA_DIR: dir,
      BACKUP_SCHEDULE: 'off',
    });
  }, 180_000);

  afterAll(async () => {
    await worker?.kill();
    await connection?.close();
    await temporal?.stop();
    await dataSource?.destroy().catch(() => undefined);
    await mariadb?.stop();
  });

  it('posts the approved adjustment exactly once after the database comes back', async () => {
    connection = await Connection.connect({ address: temporal.address });
    const periods = new PeriodService(dataSource, new Client({ connection }), TASK_QUEUE);
    const handle = (workflowId: string) => periods.handle(workflowId);
    const reach = (workflowId: string, status: PeriodStatus) =>
      waitFor(
        `${workflowId} ${status}`,
        async () => (await handle(workflowId).query(getPeriodState)).status === status,
        90_000,
      );

    await seedCustomer(dataSource, 'FDB', [INVOICE], [INVOICE, FEE]);
    const { workflowId, period } = await periods.openPeriod('FDB', '2026-10-01', '2026-10-31');
    await reach(workflowId, PeriodStatus.IN_REVIEW);
    const [difference] = await dataSource.getRepository(Difference).findBy({ periodId: period.id });
    const proposed = await handle(workflowId).executeUpdate(proposeAdjustment, {
      args: [
        {
          actor: CLERK,
          amount: '-15.00',
          entryDate: '2026-10-31',
          reason: 'bank fee',
          differenceId: difference.id,
        },
      ],
    });

    await mariadb.kill();
    const approved = handle(workflowId).executeUpdate(approveAdjustment, {
      args: [{ actor: MANAGER, adjustmentId: proposed.entityId }],
    });
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
