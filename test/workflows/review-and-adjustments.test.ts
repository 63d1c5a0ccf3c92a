import { Not } from 'typeorm';
import { Adjustment } from '../../entities/adjustment.entity';
import { Customer } from '../../entities/customer.entity';
import { Difference } from '../../entities/difference.entity';
import {
  AdjustmentStatus,
  DifferenceStatus,
  MatchGroupState,
  PeriodStatus,
  TaskQueue,
  TaskStatus,
  TaskType,
  UserRole,
} from '../../contract/enums';
import { LedgerEntry } from '../../entities/ledger-entry.entity';
import { MatchGroup } from '../../entities/match-group.entity';
import { StatementLine } from '../../entities/statement-line.entity';
import { Task } from '../../entities/task.entity';
import { verifyAuditChain } from '../../audit/verify-chain';
import {
  AdjustmentState,
  approveAdjustment,
  completeReview,
  confirmStatement,
  disputeStatement,
  getPeriodState,
  markTiming,
  matchManually,
  proposeAdjustment,
  rejectAdjustment,
  unmatch,
  withdrawAdjustment,
} from '../../contract/period';
import { seedCustomer, type Line } from '../support/fixtures';
import { recordHistory } from '../support/record-history';
import { startPeriodHarness, type PeriodHarness } from '../support/period-harness';
import { userActor, customerActor } from '../support/actors';

const CLERK = userActor('10', UserRole.CLERK, 'Clerk Li');
const CLERK_2 = userActor('11', UserRole.CLERK, 'Clerk Sun');
const MANAGER = userActor('20', UserRole.MANAGER, 'Manager Wang');
const MANAGER_2 = userActor('21', UserRole.MANAGER, 'Manager Zhou');

const INVOICE: Line = { id: 'inv', date: '2026-10-03', ref: 'INV-100', kind: 'INVOICE', amount: '1000.00' };

describe('review actions and adjustments in the period workflow', () => {
  let h: PeriodHarness;

  beforeAll(async () => {
    h = await startPeriodHarness('review');
  });

  afterAll(() => h?.stop());

  const openDifferences = async (periodId: string) => {
    const period = await h.db.dataSource.query('SELECT match_run FROM reconciliation_periods WHERE id = ?', [
      periodId,
    ]);
    return h.db.dataSource
      .getRepository(Difference)
      .findBy({ periodId, matchRun: period[0].match_run, status: DifferenceStatus.OPEN });
  };

  it('posts a rejected-then-approved adjustment once, refuses maker = checker, and re-matches', async () => {
    // The customer deducted a bank fee we never booked.
    const fee: Line = { id: 'fee', date: '2026-10-02', ref: 'BANKFEE-7', kind: 'OTHER', amount: '-15.00' };
    await seedCustomer(h.db.dataSource, 'ADJ', [INVOICE], [INVOICE, fee]);
    const { workflowId, period } = await h.periods.openPeriod('ADJ', '2026-10-01', '2026-10-31');
    await h.waitForStatus(workflowId, PeriodStatus.IN_REVIEW);
    const handle = h.periods.handle(workflowId);
    const [difference] = await openDifferences(period.id);
    expect(difference).toMatchObject({ kind: 'MISSING_IN_OURS' });
    expect(difference.amount.toFixed(2)).toBe('-15.00');

    const propose = (actor = CLERK) =>
      handle.executeUpdate(proposeAdjustment, {
        args: [
          {
            actor,
            amount: '-15.00',
            entryDate: '2026-10-31',
            // Naming no difference: the posted entry is a line like any other, matched by hand below.
            reason: '银行手续费 bank fee',
          },
        ],
      });
    await expect(
      handle.executeUpdate(proposeAdjustment, {
        args: [{ actor: CLERK, amount: '-15', entryDate: '2026-11-05', reason: 'x' }],
      }),
    ).rejects.toMatchObject({ cause: { type: 'INVALID_REQUEST' } });
    expect(await h.db.dataSource.getRepository(Adjustment).countBy({ periodId: period.id })).toBe(0);

    const first = await propose();
    await expect(
      handle.executeUpdate(approveAdjustment, { args: [{ actor: CLERK, adjustmentId: first.entityId }] }),
    ).rejects.toMatchObject({
      cause: { type: 'MAKER_CHECKER' },
    });
    await handle.executeUpdate(rejectAdjustment, {
      args: [{ actor: CLERK_2, adjustmentId: first.entityId, comment: '请附银行回单 attach the bank slip' }],
    });
    const rejected = await h.db.dataSource.getRepository(Adjustment).findOneByOrFail({ id: first.entityId });
    expect(rejected).toMatchObject({
      status: AdjustmentStatus.REJECTED,
      rejectionReason: '请附银行回单 attach the bank slip',
    });
    const back = await h.db.dataSource
      .getRepository(Task)
      .findOneByOrFail({ idempotencyKey: `rejected:${first.entityId}` });
    expect(back).toMatchObject({ queue: TaskQueue.CLERK, status: TaskStatus.OPEN });
    expect(back.title).toContain('attach the bank slip');
    // The same as data, for the web app to word in zh or en.
    expect(back.titleKind).toBe('ADJUSTMENT_REJECTED');
    expect(back.titleParams).toEqual({
      amount: expect.any(String),
      comment: '请附银行回单 attach the bank slip',
    });

    const second = await propose();
    const approved = await handle.executeUpdate(approveAdjustment, {
      args: [{ actor: CLERK_2, adjustmentId: second.entityId }],
    });
    expect(approved.state.adjustments.find((a) => a.id === second.entityId)?.state).toBe(
      AdjustmentState.POSTED,
    );
    const posted = await h.db.dataSource.getRepository(LedgerEntry).findBy({ adjustmentId: second.entityId });
    expect(posted).toHaveLength(1);
    expect(posted[0].amount.toFixed(2)).toBe('-15.00');
    await expect(
      h.db.dataSource.getRepository(Adjustment).findOneByOrFail({ id: second.entityId }),
    ).resolves.toMatchObject({
      status: AdjustmentStatus.POSTED,
      postedLedgerEntryId: posted[0].id,
    });

    // Re-match: the posted entry and the fee line are matched by hand; the period goes to the customer.
    // (An adjustment that names its difference needs no hand: see the next case.)
    await handle.executeUpdate(completeReview, { args: [{ actor: CLERK }] });
    await h.waitForStatus(workflowId, PeriodStatus.IN_REVIEW);
    let state = await handle.query(getPeriodState);
    expect(state.match?.matchRun).toBe(2);
    const feeLine = await h.db.dataSource.getRepository(StatementLine).findOneByOrFail({ externalId: 'fee' });
    await expect(
      handle.executeUpdate(matchManually, {
        args: [{ actor: CLERK, ledgerEntryIds: [posted[0].id], statementLineIds: ['999999'], note: 'x' }],
      }),
    ).rejects.toMatchObject({ cause: { type: 'NOT_FOUND' } });
    const manual = await handle.executeUpdate(matchManually, {
      args: [
        {
          actor: CLERK,
          ledgerEntryIds: [posted[0].id],
          statementLineIds: [feeLine.id],
          note: '手续费调整 fee adjustment',
        },
      ],
    });
    expect(manual.entityId).toMatch(/^\d+$/);
    await handle.executeUpdate(completeReview, { args: [{ actor: CLERK }] });
    await h.waitForStatus(workflowId, PeriodStatus.AWAITING_CUSTOMER);
    state = await handle.query(getPeriodState);
    expect(state.match).toMatchObject({ matchRun: 3, tied: true, openDifferences: 0 });
    const carried = await h.db.dataSource
      .getRepository(MatchGroup)
      .findBy({ periodId: period.id, matchRun: 3, state: MatchGroupState.MANUAL });
    expect(carried).toHaveLength(1);
    expect(carried[0].residual.toFixed(2)).toBe('0.00');
    await expect(verifyAuditChain(h.db.dataSource)).resolves.toMatchObject({ ok: true });
    await handle.executeUpdate(confirmStatement, {
      args: [{ actor: customerActor('ADJ') }],
    });
    await handle.result();
    await recordHistory(handle, 'period-adjustments-manual-match');
  });

  it('clears the difference an approved adjustment answers: re-matched, it is not found again', async () => {
    // The customer deducted a bank fee we never booked; we book it, a second clerk approves.
    const fee: Line = { id: 'fee', date: '2026-10-02', ref: 'BANKFEE-8', kind: 'OTHER', amount: '-15.00' };
    await seedCustomer(h.db.dataSource, 'CLEAR', [INVOICE], [INVOICE, fee]);
    const { workflowId, period } = await h.periods.openPeriod('CLEAR', '2026-10-01', '2026-10-31');
    await h.waitForStatus(workflowId, PeriodStatus.IN_REVIEW);
    const handle = h.periods.handle(workflowId);
    const [difference] = await openDifferences(period.id);
    expect(difference).toMatchObject({ kind: 'MISSING_IN_OURS' });
    const proposed = await handle.executeUpdate(proposeAdjustment, {
      args: [
        {
          actor: CLERK,
          amount: '-15.00',
          entryDate: '2026-10-31',
          reason: '银行手续费 bank fee',
          differenceId: difference.id,
        },
      ],
    });
    await handle.executeUpdate(completeReview, { args: [{ actor: CLERK }] });
    await h.waitForStatus(workflowId, PeriodStatus.AWAITING_APPROVAL);
    await handle.executeUpdate(approveAdjustment, {
      args: [{ actor: CLERK_2, adjustmentId: proposed.entityId }],
    });

    // Posted, the difference it answers is resolved at once, its tasks done…
    const answered = await h.db.dataSource.getRepository(Difference).findOneByOrFail({ id: difference.id });
    expect(answered.status).toBe(DifferenceStatus.RESOLVED);
    expect(answered.resolution).toContain(`adjustment ${proposed.entityId}`);
    expect(
      await h.db.dataSource
        .getRepository(Task)
        .countBy({ differenceId: difference.id, status: TaskStatus.OPEN }),
    ).toBe(0);
    // …and the re-match keeps the posted entry with the fee line: nothing open, the bridge ties,
    // the statement goes to the customer without a clerk matching anything by hand.
    await h.waitForStatus(workflowId, PeriodStatus.AWAITING_CUSTOMER);
    const state = await handle.query(getPeriodState);
    expect(state.match).toMatchObject({ matchRun: 2, tied: true, unexplained: '0', openDifferences: 0 });
    const [posted] = await h.db.dataSource
      .getRepository(LedgerEntry)
      .findBy({ adjustmentId: proposed.entityId });
    const feeLine = await h.db.dataSource
      .getRepository(StatementLine)
      .findOneByOrFail({ externalId: 'fee', docNo: 'BANKFEE-8' });
    const groups = await h.db.dataSource.getRepository(MatchGroup).find({
      where: { periodId: period.id, matchRun: 2, rule: 'ADJUSTMENT' },
      relations: { members: true },
    });
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ state: MatchGroupState.MANUAL });
    expect(groups[0].residual.toFixed(2)).toBe('0.00');
    expect(groups[0].evidence).toContain(`adjustment ${proposed.entityId}`);
    expect(groups[0].members!.map((m) => m.ledgerEntryId ?? m.statementLineId).sort()).toEqual(
      [posted.id, feeLine.id].sort(),
    );
    expect(
      await h.db.dataSource.getRepository(Difference).countBy({ periodId: period.id, matchRun: 2 }),
    ).toBe(0);

    // A later round (the customer disputes) carries the group again instead of finding the fee anew.
    const invoiceLine = await h.db.dataSource
      .getRepository(StatementLine)
      .findOneByOrFail({ statementId: feeLine.statementId, externalId: 'inv' });
    await handle.executeUpdate(disputeStatement, {
      args: [
        {
          actor: customerActor('CLEAR'),
          lines: [{ side: 'THEIRS', lineId: invoiceLine.id, comment: '发票金额不对 wrong amount' }],
        },
      ],
    });
    await h.waitForStatus(workflowId, PeriodStatus.IN_REVIEW);
    expect(
      await h.db.dataSource
        .getRepository(MatchGroup)
        .countBy({ periodId: period.id, matchRun: 3, rule: 'ADJUSTMENT', state: MatchGroupState.MANUAL }),
    ).toBe(1);
    expect(
      await h.db.dataSource
        .getRepository(Difference)
        .countBy({ periodId: period.id, matchRun: 3, status: DifferenceStatus.OPEN }),
    ).toBe(0);
  });

  it('leaves what a partial adjustment does not cover as an open residual', async () => {
    const fee: Line = { id: 'fee', date: '2026-10-02', ref: 'BANKFEE-9', kind: 'OTHER', amount: '-15.00' };
    await seedCustomer(h.db.dataSource, 'PART', [INVOICE], [INVOICE, fee]);
    const { workflowId, period } = await h.periods.openPeriod('PART', '2026-10-01', '2026-10-31');
    await h.waitForStatus(workflowId, PeriodStatus.IN_REVIEW);
    const handle = h.periods.handle(workflowId);
    const [difference] = await openDifferences(period.id);
    // A difference of another period (or none at all) is not this adjustment's to answer.
    const [elsewhere] = await h.db.dataSource
      .getRepository(Difference)
      .find({ where: { periodId: Not(period.id) }, take: 1 });
    for (const differenceId of [elsewhere.id, '999999999'])
      await expect(
        handle.executeUpdate(proposeAdjustment, {
          args: [{ actor: CLERK, amount: '-10.00', entryDate: '2026-10-31', reason: 'x', differenceId }],
        }),
      ).rejects.toMatchObject({ cause: { type: 'NOT_FOUND' } });
    const proposed = await handle.executeUpdate(proposeAdjustment, {
      args: [
        {
          actor: CLERK,
          amount: '-10.00',
          entryDate: '2026-10-31',
          reason: 'part',
          differenceId: difference.id,
        },
      ],
    });
    await handle.executeUpdate(approveAdjustment, {
      args: [{ actor: CLERK_2, adjustmentId: proposed.entityId }],
    });
    await handle.executeUpdate(completeReview, { args: [{ actor: CLERK }] });
    await h.waitForStatus(workflowId, PeriodStatus.IN_REVIEW);
    const open = await openDifferences(period.id);
    expect(open.map((d) => [d.matchRun, d.kind, d.amount.toFixed(2)])).toEqual([
      [2, 'AMOUNT_MISMATCH', '-5.00'],
    ]);
    expect((await handle.query(getPeriodState)).match).toMatchObject({ tied: true, openDifferences: 1 });
  });

  it('lets only its proposer withdraw a pending adjustment, which then posts nothing', async () => {
    const fee: Line = { id: 'fee', date: '2026-10-02', ref: 'BANKFEE-10', kind: 'OTHER', amount: '-15.00' };
    await seedCustomer(h.db.dataSource, 'WDRW', [INVOICE], [INVOICE, fee]);
    const { workflowId, period } = await h.periods.openPeriod('WDRW', '2026-10-01', '2026-10-31');
    await h.waitForStatus(workflowId, PeriodStatus.IN_REVIEW);
    const handle = h.periods.handle(workflowId);
    const [difference] = await openDifferences(period.id);
    const proposed = await handle.executeUpdate(proposeAdjustment, {
      args: [
        {
          actor: CLERK,
          amount: '-15.00',
          entryDate: '2026-10-31',
          reason: 'fee',
          differenceId: difference.id,
        },
      ],
    });
    await handle.executeUpdate(completeReview, { args: [{ actor: CLERK }] });
    await h.waitForStatus(workflowId, PeriodStatus.AWAITING_APPROVAL);
    const withdraw = (actor: typeof CLERK) =>
      handle.executeUpdate(withdrawAdjustment, {
        args: [{ actor, adjustmentId: proposed.entityId, comment: '金额有误 wrong amount' }],
      });
    await expect(withdraw(CLERK_2)).rejects.toMatchObject({ cause: { type: 'FORBIDDEN' } });
    await expect(withdraw(MANAGER)).rejects.toMatchObject({ cause: { type: 'FORBIDDEN' } });
    const withdrawn = await withdraw(CLERK);
    expect(withdrawn.state.adjustments.find((a) => a.id === proposed.entityId)?.state).toBe('WITHDRAWN');
    await expect(
      h.db.dataSource.getRepository(Adjustment).findOneByOrFail({ id: proposed.entityId }),
    ).resolves.toMatchObject({ status: AdjustmentStatus.WITHDRAWN, postedLedgerEntryId: null });
    expect(
      await h.db.dataSource
        .getRepository(Task)
        .countBy({ adjustmentId: proposed.entityId, status: TaskStatus.OPEN }),
    ).toBe(0);
    // Nothing waits for approval any more: the period re-matches, the fee is open again.
    await h.waitForStatus(workflowId, PeriodStatus.IN_REVIEW);
    await expect(
      handle.executeUpdate(approveAdjustment, {
        args: [{ actor: CLERK_2, adjustmentId: proposed.entityId }],
      }),
    ).rejects.toMatchObject({ cause: { type: 'WRONG_STATE' } });
    await expect(withdraw(CLERK)).rejects.toMatchObject({ cause: { type: 'WRONG_STATE' } });
    expect(
      await h.db.dataSource.getRepository(LedgerEntry).countBy({ adjustmentId: proposed.entityId }),
    ).toBe(0);
    expect((await openDifferences(period.id)).map((d) => d.kind)).toEqual(['MISSING_IN_OURS']);
  });

  it('needs two different managers above the dual-approval threshold', async () => {
    await seedCustomer(
      h.db.dataSource,
      'DUAL',
      [INVOICE],
      [INVOICE, { ...INVOICE, id: 'extra', ref: 'INV-101', amount: '5000.00' }],
    );
    await h.db.dataSource.getRepository(Customer).update(
      { code: 'DUAL' },
      {
        workflowSettings: {
          reminderAfterSeconds: 3600,
          escalateAfterSeconds: 7200,
          managerApprovalThreshold: '100',
          dualApprovalThreshold: '1000',
        },
      },
    );
    const { workflowId } = await h.periods.openPeriod('DUAL', '2026-10-01', '2026-10-31');
    await h.waitForStatus(workflowId, PeriodStatus.IN_REVIEW);
    const handle = h.periods.handle(workflowId);
    const proposed = await handle.executeUpdate(proposeAdjustment, {
      args: [
        { actor: CLERK, amount: '5000.00', entryDate: '2026-10-20', reason: '漏记发票 invoice never booked' },
      ],
    });
    const view = proposed.state.adjustments.find((a) => a.id === proposed.entityId)!;
    expect(view).toMatchObject({ requiredApprovals: 2, requiresManager: true });
    const task = await h.db.dataSource
      .getRepository(Task)
      .findOneByOrFail({ adjustmentId: proposed.entityId, type: TaskType.APPROVE_ADJUSTMENT });
    expect(task.queue).toBe(TaskQueue.MANAGER);

    const approve = (actor: typeof MANAGER | typeof CLERK_2) =>
      handle.executeUpdate(approveAdjustment, { args: [{ actor, adjustmentId: proposed.entityId }] });
    await expect(approve(CLERK_2)).rejects.toMatchObject({ cause: { type: 'FORBIDDEN' } });
    const once = await approve(MANAGER);
    expect(once.state.adjustments.find((a) => a.id === proposed.entityId)).toMatchObject({
      state: 'PROPOSED',
      approvals: [MANAGER.id],
    });
    await expect(approve(MANAGER)).rejects.toMatchObject({ cause: { type: 'MAKER_CHECKER' } });
    expect(
      await h.db.dataSource.getRepository(LedgerEntry).countBy({ adjustmentId: proposed.entityId }),
    ).toBe(0);
    const twice = await approve(MANAGER_2);
    expect(twice.state.adjustments.find((a) => a.id === proposed.entityId)?.state).toBe('POSTED');
    expect(
      await h.db.dataSource.getRepository(LedgerEntry).countBy({ adjustmentId: proposed.entityId }),
    ).toBe(1);
  });

  it('keeps a clerk’s timing explanation and an unmatch across re-matching', async () => {
    const receipt: Line = {
      id: 'rcpt',
      date: '2026-10-31',
      ref: 'RCPT-9',
      kind: 'RECEIPT',
      amount: '-1000.00',
    };
    await seedCustomer(h.db.dataSource, 'KEEP', [INVOICE, receipt], [INVOICE]);
    const { workflowId, period } = await h.periods.openPeriod('KEEP', '2026-10-01', '2026-10-31');
    await h.waitForStatus(workflowId, PeriodStatus.IN_REVIEW);
    const handle = h.periods.handle(workflowId);
    const [inTransit] = await openDifferences(period.id);
    const state = await handle.query(getPeriodState);
    await expect(
      handle.executeUpdate(markTiming, {
        args: [{ actor: CLERK, differenceId: inTransit.id, note: 'x', expectedVersion: state.version - 1 }],
      }),
    ).rejects.toMatchObject({ cause: { type: 'STALE_VERSION' } });
    await handle.executeUpdate(markTiming, {
      args: [
        {
          actor: CLERK,
          differenceId: inTransit.id,
          note: '款项在途 payment in transit',
          expectedVersion: state.version,
        },
      ],
    });
    const [group] = await h.db.dataSource
      .getRepository(MatchGroup)
      .findBy({ periodId: period.id, matchRun: 1, state: MatchGroupState.APPLIED });
    await handle.executeUpdate(unmatch, {
      args: [{ actor: CLERK, groupId: group.id, reason: '金额待核实 verify the amount' }],
    });
    await handle.executeUpdate(completeReview, { args: [{ actor: CLERK }] });
    await h.waitForStatus(workflowId, PeriodStatus.IN_REVIEW);

    const run2 = await h.db.dataSource.getRepository(Difference).findBy({ periodId: period.id, matchRun: 2 });
    const timing = run2.find((d) => d.ourIds.includes(inTransit.ourIds[0]));
    expect(timing).toMatchObject({ status: DifferenceStatus.EXPLAINED });
    expect(timing?.resolution).toContain('payment in transit');
    // The unmatched pair is held: no automatic group, two open differences until matched by hand.
    expect(
      await h.db.dataSource
        .getRepository(MatchGroup)
        .countBy({ periodId: period.id, matchRun: 2, state: MatchGroupState.APPLIED }),
    ).toBe(0);
    expect(
      run2
        .filter((d) => d.status === DifferenceStatus.OPEN)
        .map((d) => d.kind)
        .sort(),
    ).toEqual(['MISSING_IN_OURS', 'MISSING_IN_THEIRS']);
    const bridge = (await handle.query(getPeriodState)).match!;
    expect(bridge).toMatchObject({ tied: true, unexplained: '0', openDifferences: 2 });

    // Matched by hand, unmatched, matched by hand again in the same run: a group of its own each
    // time (the second once failed on the run's unique group key, retried, and answered an internal error).
    const open = run2.filter((d) => d.status === DifferenceStatus.OPEN);
    const held = {
      ledgerEntryIds: open.flatMap((d) => d.ourIds),
      statementLineIds: open.flatMap((d) => d.theirIds),
    };
    expect([held.ledgerEntryIds.length, held.statementLineIds.length]).toEqual([1, 1]);
    const first = await handle.executeUpdate(matchManually, {
      args: [{ actor: CLERK, ...held, note: '核对一致' }],
    });
    await handle.executeUpdate(unmatch, {
      args: [{ actor: CLERK, groupId: first.entityId!, reason: '再看看' }],
    });
    const again = await handle.executeUpdate(matchManually, {
      args: [{ actor: CLERK, ...held, note: '确认一致' }],
    });
    const groups = await h.db.dataSource
      .getRepository(MatchGroup)
      .find({ where: { periodId: period.id, matchRun: 2, rule: 'MANUAL' }, order: { id: 'ASC' } });
    expect(groups.map((g) => [g.id, g.state])).toEqual([
      [first.entityId, MatchGroupState.UNMATCHED],
      [again.entityId, MatchGroupState.MANUAL],
    ]);
    expect(new Set(groups.map((g) => g.groupKey)).size).toBe(2);
  });
});
