import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { PeriodStatus, UserRole } from '../../../contract/enums';
import {
  approveAdjustment,
  closeByException,
  completeReview,
  ConfirmationState,
  confirmStatement,
  customerAnswered,
  CUSTOMER_COMMENT_MAX_CHARS,
  disputeStatement,
  getPeriodState,
  markTiming,
  proposeAdjustment,
  rematch,
  rejectAdjustment,
  rejectSuggestion,
  acceptSuggestion,
  type PeriodWorkflow,
} from '../../../contract/period';
import { reconciliationPeriodWorkflow } from '../../../workflows/period.workflow';
import { customerActor, userActor } from '../../support/actors';
import { CLEAN, DIFFERENT, stubActivities, type PeriodScript } from '../../support/stub-activities';
import {
  skipTime,
  startStubWorker,
  terminateSettled,
  type Stubbed,
  type StubWorker,
} from '../../support/stub-worker';
import { startTimeSkippingTemporal } from '../../support/temporal';

const CLERK = userActor('1', UserRole.CLERK, 'Clerk Li');
const CLERK_2 = userActor('2', UserRole.CLERK, 'Clerk Sun');
const MANAGER = userActor('3', UserRole.MANAGER, 'Manager Wang');
const MANAGER_2 = userActor('4', UserRole.MANAGER, 'Manager Zhou');
const CUSTOMER = customerActor('C1');
const INPUT = { periodId: '7', customerCode: 'C1', periodStart: '2026-10-01', periodEnd: '2026-10-31' };

type Handle = WorkflowHandle<PeriodWorkflow>;

/**
 * The period workflow's transitions, one test each, on the time-skipping test server with stub
 * activities (the samples' style): no database, timers of weeks in milliseconds. What the
 * activities do to the database is tested against the real stack in test/workflows/*.test.ts.
 */
describe('the period workflow, transition by transition', () => {
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

  /** Starts a period whose activities answer from `script` and runs `body` against it. */
  async function withPeriod(script: PeriodScript, body: (handle: Handle, stubs: Stubbed) => Promise<void>) {
    runs += 1;
    const workflowId = `recon-C1-2026-10-${runs}`;
    const stubs = stubActivities(script);
    worker.serve(workflowId, stubs.activities);
    const handle = await env.client.workflow.start(reconciliationPeriodWorkflow, {
      taskQueue: worker.taskQueue,
      workflowId,
      args: [INPUT],
    });
    try {
      await body(handle, stubs);
    } finally {
      await terminateSettled(handle); // a period left running would hold the server's clock
    }
  }

  /** Lets the workflow run until it reaches `status` (each query is a round trip; time skips meanwhile). */
  async function reach(handle: Handle, status: PeriodStatus) {
    for (let i = 0; i < 200; i += 1) {
      const state = await handle.query(getPeriodState);
      if (state.status === status) return state;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`never reached ${status}; it is ${(await handle.query(getPeriodState)).status}`);
  }

  it('OPEN → AWAITING_CUSTOMER: a tied period without differences goes straight to the customer', async () => {
    await withPeriod({ matches: [CLEAN] }, async (handle, stubs) => {
      const state = await reach(handle, PeriodStatus.AWAITING_CUSTOMER);
      expect(state).toMatchObject({ confirmationRound: 1, confirmation: ConfirmationState.SENT });
      expect(stubs.names()).toEqual(['extractAndMatch', 'sendStatement']);
      expect(stubs.inputsOf('sendStatement')).toEqual([{ periodId: '7', round: 1 }]);
    });
  });

  it('AWAITING_CUSTOMER → CLOSED: the customer confirms; the answer and the close are one step', async () => {
    await withPeriod({ matches: [CLEAN] }, async (handle, stubs) => {
      await reach(handle, PeriodStatus.AWAITING_CUSTOMER);
      const answered = await handle.executeUpdate(confirmStatement, {
        args: [{ actor: CUSTOMER, comment: '无误' }],
      });
      // The Update answers once the decision is taken; the close follows.
      expect(answered.status).toBe(PeriodStatus.AWAITING_CUSTOMER);
      const outcome = await handle.result();
      expect(outcome).toMatchObject({ status: PeriodStatus.CLOSED, closedBy: CUSTOMER.id });
      expect(outcome.closeReason).toBeUndefined();
      expect(stubs.inputsOf('confirmAndClose')).toEqual([
        { periodId: '7', round: 1, actor: CUSTOMER, comment: '无误' },
      ]);
      expect(stubs.names()).not.toContain('closePeriod');
    });
  });

  it('MATCHING → IN_REVIEW: open differences create review tasks and wait for a person', async () => {
    await withPeriod({ matches: [DIFFERENT] }, async (handle, stubs) => {
      const state = await reach(handle, PeriodStatus.IN_REVIEW);
      expect(state.match).toMatchObject({ matchRun: 1, openDifferences: 1 });
      expect(stubs.inputsOf('createReviewTasks')).toEqual([
        { periodId: '7', workflowId: expect.stringMatching(/^recon-C1-/), matchRun: 1 },
      ]);
      await expect(
        handle.executeUpdate(confirmStatement, { args: [{ actor: CUSTOMER }] }),
      ).rejects.toMatchObject({ cause: { type: 'WRONG_STATE' } });
      await expect(
        handle.executeUpdate(completeReview, {
          args: [{ actor: CLERK, expectedVersion: state.version - 1 }],
        }),
      ).rejects.toMatchObject({ cause: { type: 'STALE_VERSION' } });
      expect((await handle.query(getPeriodState)).version).toBe(state.version); // refusals change nothing
    });
  });

  it('IN_REVIEW → re-match: a completed review matches again, and a tie goes to the customer', async () => {
    await withPeriod({ matches: [DIFFERENT, CLEAN] }, async (handle, stubs) => {
      await reach(handle, PeriodStatus.IN_REVIEW);
      await handle.executeUpdate(markTiming, { args: [{ actor: CLERK, differenceId: 'd1', note: '在途' }] });
      await handle.executeUpdate(completeReview, { args: [{ actor: CLERK }] });
      const state = await reach(handle, PeriodStatus.AWAITING_CUSTOMER);
      expect(state.match?.matchRun).toBe(2);
      expect(stubs.names()).toEqual([
        'extractAndMatch',
        'createReviewTasks',
        'markTiming',
        'extractAndMatch',
        'sendStatement',
      ]);
    });
  });

  it('IN_REVIEW → re-match asked: matches again and stays in review even when it ties; refused outside review or stale', async () => {
    await withPeriod({ matches: [DIFFERENT, CLEAN, CLEAN] }, async (handle, stubs) => {
      const before = await reach(handle, PeriodStatus.IN_REVIEW);
      await expect(
        handle.executeUpdate(rematch, { args: [{ actor: CLERK, expectedVersion: before.version - 1 }] }),
      ).rejects.toMatchObject({ cause: { type: 'STALE_VERSION' } });
      const answered = await handle.executeUpdate(rematch, {
        args: [{ actor: CLERK, expectedVersion: before.version }],
      });
      expect(answered.version).toBeGreaterThan(before.version);
      // Run 2 ties, yet the period is back in review with its tasks, not sent to the customer.
      for (let i = 0; i < 200 && (await handle.query(getPeriodState)).match?.matchRun !== 2; i += 1)
        await new Promise((resolve) => setTimeout(resolve, 10));
      const state = await reach(handle, PeriodStatus.IN_REVIEW);
      expect(state.match).toMatchObject({ matchRun: 2, tied: true });
      expect(stubs.names()).toEqual([
        'extractAndMatch',
        'createReviewTasks',
        'extractAndMatch',
        'createReviewTasks',
      ]);
      expect(stubs.names()).not.toContain('sendStatement');
      // Once the clerk says the review is done, the tie goes to the customer.
      await handle.executeUpdate(completeReview, { args: [{ actor: CLERK }] });
      await reach(handle, PeriodStatus.AWAITING_CUSTOMER);
      await expect(handle.executeUpdate(rematch, { args: [{ actor: CLERK }] })).rejects.toMatchObject({
        cause: { type: 'WRONG_STATE' },
      });
      // Who asked is audited by the extraction the rematch causes, in its transaction.
      expect(stubs.inputsOf('extractAndMatch').map((input) => input.rematchRequestedBy)).toEqual([
        undefined,
        CLERK,
        undefined,
      ]);
    });
  });

  it('IN_REVIEW: review actions run their activity, and a refusal found in the data fails the Update alone', async () => {
    await withPeriod({ matches: [DIFFERENT] }, async (handle, stubs) => {
      const before = await reach(handle, PeriodStatus.IN_REVIEW);
      const accepted = await handle.executeUpdate(acceptSuggestion, {
        args: [{ actor: CLERK, groupId: 'g1' }],
      });
      expect(accepted.entityId).toBe('g1');
      expect(accepted.state.version).toBeGreaterThan(before.version);
      await expect(
        handle.executeUpdate(acceptSuggestion, { args: [{ actor: CLERK, groupId: 'missing' }] }),
      ).rejects.toMatchObject({ cause: { type: 'NOT_FOUND' } });
      await expect(
        handle.executeUpdate(rejectSuggestion, { args: [{ actor: CLERK, groupId: 'g2', reason: ' ' }] }),
      ).rejects.toMatchObject({ cause: { type: 'INVALID_REQUEST' } });
      expect(stubs.inputsOf('decideSuggestion')).toHaveLength(2);
      expect((await handle.query(getPeriodState)).status).toBe(PeriodStatus.IN_REVIEW);
    });
  });

  it('IN_REVIEW → CLOSED: a manager closes by exception, with the reason', async () => {
    await withPeriod({ matches: [DIFFERENT] }, async (handle, stubs) => {
      await reach(handle, PeriodStatus.IN_REVIEW);
      await expect(
        handle.executeUpdate(closeByException, { args: [{ actor: MANAGER, reason: '  ' }] }),
      ).rejects.toMatchObject({ cause: { type: 'INVALID_REQUEST' } });
      await handle.executeUpdate(closeByException, { args: [{ actor: MANAGER, reason: '在途 in transit' }] });
      await expect(handle.result()).resolves.toMatchObject({
        closedBy: MANAGER.id,
        closeReason: '在途 in transit',
      });
      expect(stubs.inputsOf('closePeriod')).toEqual([
        { periodId: '7', actor: MANAGER, reason: '在途 in transit' },
      ]);
    });
  });

  it('AWAITING_CUSTOMER → IN_REVIEW: a dispute records the lines and sends the period back to review', async () => {
    await withPeriod({ matches: [CLEAN, CLEAN] }, async (handle, stubs) => {
      await reach(handle, PeriodStatus.AWAITING_CUSTOMER);
      await expect(
        handle.executeUpdate(disputeStatement, { args: [{ actor: CUSTOMER, lines: [] }] }),
      ).rejects.toMatchObject({ cause: { type: 'INVALID_REQUEST' } });
      const lines = [{ side: 'OURS' as const, lineId: '11', comment: '金额有误' }];
      await handle.executeUpdate(disputeStatement, { args: [{ actor: CUSTOMER, lines }] });
      const review = await reach(handle, PeriodStatus.IN_REVIEW);
      expect(review.confirmation).toBe(ConfirmationState.DISPUTED);
      expect(stubs.inputsOf('recordCustomerAnswer')).toEqual([
        { periodId: '7', round: 1, outcome: 'DISPUTED', actor: CUSTOMER, disputedLines: lines },
      ]);
      // A dispute is reviewed even when the bridge ties; then the customer gets round two.
      await handle.executeUpdate(completeReview, { args: [{ actor: CLERK }] });
      expect((await reach(handle, PeriodStatus.AWAITING_CUSTOMER)).confirmationRound).toBe(2);
      expect(stubs.inputsOf('sendStatement').map((input) => input.round)).toEqual([1, 2]);
    });
  });

  it('IN_REVIEW → AWAITING_APPROVAL → re-match: an adjustment waits for its approvals, then posts', async () => {
    await withPeriod({ matches: [DIFFERENT, CLEAN] }, async (handle, stubs) => {
      await reach(handle, PeriodStatus.IN_REVIEW);
      const proposed = await handle.executeUpdate(proposeAdjustment, {
        args: [{ actor: CLERK, amount: '-15.00', entryDate: '2026-10-31', reason: 'bank fee' }],
      });
      await expect(
        handle.executeUpdate(approveAdjustment, {
          args: [{ actor: CLERK, adjustmentId: proposed.entityId }],
        }),
      ).rejects.toMatchObject({ cause: { type: 'MAKER_CHECKER' } });
      await handle.executeUpdate(completeReview, { args: [{ actor: CLERK }] });
      await reach(handle, PeriodStatus.AWAITING_APPROVAL);
      expect(stubs.inputsOf('recordPeriodStatus')).toEqual([
        { periodId: '7', status: PeriodStatus.AWAITING_APPROVAL },
      ]);
      const approved = await handle.executeUpdate(approveAdjustment, {
        args: [{ actor: CLERK_2, adjustmentId: proposed.entityId }],
      });
      expect(approved.state.adjustments).toEqual([
        expect.objectContaining({ id: proposed.entityId, state: 'POSTED', approvals: [CLERK_2.id] }),
      ]);
      expect(stubs.inputsOf('postAdjustment')).toEqual([{ adjustmentId: proposed.entityId }]);
      expect((await reach(handle, PeriodStatus.AWAITING_CUSTOMER)).match?.matchRun).toBe(2);
    });
  });

  it('MATCHING → IN_REVIEW: an action on a task sent while its review is opening waits for the review instead of being refused', async () => {
    // The tasks and the row's IN_REVIEW are committed before the workflow hears the activity
    // finished: a clerk who acts at once (the soak benchmark's clerks did) was refused WRONG_STATE.
    let release = () => {};
    const reviewTasksHeld = new Promise<void>((resolve) => (release = resolve));
    await withPeriod({ matches: [DIFFERENT], reviewTasksHeld }, async (handle, stubs) => {
      for (let i = 0; i < 200 && !stubs.names().includes('createReviewTasks'); i += 1)
        await new Promise((resolve) => setTimeout(resolve, 10));
      const opening = await handle.query(getPeriodState);
      expect(opening.status).toBe(PeriodStatus.MATCHING);
      const marked = handle.executeUpdate(markTiming, {
        args: [{ actor: CLERK, differenceId: 'd1', note: 'in transit' }],
      });
      const proposed = handle.executeUpdate(proposeAdjustment, {
        args: [
          { actor: CLERK_2, amount: '-8.50', entryDate: '2026-10-31', reason: 'fee', differenceId: 'd2' },
        ],
      });
      // What review does not allow is still refused at once.
      await expect(
        handle.executeUpdate(confirmStatement, { args: [{ actor: CUSTOMER }] }),
      ).rejects.toMatchObject({ cause: { type: 'WRONG_STATE' } });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(stubs.names()).not.toContain('markTiming'); // nothing done before the review is open
      expect(stubs.names()).not.toContain('proposeAdjustment');
      release();
      await expect(marked).resolves.toMatchObject({
        entityId: 'd1',
        state: { status: PeriodStatus.IN_REVIEW },
      });
      await expect(proposed).resolves.toMatchObject({ state: { status: PeriodStatus.IN_REVIEW } });
      expect(stubs.inputsOf('markTiming')).toEqual([expect.objectContaining({ differenceId: 'd1' })]);
      // The proposed adjustment now waits for its approval.
      await handle.executeUpdate(completeReview, { args: [{ actor: CLERK }] });
      await reach(handle, PeriodStatus.AWAITING_APPROVAL);
    });
  });

  it('AWAITING_APPROVAL: an approval counts once stored and the adjustment is POSTED once posted; a refusal in the data changes nothing', async () => {
    let release = () => {};
    const postingHeld = new Promise<void>((resolve) => (release = resolve));
    await withPeriod(
      { matches: [DIFFERENT, CLEAN], refusedDecisions: 1, postingHeld },
      async (handle, stubs) => {
        await reach(handle, PeriodStatus.IN_REVIEW);
        const proposed = await handle.executeUpdate(proposeAdjustment, {
          args: [{ actor: CLERK, amount: '-15.00', entryDate: '2026-10-31', reason: 'bank fee' }],
        });
        await handle.executeUpdate(completeReview, { args: [{ actor: CLERK }] });
        const waiting = await reach(handle, PeriodStatus.AWAITING_APPROVAL);
        const approve = () =>
          handle.executeUpdate(approveAdjustment, {
            args: [{ actor: CLERK_2, adjustmentId: proposed.entityId }],
          });
        // The data refuses the first decision: the Update fails with its type and the state is as before.
        await expect(approve()).rejects.toMatchObject({ cause: { type: 'NOT_FOUND' } });
        const after = await handle.query(getPeriodState);
        expect(after.version).toBe(waiting.version);
        expect(after.adjustments[0]).toMatchObject({ state: 'PROPOSED', approvals: [] });
        // The same approver again: stored, then posting (held here) while the state says APPROVED.
        const approving = approve();
        for (let i = 0; i < 200 && !stubs.names().includes('postAdjustment'); i += 1)
          await new Promise((resolve) => setTimeout(resolve, 10));
        const posting = await handle.query(getPeriodState);
        expect(posting.adjustments[0]).toMatchObject({ state: 'APPROVED', approvals: [CLERK_2.id] });
        expect(posting.status).toBe(PeriodStatus.AWAITING_APPROVAL);
        await expect(
          handle.executeUpdate(rejectAdjustment, {
            args: [{ actor: MANAGER, adjustmentId: proposed.entityId, comment: 'no' }],
          }),
        ).rejects.toMatchObject({ cause: { type: 'WRONG_STATE' } });
        release();
        const approved = await approving;
        expect(approved.state.adjustments[0]).toMatchObject({ state: 'POSTED', approvals: [CLERK_2.id] });
        expect(approved.state.version).toBe(waiting.version + 1);
        expect((await reach(handle, PeriodStatus.AWAITING_CUSTOMER)).match?.matchRun).toBe(2);
      },
    );
  });

  it('AWAITING_APPROVAL → re-match: a rejection counts once recorded; one the data refuses changes nothing', async () => {
    await withPeriod({ matches: [DIFFERENT, CLEAN], refusedDecisions: 1 }, async (handle, stubs) => {
      await reach(handle, PeriodStatus.IN_REVIEW);
      const proposed = await handle.executeUpdate(proposeAdjustment, {
        args: [{ actor: CLERK, amount: '-15.00', entryDate: '2026-10-31', reason: 'bank fee' }],
      });
      await handle.executeUpdate(completeReview, { args: [{ actor: CLERK }] });
      const waiting = await reach(handle, PeriodStatus.AWAITING_APPROVAL);
      const rejectIt = () =>
        handle.executeUpdate(rejectAdjustment, {
          args: [{ actor: MANAGER, adjustmentId: proposed.entityId, comment: 'no receipt' }],
        });
      await expect(rejectIt()).rejects.toMatchObject({ cause: { type: 'NOT_FOUND' } });
      const after = await handle.query(getPeriodState);
      expect(after).toMatchObject({ status: PeriodStatus.AWAITING_APPROVAL, version: waiting.version });
      expect(after.adjustments[0]).toMatchObject({ state: 'PROPOSED' });
      const rejected = await rejectIt();
      expect(rejected.state.adjustments[0]).toMatchObject({
        state: 'REJECTED',
        rejectionReason: 'no receipt',
      });
      // Nothing pending any more: the period matches again (and, tied, goes to the customer).
      expect((await reach(handle, PeriodStatus.AWAITING_CUSTOMER)).match?.matchRun).toBe(2);
      expect(stubs.names()).not.toContain('postAdjustment');
    });
  });

  it('AWAITING_APPROVAL: a decision answers at once: a comment too long is refused before any activity, a failing store after three quick tries', async () => {
    await withPeriod({ matches: [DIFFERENT, CLEAN], failedDecisions: 3 }, async (handle, stubs) => {
      await reach(handle, PeriodStatus.IN_REVIEW);
      const proposed = await handle.executeUpdate(proposeAdjustment, {
        args: [{ actor: CLERK, amount: '-15.00', entryDate: '2026-10-31', reason: 'bank fee' }],
      });
      await handle.executeUpdate(completeReview, { args: [{ actor: CLERK }] });
      const waiting = await reach(handle, PeriodStatus.AWAITING_APPROVAL);
      const approve = (comment?: string) =>
        handle.executeUpdate(approveAdjustment, {
          args: [{ actor: CLERK_2, adjustmentId: proposed.entityId, comment }],
        });
      // Longer than its column: the validator refuses it, nothing runs (the database would refuse it on every retry).
      await expect(approve('x'.repeat(1001))).rejects.toMatchObject({ cause: { type: 'INVALID_REQUEST' } });
      expect(stubs.names()).not.toContain('decideAdjustment');
      // The store fails three times (the decisions' retries), and the Update fails with it, not minutes later.
      await expect(approve('ok')).rejects.toThrow();
      expect(stubs.names().filter((name) => name === 'decideAdjustment')).toHaveLength(3);
      const after = await handle.query(getPeriodState);
      expect(after.version).toBe(waiting.version);
      expect(after.adjustments[0]).toMatchObject({ state: 'PROPOSED', approvals: [] });
      // Asked again once the store works: recorded and posted.
      const approved = await approve('ok');
      expect(approved.state.adjustments[0]).toMatchObject({ state: 'POSTED', approvals: [CLERK_2.id] });
    });
  });

  it('approves an adjustment above the manager threshold only with the APPROVE_ADJUSTMENT grant, twice above the dual one', async () => {
    const settings = { managerApprovalThreshold: '1000', dualApprovalThreshold: '5000' };
    await withPeriod({ matches: [DIFFERENT, CLEAN], settings }, async (handle, stubs) => {
      await reach(handle, PeriodStatus.IN_REVIEW);
      const proposed = await handle.executeUpdate(proposeAdjustment, {
        args: [{ actor: CLERK, amount: '6000', entryDate: '2026-10-20', reason: 'invoice never booked' }],
      });
      expect(proposed.state.adjustments[0]).toMatchObject({ requiredApprovals: 2, requiresManager: true });
      const approve = (actor: typeof MANAGER) =>
        handle.executeUpdate(approveAdjustment, { args: [{ actor, adjustmentId: proposed.entityId }] });
      await expect(approve(CLERK_2)).rejects.toMatchObject({ cause: { type: 'FORBIDDEN' } });
      await approve(MANAGER);
      await expect(approve(MANAGER)).rejects.toMatchObject({ cause: { type: 'MAKER_CHECKER' } });
      expect(stubs.names()).not.toContain('postAdjustment');
      const done = await approve(MANAGER_2);
      expect(done.state.adjustments[0]).toMatchObject({
        state: 'POSTED',
        approvals: [MANAGER.id, MANAGER_2.id],
      });
    });
  });

  it('AWAITING_APPROVAL → CLOSED: a close by exception does not wait for pending approvals', async () => {
    await withPeriod({ matches: [DIFFERENT] }, async (handle, stubs) => {
      await reach(handle, PeriodStatus.IN_REVIEW);
      await handle.executeUpdate(proposeAdjustment, {
        args: [{ actor: CLERK, amount: '-15', entryDate: '2026-10-31', reason: 'fee' }],
      });
      await handle.executeUpdate(completeReview, { args: [{ actor: CLERK }] });
      await reach(handle, PeriodStatus.AWAITING_APPROVAL);
      await handle.executeUpdate(closeByException, { args: [{ actor: MANAGER, reason: 'write-off' }] });
      await expect(handle.result()).resolves.toMatchObject({ closeReason: 'write-off' });
      expect(stubs.names().at(-1)).toBe('closePeriod');
    });
  });

  it('AWAITING_CUSTOMER: reminds every week and escalates once after two, with durable timers', async () => {
    await withPeriod({ matches: [CLEAN] }, async (handle, stubs) => {
      await reach(handle, PeriodStatus.AWAITING_CUSTOMER);
      await skipTime(env, handle, '6d');
      expect(stubs.names()).not.toContain('sendReminder');
      await skipTime(env, handle, '2d');
      expect((await handle.query(getPeriodState)).remindersSent).toBe(1);
      await skipTime(env, handle, '7d');
      const state = await handle.query(getPeriodState);
      expect(state).toMatchObject({
        remindersSent: 2,
        escalated: true,
        confirmation: ConfirmationState.TIMED_OUT,
      });
      expect(stubs.inputsOf('escalateConfirmation')).toEqual([
        { periodId: '7', workflowId: expect.stringMatching(/^recon-C1-/), round: 1 },
      ]);
      expect(stubs.inputsOf('sendReminder').map((input) => input.reminder)).toEqual([1, 2]);
      // The customer can still answer, here through the signal for channels that cannot wait.
      await handle.signal(customerAnswered, { actor: CLERK, comment: 'not the customer' });
      // A comment the update would refuse as too long: a signal cannot be refused, so it is ignored.
      await handle.signal(customerAnswered, {
        actor: CUSTOMER,
        comment: 'x'.repeat(CUSTOMER_COMMENT_MAX_CHARS + 1),
      });
      await handle.signal(customerAnswered, { actor: CUSTOMER, comment: 'late, but fine' });
      await expect(handle.result()).resolves.toMatchObject({ closedBy: CUSTOMER.id });
      expect(stubs.inputsOf('confirmAndClose')).toEqual([
        expect.objectContaining({ actor: CUSTOMER, comment: 'late, but fine' }),
      ]);
    });
  });

  it('MATCHING: a period too large for a local activity is matched in a regular one', async () => {
    await withPeriod({ matches: [CLEAN], lines: 20_000 }, async (handle, stubs) => {
      await reach(handle, PeriodStatus.AWAITING_CUSTOMER);
      expect(stubs.names()).toEqual(['extractAndMatch', 'matchPeriod', 'sendStatement']);
    });
  });
});
