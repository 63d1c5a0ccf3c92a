import { PeriodStatus } from '../../contract/enums';
import { ReconciliationPeriod } from '../../entities/reconciliation-period.entity';
import { linkFromOutbox } from '../support/customer-links';
import { CLEAN_LINES, seedCustomer } from '../support/fixtures';
import { codes, startPlatformStack, type PlatformStack } from './platform-stack';

/**
 * Probe (December 2026): a customer's answer longer than where it is stored. The comment of a
 * confirmation (customer_confirmations.comment) and of a disputed line (disputed_lines.comment) are
 * 2,000 characters; a longer one, sent through the customer's own link, was taken by the workflow
 * and then failed in the database at every retry of the activity that records it: the period was
 * wedged on the customer's word. Both are refused up front (BAD_USER_INPUT naming the field); an
 * answer of exactly 2,000 characters goes through, as before.
 */
describe('a customer answer longer than its column is refused up front (probe)', () => {
  let stack: PlatformStack;
  const CONFIRM = 'mutation ($c: String) { confirmStatement(comment: $c) { status } }';
  const DISPUTE = `mutation ($id: ID!, $c: String!) {
    disputeStatement(lines: [{ side: "OURS", lineId: $id, comment: $c }]) { status } }`;

  beforeAll(async () => {
    stack = await startPlatformStack('customer_long_texts');
    await seedCustomer(stack.h.db.dataSource, 'CL1', CLEAN_LINES, CLEAN_LINES);
    await seedCustomer(stack.h.db.dataSource, 'CL2', CLEAN_LINES, CLEAN_LINES);
  });
  afterAll(() => stack?.stop());

  const workflowOf = async (periodId: string) =>
    (await stack.h.db.dataSource.getRepository(ReconciliationPeriod).findOneByOrFail({ id: periodId }))
      .workflowId;

  it('refuses a confirmation comment over 2,000 characters, closes with one of 2,000', async () => {
    const periodId = await stack.openPeriod('CL1', 'AWAITING_CUSTOMER');
    const link = await linkFromOutbox(stack.h.db.dataSource, stack.h.outbox, periodId);
    const tooLong = await stack.call(CONFIRM, { c: '对'.repeat(2001) }, link.authorization);
    expect(codes(tooLong)).toEqual(['BAD_USER_INPUT']);
    expect(tooLong.errors?.[0]?.message).toContain('comment');

    expect(codes(await stack.call(CONFIRM, { c: '对'.repeat(2000) }, link.authorization))).toEqual([]);
    await stack.h.waitForStatus(await workflowOf(periodId), PeriodStatus.CLOSED);
  });

  it('refuses a disputed line’s comment over 2,000 characters, takes one of 2,000', async () => {
    const periodId = await stack.openPeriod('CL2', 'AWAITING_CUSTOMER');
    const link = await linkFromOutbox(stack.h.db.dataSource, stack.h.outbox, periodId);
    const [ours] = (await stack.h.db.dataSource.query(
      `SELECT CAST(e.id AS CHAR) AS id FROM ledger_entries e JOIN customers c ON c.id = e.customer_id
        WHERE c.code = 'CL2' ORDER BY e.id LIMIT 1`,
    )) as Array<{ id: string }>;
    const tooLong = await stack.call(DISPUTE, { id: ours.id, c: '错'.repeat(2001) }, link.authorization);
    expect(codes(tooLong)).toEqual(['BAD_USER_INPUT']);
    expect(tooLong.errors?.[0]?.message).toContain('comment');

    expect(
      codes(await stack.call(DISPUTE, { id: ours.id, c: '错'.repeat(2000) }, link.authorization)),
    ).toEqual([]);
    await stack.h.waitForStatus(await workflowOf(periodId), PeriodStatus.IN_REVIEW);
  });
});
