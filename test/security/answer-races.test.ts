import { GraphQLError } from 'graphql';
import { toApiError } from '../../api/api-error';
import { PeriodStatus } from '../../contract/enums';
import { linkFromOutbox } from '../support/customer-links';
import { CLEAN_LINES, seedCustomer } from '../support/fixtures';
import { codes, startPlatformStack, type PlatformStack } from './platform-stack';

/**
 * Two answers to one statement at once (#17 probe: "the same decision twice at once, confirm/
 * dispute"). Found on the live demo: a customer's confirm and dispute sent together; the confirm
 * closed the period, and the dispute, whose checks had read the round as waiting, reached a workflow
 * that had completed: HTTP 200 with INTERNAL_SERVER_ERROR, logged without its cause. The loser of
 * such a race is told WRONG_STATE; an internal error's log line carries what went wrong.
 */
describe('answers that race a close (#17 probe)', () => {
  let stack: PlatformStack;

  beforeAll(async () => {
    stack = await startPlatformStack('answer_races');
    for (const code of ['AR1', 'AR2', 'AR3'])
      await seedCustomer(stack.h.db.dataSource, code, CLEAN_LINES, CLEAN_LINES);
  }, 120_000);
  afterAll(() => stack?.stop());

  const CONFIRM = 'mutation { confirmStatement(comment: "agreed") { status } }';
  const DISPUTE = 'mutation { disputeStatement(lines: [{ lineNo: 1, comment: "not ours" }]) { status } }';
  const workflowOf = async (periodId: string) =>
    (
      (await stack.h.db.dataSource.query(
        'SELECT workflow_id AS id FROM reconciliation_periods WHERE id = ?',
        [periodId],
      )) as Array<{ id: string }>
    )[0].id;
  const closed = async (periodId: string) => {
    await stack.h.waitForStatus(await workflowOf(periodId), PeriodStatus.CLOSED);
    await stack.h.periods.handle(await workflowOf(periodId)).result();
  };

  it('an answer that reaches the workflow after it completed is WRONG_STATE (the losing request, frozen)', async () => {
    const periodId = await stack.openPeriod('AR1', PeriodStatus.AWAITING_CUSTOMER);
    const link = await linkFromOutbox(stack.h.db.dataSource, stack.h.outbox, periodId);
    expect(codes(await stack.call(CONFIRM, {}, link.authorization))).toEqual([]);
    await closed(periodId);
    // The rows as a concurrent dispute read them before the confirm committed: the round waiting.
    await stack.h.db.dataSource.query(
      "UPDATE reconciliation_periods SET status = 'AWAITING_CUSTOMER', closed_at = NULL WHERE id = ?",
      [periodId],
    );
    await stack.h.db.dataSource.query(
      "UPDATE customer_confirmations SET status = 'SENT', responded_at = NULL WHERE period_id = ?",
      [periodId],
    );
    for (const query of [DISPUTE, CONFIRM]) {
      const late = await stack.call(query, {}, link.authorization);
      expect([query, codes(late)]).toEqual([query, ['WRONG_STATE']]);
      expect(late.errors![0].message).toMatch(/ended meanwhile/);
    }
  }, 90_000);

  it.each([
    ['AR2', 0],
    ['AR3', 40],
  ])(
    '%s: a dispute and a confirm %i ms apart: one answer is taken, the other WRONG_STATE, and the period agrees',
    async (code, delay) => {
      const periodId = await stack.openPeriod(code, PeriodStatus.AWAITING_CUSTOMER);
      const link = await linkFromOutbox(stack.h.db.dataSource, stack.h.outbox, periodId);
      const dispute = stack.call(DISPUTE, {}, link.authorization);
      await new Promise((resolve) => setTimeout(resolve, delay));
      // Before: with the dispute's answer being written, the confirm closed the period over it; the
      // dispute's request then hung (the workflow waited for it forever).
      const answers = await Promise.all([dispute, stack.call(CONFIRM, {}, link.authorization)]);
      const outcomes = answers.map(codes);
      expect(outcomes.filter((c) => c.length === 0)).toHaveLength(1);
      expect(outcomes.filter((c) => c.length > 0)).toEqual([['WRONG_STATE']]);
      const disputed = outcomes[0].length === 0;
      await stack.h.waitForStatus(
        await workflowOf(periodId),
        disputed ? PeriodStatus.IN_REVIEW : PeriodStatus.CLOSED,
      );
      const [round] = (await stack.h.db.dataSource.query(
        `SELECT c.status, (SELECT COUNT(*) FROM disputed_lines d WHERE d.confirmation_id = c.id) AS n_lines
           FROM customer_confirmations c WHERE c.period_id = ? AND c.round = 1`,
        [periodId],
      )) as Array<{ status: string; n_lines: string }>;
      expect({ status: round.status, lines: Number(round.n_lines) }).toEqual(
        disputed ? { status: 'DISPUTED', lines: 1 } : { status: 'CONFIRMED', lines: 0 },
      );
    },
    90_000,
  );

  it('an internal error keeps its cause for the log (the caller sees none of it)', () => {
    const cause = new Error('ER_LOCK_WAIT_TIMEOUT: Lock wait timeout exceeded');
    const mapped = toApiError(cause);
    expect(mapped).toBeInstanceOf(GraphQLError);
    expect(mapped.extensions.code).toBe('INTERNAL_SERVER_ERROR');
    expect(mapped.message).toBe('internal error');
    expect(mapped.originalError).toBe(cause);
  });
});
