import { signCustomerLink } from '../../auth/customer-link';
import { PeriodStatus, UserRole } from '../../contract/enums';
import { linkFromOutbox } from '../support/customer-links';
import { CLEAN_LINES, seedCustomer } from '../support/fixtures';
import { codes, startPlatformStack, type PlatformStack } from './platform-stack';

/**
 * #17 points 1 and 2: a customer's confirmation link is a credential. Only sending a statement makes
 * one (stored as a hash); reports never mint one; a link answers its own round, once, while that
 * round awaits the customer, and a newer round revokes it.
 */
describe('customer links (#17.1, #17.2)', () => {
  let stack: PlatformStack;

  beforeAll(async () => {
    stack = await startPlatformStack('links');
    for (const code of ['LK1', 'LK2', 'LK3'])
      await seedCustomer(stack.h.db.dataSource, code, CLEAN_LINES, CLEAN_LINES);
  }, 120_000);

  afterAll(() => stack?.stop());

  const periodOf = async (code: string) => stack.openPeriod(code, PeriodStatus.AWAITING_CUSTOMER);
  const report = async (kind: string, periodId: string, authorization: string) => {
    const response = await fetch(`${stack.api.url}/reports/${kind}?periodId=${periodId}&format=csv&lang=en`, {
      headers: { authorization },
    });
    return { status: response.status, text: await response.text() };
  };
  const linkProblem = (response: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
    (response.errors?.[0]?.extensions?.problems as Array<{ field: string; reason: string }> | undefined)?.[0];
  const statusOf = async (periodId: string) =>
    (
      (await stack.h.db.dataSource.query('SELECT status FROM reconciliation_periods WHERE id = ?', [
        periodId,
      ])) as Array<{ status: string }>
    )[0].status;

  it('mints no link in reports: staff see "sent on", a link is only what the e-mail carried', async () => {
    const periodId = await periodOf('LK1');
    const link = await linkFromOutbox(stack.h.db.dataSource, stack.h.outbox, periodId);
    const today = new Date().toISOString().slice(0, 10);
    for (const authorization of [
      stack.staff[UserRole.AUDITOR],
      stack.staff[UserRole.MANAGER],
      link.authorization,
    ]) {
      for (const kind of ['statement', 'confirmation']) {
        const { status, text } = await report(kind, periodId, authorization);
        expect(status).toBe(200);
        expect(text).not.toMatch(/confirm\?token=|token=/);
        expect(text).toContain('Sent to the customer on');
        expect(text).toContain(today);
      }
    }
    // What the reports used to hand out: correctly signed, for the right round, but never sent.
    const minted = signCustomerLink(stack.h.linkSecret, {
      periodId,
      customerCode: 'LK1',
      round: 1,
      // Not the harness's one-hour lifetime: minted in the same second as the sent link, that would be
      // the very token the e-mail carried.
      exp: Math.floor(Date.now() / 1000) + 2 * 3600,
    });
    const refused = await stack.call('{ me { kind } }', {}, `Customer ${minted}`);
    expect(codes(refused)).toEqual(['UNAUTHENTICATED']);
    expect(linkProblem(refused)).toEqual(expect.objectContaining({ field: 'link', reason: 'LINK_REVOKED' }));
    const confirm = await stack.call('mutation { confirmStatement { status } }', {}, `Customer ${minted}`);
    expect(codes(confirm)).toEqual(['UNAUTHENTICATED']);
    expect(await statusOf(periodId)).toBe(PeriodStatus.AWAITING_CUSTOMER);

    // A forged signature and an expired link say so, so the customer's page can say what to do.
    const [body] = link.token.split('.');
    const forged = await stack.call('{ me { kind } }', {}, `Customer ${body}.${'A'.repeat(43)}`);
    expect(linkProblem(forged)?.reason).toBe('LINK_BAD_SIGNATURE');
    const expired = signCustomerLink(stack.h.linkSecret, { periodId, customerCode: 'LK1', round: 1, exp: 1 });
    expect(linkProblem(await stack.call('{ me { kind } }', {}, `Customer ${expired}`))?.reason).toBe(
      'LINK_EXPIRED',
    );

    // The e-mailed link works, and its answer is the customer's in the audit trail.
    const me = await stack.call<{ me: { kind: string } }>('{ me { kind } }', {}, link.authorization);
    expect(me.data?.me.kind).toBe('customer');
    const confirmed = await stack.call(
      'mutation { confirmStatement(comment: "ok") { id } }',
      {},
      link.authorization,
    );
    expect(confirmed.errors).toBeUndefined();
    const [audit] = (await stack.h.db.dataSource.query(
      "SELECT actor_type AS type, actor_id AS id FROM audit_events WHERE period_id = ? AND action = 'statement.confirmed'",
      [periodId],
    )) as Array<{ type: string; id: string }>;
    expect(audit).toEqual({ type: 'CUSTOMER', id: 'customer:LK1' });
  }, 60_000);

  it('answers only its own round, once, while that round awaits the customer; a new round revokes it', async () => {
    const periodId = await periodOf('LK2');
    const [workflow] = (await stack.h.db.dataSource.query(
      'SELECT workflow_id AS id FROM reconciliation_periods WHERE id = ?',
      [periodId],
    )) as Array<{ id: string }>;
    const [ours] = (await stack.h.db.dataSource.query(
      `SELECT CAST(e.id AS CHAR) AS id FROM ledger_entries e JOIN customers c ON c.id = e.customer_id
        WHERE c.code = 'LK2' ORDER BY e.id LIMIT 1`,
    )) as Array<{ id: string }>;
    const round1 = await linkFromOutbox(stack.h.db.dataSource, stack.h.outbox, periodId, 1);
    const dispute = `mutation ($id: ID!) { disputeStatement(lines: [{ side: "OURS", lineId: $id, comment: "not ours" }]) { id } }`;
    expect((await stack.call(dispute, { id: ours.id }, round1.authorization)).errors).toBeUndefined();
    await stack.h.waitForStatus(workflow.id, PeriodStatus.IN_REVIEW);

    // Used once: neither a second dispute nor a confirmation goes through it.
    expect(codes(await stack.call('mutation { confirmStatement { id } }', {}, round1.authorization))).toEqual(
      ['WRONG_STATE'],
    );
    expect(codes(await stack.call(dispute, { id: ours.id }, round1.authorization))).toEqual(['WRONG_STATE']);

    // The clerk finishes the review; round 2 goes out with a new link, and round 1's is revoked.
    const reviewed = await stack.call(
      'mutation ($id: ID!) { completeReview(periodId: $id) { id } }',
      { id: periodId },
      stack.staff[UserRole.CLERK],
    );
    expect(reviewed.errors).toBeUndefined();
    await stack.h.waitForStatus(workflow.id, PeriodStatus.AWAITING_CUSTOMER);
    const round2 = await linkFromOutbox(stack.h.db.dataSource, stack.h.outbox, periodId, 2);
    expect(round2.token).not.toBe(round1.token);
    const stale = await stack.call('mutation { confirmStatement { id } }', {}, round1.authorization);
    expect(codes(stale)).toEqual(['UNAUTHENTICATED']);
    expect(linkProblem(stale)?.reason).toBe('LINK_REVOKED');
    expect(await statusOf(periodId)).toBe(PeriodStatus.AWAITING_CUSTOMER);

    expect(
      (await stack.call('mutation { confirmStatement { id } }', {}, round2.authorization)).errors,
    ).toBeUndefined();
    await stack.h.waitForStatus(workflow.id, PeriodStatus.CLOSED);
    expect(codes(await stack.call('mutation { confirmStatement { id } }', {}, round2.authorization))).toEqual(
      ['WRONG_STATE'],
    );
  }, 90_000);

  it("lets a manager record the customer's answer only in their own name", async () => {
    const periodId = await periodOf('LK3');
    const link = await linkFromOutbox(stack.h.db.dataSource, stack.h.outbox, periodId);
    const record =
      'mutation ($id: ID!, $comment: String!) { recordCustomerAnswer(periodId: $id, confirmed: true, comment: $comment) { status } }';
    expect(
      codes(await stack.call(record, { id: periodId, comment: 'by phone' }, stack.staff[UserRole.CLERK])),
    ).toEqual(['FORBIDDEN']);
    expect(
      codes(await stack.call(record, { id: periodId, comment: ' ' }, stack.staff[UserRole.MANAGER])),
    ).toEqual(['BAD_USER_INPUT']);
    const recorded = await stack.call(
      record,
      { id: periodId, comment: '客户电话确认 confirmed by phone' },
      stack.staff[UserRole.MANAGER],
    );
    expect(recorded.errors).toBeUndefined();
    const [audit] = (await stack.h.db.dataSource.query(
      "SELECT actor_type AS type, actor_id AS id FROM audit_events WHERE period_id = ? AND action = 'statement.confirmed'",
      [periodId],
    )) as Array<{ type: string; id: string }>;
    expect(audit.type).toBe('USER');
    expect(audit.id).toMatch(/^user:\d+$/);
    // The round is answered: the customer's link shows the answer and takes no second one.
    expect(codes(await stack.call('mutation { confirmStatement { id } }', {}, link.authorization))).toEqual([
      'WRONG_STATE',
    ]);
  }, 60_000);
});
