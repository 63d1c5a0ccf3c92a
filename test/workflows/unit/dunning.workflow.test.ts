import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import {
  DisputeOutcome,
  getDunningState,
  openDunningDispute,
  paymentRecorded,
  promiseToPay,
  resolveDunningDispute,
  type DunningWorkflow,
} from '../../../contract/collections/dunning';
import { DunningCaseStatus, DunningCloseReason, DunningTone } from '../../../contract/credit/enums';
import { UserRole } from '../../../contract/enums';
import { dateOfDay } from '../../../formats/date';
import { dunningWorkflow } from '../../../workflows/dunning.workflow';
import { userActor } from '../../support/actors';
import { stubDunningActivities, type DunningScript } from '../../support/stub-dunning-activities';
import {
  settled,
  skipTime,
  startStubWorker,
  terminateSettled,
  type StubWorker,
} from '../../support/stub-worker';
import { startTimeSkippingTemporal, workflowBundle } from '../../support/temporal';

const CLERK = userActor('1', UserRole.CLERK, 'Clerk Li');
const MANAGER = userActor('3', UserRole.MANAGER, 'Manager Wang');
const DAY = 86_400_000;

type Stubbed = ReturnType<typeof stubDunningActivities>;
type Handle = WorkflowHandle<DunningWorkflow>;

/**
 * The dunning workflow on the time-skipping server with stub activities: each level on its day, a
 * payment, promises kept and broken, disputes. Day N is N days after the cycle (the oldest overdue
 * due date), which each test sets to the server's today; checks happen at noon.
 */
describe('the dunning workflow', () => {
  let env: TestWorkflowEnvironment;
  let worker: StubWorker;
  let runs = 0;

  beforeAll(async () => {
    env = await startTimeSkippingTemporal();
    worker = await startStubWorker(env);
  });
  afterAll(async () => {
    await worker?.shutdown();
    await env?.teardown();
  });

  interface Run {
    handle: Handle;
    stubs: Stubbed;
    script: DunningScript;
    /** Skips time to noon of day `n` of the cycle, then lets the workflow finish what that set off. */
    day: (n: number) => Promise<void>;
    /** The date of day `n`. */
    date: (n: number) => string;
  }

  async function withCase(script: DunningScript, body: (run: Run) => Promise<void>) {
    runs += 1;
    const workflowId = `dunning-C${runs}`;
    const stubs = stubDunningActivities(script);
    worker.serve(workflowId, stubs.activities);
    const cycleDay = Math.floor((await env.currentTimeMs()) / DAY);
    const handle = await env.client.workflow.start(dunningWorkflow, {
      taskQueue: worker.taskQueue,
      workflowId,
      args: [{ customerId: '42', customerCode: `C${runs}`, cycle: dateOfDay(cycleDay) }],
    });
    const day = async (n: number) => {
      const target = (cycleDay + n) * DAY + DAY / 2;
      await skipTime(env, handle, target - (await env.currentTimeMs()));
    };
    await settled(handle);
    try {
      await body({ handle, stubs, script, day, date: (n) => dateOfDay(cycleDay + n) });
    } finally {
      // A case left running would hold the shared server's clock for the next test.
      await terminateSettled(handle);
    }
  }

  it('sends each level on its day, the final notice with a manager’s task, then waits for payment', async () => {
    await withCase({ paid: false }, async ({ handle, stubs, day, date }) => {
      expect(stubs.inputsOf('openDunningCase')).toEqual([{ customerId: '42', cycle: date(0) }]);
      await day(2);
      expect(stubs.letters()).toEqual([]);
      expect(await handle.query(getDunningState)).toMatchObject({ nextLevel: 1, nextLevelOn: date(3) });
      await day(3);
      expect(stubs.letters()).toEqual([1]);
      expect(stubs.inputsOf('sendDunningLetter')[0]).toMatchObject({
        caseId: 'case-1',
        customerId: '42',
        cycle: date(0),
        level: 1,
        tone: DunningTone.FRIENDLY,
        asOf: date(3),
      });
      await day(14);
      expect(stubs.letters()).toEqual([1]);
      await day(15);
      expect(stubs.letters()).toEqual([1, 2]);
      expect(stubs.inputsOf('sendDunningLetter')[1]).toMatchObject({
        tone: DunningTone.FIRM,
        asOf: date(15),
      });
      expect(stubs.names()).not.toContain('escalateDunning');
      await day(29);
      expect(stubs.letters()).toEqual([1, 2]);
      await day(30);
      expect(stubs.letters()).toEqual([1, 2, 3]);
      expect(stubs.inputsOf('sendDunningLetter')[2]).toMatchObject({
        tone: DunningTone.FINAL,
        asOf: date(30),
      });
      expect(stubs.inputsOf('escalateDunning')).toEqual([
        expect.objectContaining({ caseId: 'case-1', level: 3, key: 'level-3' }),
      ]);
      // Every level sent: it looks weekly, sends nothing more, and closes once paid.
      await day(45);
      expect(stubs.letters()).toEqual([1, 2, 3]);
      expect((await handle.query(getDunningState)).status).toBe(DunningCaseStatus.ACTIVE);
    });
  });

  it('a payment stops it: no letter on the next level’s day, the case closes PAID', async () => {
    await withCase({ paid: false }, async ({ handle, stubs, script, day }) => {
      await day(3);
      expect(stubs.letters()).toEqual([1]);
      script.paid = true;
      await day(15);
      expect(stubs.letters()).toEqual([1]);
      expect(await handle.result()).toEqual({
        closeReason: DunningCloseReason.PAID,
        levelsSent: [1],
        promisesKept: 0,
        promisesBroken: 0,
      });
      expect(stubs.inputsOf('setDunningCaseStatus').at(-1)).toMatchObject({
        status: DunningCaseStatus.CLOSED,
        closeReason: DunningCloseReason.PAID,
      });
    });
  });

  it('a payment that commits between the look and the letter: no level recorded, the case closes PAID', async () => {
    await withCase({ paid: false, paymentRacesLetter: true }, async ({ handle, stubs, day }) => {
      await day(3);
      expect(stubs.letters()).toEqual([1]); // asked once; the activity sent nothing
      expect(await handle.result()).toEqual({
        closeReason: DunningCloseReason.PAID,
        levelsSent: [],
        promisesKept: 0,
        promisesBroken: 0,
      });
      expect(stubs.names()).not.toContain('escalateDunning');
    });
  });

  it('a recorded payment is looked at at once (the signal), not only on the next level’s day', async () => {
    await withCase({ paid: false }, async ({ handle, script, day }) => {
      await day(4);
      script.paid = true;
      await handle.signal(paymentRecorded);
      await settled(handle);
      expect((await handle.query(getDunningState)).status).toBe(DunningCaseStatus.CLOSED);
      expect(await handle.result()).toMatchObject({ closeReason: DunningCloseReason.PAID, levelsSent: [1] });
    });
  });

  it('a promise kept holds the letters until the promised date, then the case closes when paid', async () => {
    await withCase({ paid: false, promiseKept: true }, async ({ handle, stubs, script, day, date }) => {
      await day(3);
      const promised = await handle.executeUpdate(promiseToPay, {
        args: [{ actor: CLERK, promisedDate: date(20), amount: '1200.50', note: '电话承诺 by phone' }],
      });
      expect(promised.promise).toMatchObject({
        promiseId: 'promise-1',
        promisedDate: date(20),
        amount: '1200.50',
      });
      expect(stubs.inputsOf('recordPromise')[0]).toMatchObject({
        caseId: 'case-1',
        promisedDate: date(20),
        amount: '1200.50',
        actor: CLERK,
      });
      await day(15);
      expect(stubs.letters()).toEqual([1]); // level 2's day passes while the promise stands
      expect((await handle.query(getDunningState)).status).toBe(DunningCaseStatus.PROMISED);
      await day(20);
      expect(stubs.names()).not.toContain('settlePromise'); // payment on the promised day counts
      script.paid = true;
      await day(21);
      expect(stubs.inputsOf('settlePromise')).toEqual([{ promiseId: 'promise-1', asOf: date(21) }]);
      expect(await handle.result()).toEqual({
        closeReason: DunningCloseReason.PAID,
        levelsSent: [1],
        promisesKept: 1,
        promisesBroken: 0,
      });
    });
  });

  it('a promise kept that leaves something overdue goes back to the ladder at the next level’s day', async () => {
    await withCase({ paid: false, promiseKept: true }, async ({ handle, stubs, day, date }) => {
      await day(3);
      await handle.executeUpdate(promiseToPay, {
        args: [{ actor: CLERK, promisedDate: date(8), amount: '100' }],
      });
      await day(9);
      expect(stubs.names()).toContain('settlePromise');
      expect(stubs.letters()).toEqual([1]);
      expect(await handle.query(getDunningState)).toMatchObject({
        status: DunningCaseStatus.ACTIVE,
        promisesKept: 1,
        nextLevel: 2,
      });
      await day(15);
      expect(stubs.letters()).toEqual([1, 2]);
    });
  });

  it('a broken promise moves to the next level at once', async () => {
    await withCase({ paid: false, promiseKept: false }, async ({ handle, stubs, day, date }) => {
      await day(3);
      await handle.executeUpdate(promiseToPay, { args: [{ actor: CLERK, promisedDate: date(6) }] });
      await day(6);
      expect(stubs.letters()).toEqual([1]);
      await day(7); // broken on day 7: level 2 now, not on day 15
      expect(stubs.letters()).toEqual([1, 2]);
      expect(stubs.inputsOf('sendDunningLetter')[1]).toMatchObject({ level: 2, asOf: date(7) });
      expect(await handle.query(getDunningState)).toMatchObject({ promisesBroken: 1, promise: null });
      await day(29);
      expect(stubs.letters()).toEqual([1, 2]);
      await day(30);
      expect(stubs.letters()).toEqual([1, 2, 3]); // the rest of the ladder keeps its days
    });
  });

  it('a dispute pauses it; rejected, it resumes with the one level now due', async () => {
    await withCase({ paid: false }, async ({ handle, stubs, day }) => {
      await day(3);
      const paused = await handle.executeUpdate(openDunningDispute, {
        args: [{ actor: CLERK, reason: '货物破损 damaged goods', amount: '300' }],
      });
      expect(paused.dispute).toMatchObject({ disputeId: 'dispute-1', amount: '300' });
      await day(40);
      expect(stubs.letters()).toEqual([1]);
      expect((await handle.query(getDunningState)).status).toBe(DunningCaseStatus.PAUSED);
      await handle.executeUpdate(resolveDunningDispute, {
        args: [
          { actor: MANAGER, outcome: DisputeOutcome.REJECTED, note: '签收单无异议 signed delivery note' },
        ],
      });
      await settled(handle);
      // One letter for the pause, the highest level due (the final notice), not every one missed.
      expect(stubs.letters()).toEqual([1, 3]);
      expect(stubs.inputsOf('resolveDispute')[0]).toMatchObject({
        disputeId: 'dispute-1',
        outcome: 'REJECTED',
      });
    });
  });

  it('a dispute upheld closes the case (DISPUTED) with no further letter', async () => {
    await withCase({ paid: false }, async ({ handle, stubs, day }) => {
      await day(3);
      await handle.executeUpdate(openDunningDispute, { args: [{ actor: CLERK, reason: 'wrong price' }] });
      await day(16);
      await handle.executeUpdate(resolveDunningDispute, {
        args: [{ actor: MANAGER, outcome: DisputeOutcome.UPHELD, note: 'credit note to follow' }],
      });
      expect(await handle.result()).toMatchObject({
        closeReason: DunningCloseReason.DISPUTED,
        levelsSent: [1],
      });
      expect(stubs.letters()).toEqual([1]);
    });
  });

  it('refuses what the state does not allow, with a typed error and no change', async () => {
    await withCase({ paid: false }, async ({ handle, day, date }) => {
      await day(3);
      const before = await handle.query(getDunningState);
      const refusal = (promise: Promise<unknown>) =>
        promise.then(
          () => 'accepted',
          (error: { cause?: { type?: string; message?: string } }) =>
            `${error.cause?.type}: ${error.cause?.message}`,
        );
      expect(
        await refusal(
          handle.executeUpdate(promiseToPay, { args: [{ actor: CLERK, promisedDate: date(1) }] }),
        ),
      ).toBe('INVALID_REQUEST: promisedDate must not be in the past');
      expect(
        await refusal(
          handle.executeUpdate(promiseToPay, { args: [{ actor: CLERK, promisedDate: '2026-02-30' }] }),
        ),
      ).toBe('INVALID_REQUEST: promisedDate must be a date YYYY-MM-DD');
      expect(
        await refusal(
          handle.executeUpdate(promiseToPay, {
            args: [{ actor: CLERK, promisedDate: date(9), amount: '-5' }],
          }),
        ),
      ).toBe('INVALID_REQUEST: amount must be a decimal above 0');
      expect(
        await refusal(
          handle.executeUpdate(resolveDunningDispute, {
            args: [{ actor: MANAGER, outcome: DisputeOutcome.REJECTED, note: 'x' }],
          }),
        ),
      ).toBe('WRONG_STATE: no dispute is open');
      expect(
        await refusal(handle.executeUpdate(openDunningDispute, { args: [{ actor: CLERK, reason: ' ' }] })),
      ).toBe('INVALID_REQUEST: reason must be 1 to 1000 characters');
      expect((await handle.query(getDunningState)).version).toBe(before.version); // refusals change nothing
      await handle.executeUpdate(openDunningDispute, { args: [{ actor: CLERK, reason: 'short delivery' }] });
      const disputed = await handle.query(getDunningState);
      expect(
        await refusal(
          handle.executeUpdate(promiseToPay, { args: [{ actor: CLERK, promisedDate: date(9) }] }),
        ),
      ).toBe('WRONG_STATE: a dispute is open: resolve it first');
      expect((await handle.query(getDunningState)).version).toBe(disputed.version);
    });
  });

  it('a case re-opened in the same cycle never sends a level again', async () => {
    await withCase({ paid: false, levelsSent: [1, 2] }, async ({ stubs, day }) => {
      await day(20);
      expect(stubs.letters()).toEqual([]);
      await day(30);
      expect(stubs.letters()).toEqual([3]);
    });
  });

  it('a worker stopped between levels: another sends the next level on its day, and no level twice', async () => {
    runs += 1;
    const workflowId = `dunning-C${runs}`;
    const taskQueue = `dunning-restart-${process.pid}`;
    const script: DunningScript = { paid: false };
    const cycleDay = Math.floor((await env.currentTimeMs()) / DAY);
    const date = (n: number) => dateOfDay(cycleDay + n);
    // No workflow cache, so no sticky queue a stopped worker would keep its tasks on: each worker
    // rebuilds the case from its history, as one that takes over from a killed worker does.
    const startWorker = async (stubs: Stubbed) => {
      const created = await Worker.create({
        connection: env.nativeConnection,
        taskQueue,
        workflowBundle: await workflowBundle(),
        activities: stubs.activities,
        maxCachedWorkflows: 0,
      });
      const running = created.run();
      return async () => {
        created.shutdown();
        await running;
      };
    };
    const first = stubDunningActivities(script);
    const stopFirst = await startWorker(first);
    const handle = await env.client.workflow.start(dunningWorkflow, {
      taskQueue,
      workflowId,
      args: [{ customerId: '42', customerCode: `C${runs}`, cycle: date(0) }],
    });
    const day = async (n: number) =>
      skipTime(env, handle, (cycleDay + n) * DAY + DAY / 2 - (await env.currentTimeMs()));
    let stopSecond: (() => Promise<void>) | undefined;
    try {
      await day(3);
      expect(first.letters()).toEqual([1]);
      await settled(handle);
      await stopFirst();
      // The first worker is gone between level 1 and level 2; a new one takes the queue.
      const second = stubDunningActivities(script);
      stopSecond = await startWorker(second);
      await day(14);
      expect(second.letters()).toEqual([]);
      await day(15);
      expect(second.letters()).toEqual([2]);
      expect(second.inputsOf('sendDunningLetter')[0]).toMatchObject({ level: 2, asOf: date(15) });
      await day(30);
      expect(second.letters()).toEqual([2, 3]);
      expect(second.names()).not.toContain('openDunningCase');
      expect(first.letters()).toEqual([1]);
      expect(await handle.query(getDunningState)).toMatchObject({ levelsSent: [1, 2, 3] });
    } finally {
      await terminateSettled(handle);
      await stopSecond?.();
    }
  });
});
