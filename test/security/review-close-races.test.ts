import type { QueryRunner } from 'typeorm';
import { AuditEvent } from '../../entities/audit-event.entity';
import { Difference } from '../../entities/difference.entity';
import { ActorType, DifferenceStatus, PeriodStatus, UserRole } from '../../contract/enums';
import {
  approveAdjustment,
  askCustomer,
  markTiming,
  proposeAdjustment,
  rejectAdjustment,
  withdrawAdjustment,
} from '../../contract/period';
import { seedCustomer, type Line } from '../support/fixtures';
import { codes, startPlatformStack, type PlatformStack } from './platform-stack';
import { someoneWaits } from '../support/lock-waits';

/**
 * Review actions racing a close by exception (#17 probe, the same class as the confirm/dispute race
 * in answer-races): an action admitted while the period was in review must not write once the
 * close has committed, and an action sent while the close is being written is refused at once
 * (before: a re-match or review completion sent then waited forever, and the workflow with it).
 */
jest.setTimeout(150_000);

let stack: PlatformStack;
const INVOICE: Line = { id: 'inv', date: '2026-10-03', ref: 'INV-100', kind: 'INVOICE', amount: '1000.00' };
const FEE: Line = { id: 'fee', date: '2026-10-02', ref: 'BANKFEE-7', kind: 'OTHER', amount: '-15.00' };
const CLERK = { id: 'user:9001', type: ActorType.USER, name: 'clerk' };
const OTHER_CLERK = { id: 'user:9002', type: ActorType.USER, name: 'other clerk' };

beforeAll(async () => {
  stack = await startPlatformStack('review_close_races');
});
afterAll(() => stack?.stop());

async function periodInReview(code: string) {
  await seedCustomer(stack.h.db.dataSource, code, [INVOICE], [INVOICE, FEE]);
  const periodId = await stack.openPeriod(code, PeriodStatus.IN_REVIEW);
  const [difference] = await stack.h.db.dataSource
    .getRepository(Difference)
    .findBy({ periodId, status: DifferenceStatus.OPEN });
  const [{ workflowId }] = (await stack.h.db.dataSource.query(
    'SELECT workflow_id AS workflowId FROM reconciliation_periods WHERE id = ?',
    [periodId],
  )) as Array<{ workflowId: string }>;
  return { periodId, differenceId: difference.id, workflowId };
}

/** Holds a row lock in a transaction of its own, as a slow concurrent writer would. */
async function holdLock(sql: string, params: unknown[]): Promise<QueryRunner> {
  const runner = stack.h.db.dataSource.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  await runner.query(sql, params);
  return runner;
}
const release = async (runner: QueryRunner) => {
  await runner.rollbackTransaction();
  await runner.release();
};

/** The period's audit actions in order, and those written after its close. */
async function auditAfterClose(periodId: string) {
  const events = await stack.h.db.dataSource
    .getRepository(AuditEvent)
    .find({ where: { periodId }, order: { id: 'ASC' } });
  const actions = events.map((e) => e.action);
  const close = actions.findIndex((a) => a.startsWith('period.closed'));
  return { closed: close >= 0, after: close >= 0 ? actions.slice(close + 1) : [] };
}

/** A Temporal Update's failure as the API would map it: its type (WRONG_STATE…), or OK. */
async function outcome(update: Promise<unknown>): Promise<string> {
  try {
    await update;
    return 'OK';
  } catch (error) {
    const cause = (error as { cause?: { type?: string } }).cause;
    return cause?.type ?? String(error);
  }
}

const CLOSE =
  'mutation ($p: ID!) { closePeriodByException(periodId: $p, reason: "write-off agreed") { status } }';

test('an action held up mid-write while the close commits writes before the close or not at all', async () => {
  const { periodId, differenceId } = await periodInReview('RCR2');
  // The clerk's action is admitted and its transaction stalls on the difference's row.
  const held = await holdLock('SELECT id FROM differences WHERE id = ? FOR UPDATE', [differenceId]);
  const timing = stack.call(
    'mutation ($p: ID!, $d: ID!) { markTiming(periodId: $p, differenceId: $d, note: "in transit") { entityId } }',
    { p: periodId, d: differenceId },
    stack.staff[UserRole.CLERK],
  );
  try {
    expect(await someoneWaits(stack.h.db.dataSource)).toBe(true);
    expect(codes(await stack.call(CLOSE, { p: periodId }, stack.staff[UserRole.MANAGER]))).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // the close writes meanwhile (before: committed)
  } finally {
    await release(held);
  }
  const answer = codes(await timing);
  expect([[], ['WRONG_STATE']]).toContainEqual(answer);
  await stack.h.waitForStatus((await periodInfo(periodId)).workflowId, PeriodStatus.CLOSED);
  // Before: difference.marked_timing was written after period.closed_by_exception.
  expect(await auditAfterClose(periodId)).toEqual({ closed: true, after: [] });
});

test('actions sent while the close is being written are refused, and the period closes', async () => {
  const { periodId, differenceId } = await periodInReview('RCR3');
  const { workflowId } = await periodInfo(periodId);
  // The close's transaction waits on the period row: the workflow has taken the decision, and
  // its state (and the row) still say IN_REVIEW.
  const held = await holdLock('SELECT id FROM reconciliation_periods WHERE id = ? FOR UPDATE', [periodId]);
  const sent: Record<string, unknown> = {};
  try {
    expect(codes(await stack.call(CLOSE, { p: periodId }, stack.staff[UserRole.MANAGER]))).toEqual([]);
    expect(await someoneWaits(stack.h.db.dataSource)).toBe(true);
    const actions: Record<string, [string, Record<string, unknown>]> = {
      rematchPeriod: ['mutation ($p: ID!) { rematchPeriod(periodId: $p) { status } }', { p: periodId }],
      completeReview: ['mutation ($p: ID!) { completeReview(periodId: $p) { status } }', { p: periodId }],
      markTiming: [
        'mutation ($p: ID!, $d: ID!) { markTiming(periodId: $p, differenceId: $d, note: "x") { entityId } }',
        { p: periodId, d: differenceId },
      ],
      proposeAdjustment: [
        `mutation ($p: ID!) { proposeAdjustment(periodId: $p, amount: "-15.00", entryDate: "2026-10-31",
           reason: "fee") { entityId } }`,
        { p: periodId },
      ],
    };
    // Sent together: the close's local activity holds the workflow task, so they are delivered
    // together once the worker hands it back (within the task's timeout).
    // Before: rematch and completeReview were admitted and waited for a main loop that had moved on.
    const answers = await Promise.all(
      Object.entries(actions).map(async ([name, [query, variables]]) => {
        const answer = await Promise.race([
          stack.call(query, variables, stack.staff[UserRole.CLERK]).then(codes),
          new Promise<string>((resolve) => setTimeout(() => resolve('no answer in 25 s'), 25_000)),
        ]);
        return [name, answer] as const;
      }),
    );
    for (const [name, answer] of answers) sent[name] = answer;
  } finally {
    await release(held);
  }
  expect(sent).toEqual({
    rematchPeriod: ['WRONG_STATE'],
    completeReview: ['WRONG_STATE'],
    markTiming: ['WRONG_STATE'],
    proposeAdjustment: ['WRONG_STATE'],
  });
  await stack.h.waitForStatus(workflowId, PeriodStatus.CLOSED);
  // Before: the workflow waited for the rematch's handler forever and never completed.
  const result = await Promise.race([
    stack.h.periods.handle(workflowId).result(),
    new Promise((resolve) => setTimeout(() => resolve('still running'), 20_000)),
  ]);
  expect(result).toMatchObject({ status: PeriodStatus.CLOSED });
  expect(await auditAfterClose(periodId)).toEqual({ closed: true, after: [] });
});

test('every review activity refuses, and writes nothing, once the period row is closed', async () => {
  const { periodId, differenceId, workflowId } = await periodInReview('RCR1');
  const handle = stack.h.periods.handle(workflowId);
  const propose = async (amount: string) =>
    (
      await handle.executeUpdate(proposeAdjustment, {
        args: [{ actor: CLERK, amount, entryDate: '2026-10-31', reason: 'bank fee' }],
      })
    ).entityId;
  const [toApprove, toReject, toWithdraw] = [
    await propose('-1.00'),
    await propose('-2.00'),
    await propose('-3.00'),
  ];
  // The close by exception committed; the workflow has not yet heard (its state still IN_REVIEW),
  // so these Updates pass their validators as ones admitted just before the close would.
  await stack.h.db.dataSource.query(
    "UPDATE reconciliation_periods SET status = 'CLOSED', closed_at = NOW(3) WHERE id = ?",
    [periodId],
  );
  const before = await stack.h.db.dataSource.getRepository(AuditEvent).countBy({ periodId });
  const attempts: Array<[string, () => Promise<unknown>]> = [
    [
      'askCustomer',
      () => handle.executeUpdate(askCustomer, { args: [{ actor: CLERK, differenceId, question: 'why?' }] }),
    ],
    [
      'markTiming',
      () => handle.executeUpdate(markTiming, { args: [{ actor: CLERK, differenceId, note: 'in transit' }] }),
    ],
    [
      'proposeAdjustment',
      () =>
        handle.executeUpdate(proposeAdjustment, {
          args: [{ actor: CLERK, amount: '-4.00', entryDate: '2026-10-31', reason: 'late' }],
        }),
    ],
    [
      'approveAdjustment',
      () =>
        handle.executeUpdate(approveAdjustment, { args: [{ actor: OTHER_CLERK, adjustmentId: toApprove }] }),
    ],
    [
      'rejectAdjustment',
      () =>
        handle.executeUpdate(rejectAdjustment, {
          args: [{ actor: OTHER_CLERK, adjustmentId: toReject, comment: 'no' }],
        }),
    ],
    [
      'withdrawAdjustment',
      () => handle.executeUpdate(withdrawAdjustment, { args: [{ actor: CLERK, adjustmentId: toWithdraw }] }),
    ],
  ];
  const results: Record<string, string> = {};
  for (const [name, attempt] of attempts) results[name] = await outcome(attempt());
  // Before: markTiming, askCustomer, proposeAdjustment and each adjustment decision wrote (OK).
  expect(results).toEqual({
    askCustomer: 'WRONG_STATE',
    markTiming: 'WRONG_STATE',
    proposeAdjustment: 'WRONG_STATE',
    approveAdjustment: 'WRONG_STATE',
    rejectAdjustment: 'WRONG_STATE',
    withdrawAdjustment: 'WRONG_STATE',
  });
  expect(await stack.h.db.dataSource.getRepository(AuditEvent).countBy({ periodId })).toBe(before);
  const difference = await stack.h.db.dataSource
    .getRepository(Difference)
    .findOneByOrFail({ id: differenceId });
  expect([difference.status, difference.resolution]).toEqual([DifferenceStatus.OPEN, null]);
});

async function periodInfo(periodId: string) {
  const [row] = (await stack.h.db.dataSource.query(
    'SELECT workflow_id AS workflowId FROM reconciliation_periods WHERE id = ?',
    [periodId],
  )) as Array<{ workflowId: string }>;
  return row;
}
