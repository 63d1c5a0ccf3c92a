import { CancelledFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createOpenPeriodsBatch } from '../../activities/open-periods-batch';
import type { ActivityDeps } from '../../activities/activity-deps';
import { PeriodStatus } from '../../contract/enums';
import { Customer } from '../../entities/customer.entity';
import type { OpenPeriodRequest, PeriodService } from '../../periods/period.service';
import { createTestDatabase, type TestDatabase } from '../support/database';

/**
 * The fan-out's pacing (#20 soak): it opens no more periods while the month has `inFlight` of them
 * in their first steps (OPEN or MATCHING), and goes on as they move on, or after its wait budget.
 */
describe('openPeriodsBatch pacing', () => {
  let db: TestDatabase;
  const opened: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('fan_out_pacing');
  });
  afterAll(async () => {
    await db?.drop();
  });

  /** Opens a period as PeriodService does at first: its row, OPEN (the workflow is not started here). */
  const periods = {
    openPeriods: async (requests: OpenPeriodRequest[]) => {
      for (const { customerCode: code, periodStart: start, periodEnd: end } of requests) {
        opened.push(code);
        await db.dataSource.query(
          `INSERT INTO reconciliation_periods (customer_id, period_start, period_end, workflow_id, currency)
           SELECT id, ?, ?, ?, 'CNY' FROM customers WHERE code = ?`,
          [start, end, `pacing-${code}`, code],
        );
      }
      return requests.map(() => ({ created: true }));
    },
  } as unknown as PeriodService;
  const deps = () => ({ dataSource: db.dataSource, periods }) as unknown as ActivityDeps;
  const rowsInFirstSteps = async () =>
    Number(
      (
        (await db.dataSource.query(
          "SELECT COUNT(*) AS n FROM reconciliation_periods WHERE status IN ('OPEN', 'MATCHING')",
        )) as Array<{ n: string }>
      )[0].n,
    );
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('waits while the month has inFlight periods in their first steps, and goes on as they move', async () => {
    await db.dataSource
      .getRepository(Customer)
      .save(['P1', 'P2', 'P3', 'P4', 'P5'].map((code) => ({ code, name: code, currency: 'CNY' })));
    const batch = createOpenPeriodsBatch(deps(), { inFlight: 2, pollMs: 20, maxWaitMs: 30_000 });
    let done = false;
    const running = batch({ month: '2026-10', afterCustomerId: '0', limit: 50 }).then((result) => {
      done = true;
      return result;
    });

    await pause(600);
    expect({ opened: [...opened], done }).toEqual({ opened: ['P1', 'P2'], done: false });
    expect(await rowsInFirstSteps()).toBe(2);

    // Extraction and matching move one on: room for one more, not two.
    await db.dataSource.query(
      "UPDATE reconciliation_periods SET status = 'MATCHING' WHERE workflow_id = 'pacing-P1'",
    );
    await pause(300);
    expect(opened).toHaveLength(2);
    await db.dataSource.query(
      "UPDATE reconciliation_periods SET status = 'AWAITING_CUSTOMER' WHERE workflow_id IN ('pacing-P1', 'pacing-P2')",
    );
    await pause(600);
    expect({ opened: [...opened], done }).toEqual({ opened: ['P1', 'P2', 'P3', 'P4'], done: false });

    await db.dataSource.query(
      `UPDATE reconciliation_periods SET status = '${PeriodStatus.IN_REVIEW}' WHERE workflow_id IN ('pacing-P3', 'pacing-P4')`,
    );
    await expect(running).resolves.toMatchObject({ customers: 5, opened: 5, lastCustomerId: null });
    expect(opened).toEqual(['P1', 'P2', 'P3', 'P4', 'P5']);
  });

  it('goes on after its wait budget when periods stay in their first steps', async () => {
    await db.dataSource
      .getRepository(Customer)
      .save(['Q1', 'Q2'].map((code) => ({ code, name: code, currency: 'CNY' })));
    opened.length = 0;
    const batch = createOpenPeriodsBatch(deps(), { inFlight: 1, pollMs: 20, maxWaitMs: 500 });
    const started = Date.now();
    // P5 is still OPEN: the batch waits its half-second budget, then opens both.
    const last = (await db.dataSource.query(
      "SELECT CAST(id AS CHAR) AS id FROM customers WHERE code = 'P5'",
    )) as Array<{
      id: string;
    }>;
    await expect(batch({ month: '2026-10', afterCustomerId: last[0].id, limit: 50 })).resolves.toMatchObject({
      opened: 2,
    });
    expect(opened).toEqual(['Q1', 'Q2']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
  });
  it('stops waiting at once when its activity is cancelled (a worker shutting down), so the worker can drain', async () => {
    await db.dataSource
      .getRepository(Customer)
      .save(['R1', 'R2'].map((code) => ({ code, name: code, currency: 'CNY' })));
    opened.length = 0;
    // P5 is still OPEN and nothing moves it on (a draining worker runs no period's next step): the
    // batch waits its budget. The soak's worker took its full two minutes to drain this way.
    const batch = createOpenPeriodsBatch(deps(), { inFlight: 1, pollMs: 20, maxWaitMs: 20_000 });
    const last = (await db.dataSource.query(
      "SELECT CAST(id AS CHAR) AS id FROM customers WHERE code = 'Q2'",
    )) as Array<{
      id: string;
    }>;
    const env = new MockActivityEnvironment();
    const running = env.run(batch, { month: '2026-10', afterCustomerId: last[0].id, limit: 50 });
    await pause(300);
    const cancelled = Date.now();
    env.cancel('WORKER_SHUTDOWN');
    await expect(running).rejects.toBeInstanceOf(CancelledFailure);
    expect(Date.now() - cancelled).toBeLessThan(2_000);
    // Nothing opened after the cancellation; the retry (another worker) opens them, idempotently.
    expect(opened).toEqual([]);
  });
});
