import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { verifyAuditChain } from '../../audit/verify-chain';
import { CustomerConfirmation } from '../../entities/customer-confirmation.entity';
import { PeriodStatus } from '../../contract/enums';
import { ReconciliationPeriod } from '../../entities/reconciliation-period.entity';
import { PeriodService } from '../../periods/period.service';
import { confirmStatement, getPeriodState } from '../../contract/period';
import { CLEAN_LINES, seedCustomer } from '../support/fixtures';
import { startPeriodHarness, type PeriodHarness } from '../support/period-harness';
import { customerActor } from '../support/actors';

const WORKER = path.resolve(__dirname, '../../dist/main/worker.js');
const TASK_QUEUE = 'recon-crash-test';

describe('a worker killed mid-period', () => {
  let h: PeriodHarness;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'recon-crash-'));
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    h = await startPeriodHarness('crash');
  });

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await h?.stop();
  });

  /** The production worker entry point, in its own process. */
  function startWorker(): Promise<ChildProcess> {
    const child = spawn(process.execPath, [WORKER], {
      env: {
        ...process.env,
        TEMPORAL_ADDRESS: h.env.connection.options.address,
        TEMPORAL_TASK_QUEUE: TASK_QUEUE,
        DATABASE_URL: h.db.config.url,
        RECON_DATA_DIR: dataDir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    return new Promise((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`worker did not start: ${output}`)), 60_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Recon worker polling')) {
          clearTimeout(timer);
          resolve(child);
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => reject(new Error(`worker exited (${code}): ${output}`)));
    });
  }

  it('loses nothing: a new worker carries the period on to its close', async () => {
    expect(existsSync(WORKER)).toBe(true); // scripts/test.sh builds before jest runs
    await seedCustomer(h.db.dataSource, 'CRASH', CLEAN_LINES, CLEAN_LINES);
    const periods = new PeriodService(h.db.dataSource, h.env.client, TASK_QUEUE);
    const first = await startWorker();
    const { workflowId, period } = await periods.openPeriod('CRASH', '2026-10-01', '2026-10-31');
    const handle = periods.handle(workflowId);
    for (
      let i = 0;
      i < 300 && (await handle.query(getPeriodState)).status !== PeriodStatus.AWAITING_CUSTOMER;
      i += 1
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect((await handle.query(getPeriodState)).status).toBe(PeriodStatus.AWAITING_CUSTOMER);

    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    expect((await handle.describe()).status.name).toBe('RUNNING');

    // The customer answers while no worker runs; the answer waits for the next worker.
    const answered = handle.executeUpdate(confirmStatement, {
      args: [{ actor: customerActor('CRASH') }],
    });
    await startWorker();
    await answered;
    await expect(handle.result()).resolves.toMatchObject({ status: PeriodStatus.CLOSED });

    const row = await h.db.dataSource.getRepository(ReconciliationPeriod).findOneByOrFail({ id: period.id });
    expect(row).toMatchObject({ status: PeriodStatus.CLOSED, matchRun: 1 });
    expect(await h.db.dataSource.getRepository(CustomerConfirmation).findBy({ periodId: period.id })).toEqual(
      [expect.objectContaining({ round: 1, status: 'CONFIRMED' })],
    );
    const sent = readdirSync(path.join(dataDir, 'outbox')).filter(
      (f) => f.startsWith(`statement-${period.id}-`) && f.endsWith('.json'),
    );
    expect(sent).toEqual([`statement-${period.id}-round-1.json`]);
    await expect(verifyAuditChain(h.db.dataSource)).resolves.toMatchObject({ ok: true });
  });
});
