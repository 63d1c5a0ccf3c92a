import { Difference } from '../../entities/difference.entity';
import { ReconciliationPeriod } from '../../entities/reconciliation-period.entity';
import { CLEAN_LINES, seedCustomer } from '../support/fixtures';
import { codes, startPlatformStack, type PlatformStack } from './platform-stack';

/**
 * Probe (December 2026): texts longer than their column. A close by exception with a 1,001-character
 * reason was accepted (the answer a Period, as a success) and then its closePeriod activity failed
 * on "Data too long for column 'close_reason'" at every retry: the period stayed open, its workflow
 * wedged in a retry loop, and nothing told the manager. Completing a task with an outcome longer
 * than tasks.outcome answered INTERNAL_SERVER_ERROR. Both are refused up front, naming the field,
 * and a text of exactly the limit still goes through.
 */
describe('texts longer than where they are stored are refused up front (probe)', () => {
  let stack: PlatformStack;
  let periodId: string;
  const CLOSE =
    'mutation ($p: ID!, $r: String!) { closePeriodByException(periodId: $p, reason: $r) { status } }';
  const COMPLETE = 'mutation ($id: ID!, $o: String!) { completeTask(id: $id, outcome: $o) { id status } }';

  beforeAll(async () => {
    stack = await startPlatformStack('long_texts');
    await seedCustomer(stack.h.db.dataSource, 'LT1', CLEAN_LINES, CLEAN_LINES.slice(0, 2));
    periodId = await stack.openPeriod('LT1', 'IN_REVIEW');
  });
  afterAll(() => stack?.stop());

  it('refuses a task outcome over 1,000 characters with BAD_USER_INPUT, takes one of 1,000', async () => {
    const claimed = await stack.call<{ claimNextTask: { id: string } }>(
      'mutation { claimNextTask { id } }',
      {},
      stack.staff.CLERK,
    );
    const id = claimed.data!.claimNextTask.id;
    const tooLong = await stack.call(COMPLETE, { id, o: '长'.repeat(1001) }, stack.staff.CLERK);
    expect(codes(tooLong)).toEqual(['BAD_USER_INPUT']);
    expect(tooLong.errors?.[0]?.message).toContain('outcome');
    const done = await stack.call(COMPLETE, { id, o: '长'.repeat(1000) }, stack.staff.CLERK);
    expect(codes(done)).toEqual([]);
  });

  it('refuses a timing note or a question over 750 characters, keeps one of 750 whole (never cut to fit)', async () => {
    const DIFFERENCES = 'query ($p: ID!) { period(id: $p) { differences { edges { node { id } } } } }';
    const listed = await stack.call<{ period: { differences: { edges: Array<{ node: { id: string } }> } } }>(
      DIFFERENCES,
      { p: periodId },
      stack.staff.CLERK,
    );
    const [first] = listed.data!.period.differences.edges.map((edge) => edge.node.id);
    const TIMING =
      'mutation ($p: ID!, $d: ID!, $n: String!) { markTiming(periodId: $p, differenceId: $d, note: $n) { entityId } }';
    const ASK =
      'mutation ($p: ID!, $d: ID!, $q: String!) { askCustomer(periodId: $p, differenceId: $d, question: $q) { entityId } }';
    const tooLong = await stack.call(
      TIMING,
      { p: periodId, d: first, n: '迟'.repeat(751) },
      stack.staff.CLERK,
    );
    expect(codes(tooLong)).toEqual(['BAD_USER_INPUT']);
    expect(tooLong.errors?.[0]?.message).toContain('note');
    const question = await stack.call(ASK, { p: periodId, d: first, q: '问'.repeat(751) }, stack.staff.CLERK);
    expect(codes(question)).toEqual(['BAD_USER_INPUT']);
    expect(question.errors?.[0]?.message).toContain('question');

    expect(
      codes(await stack.call(TIMING, { p: periodId, d: first, n: '迟'.repeat(750) }, stack.staff.CLERK)),
    ).toEqual([]);
    const stored = await stack.h.db.dataSource.getRepository(Difference).findOneByOrFail({ id: first });
    expect(stored.resolution).toBe(`timing (expected to clear): ${'迟'.repeat(750)}`);
  });

  it('refuses a close reason over 1,000 characters before the workflow takes it, closes with one of 1,000', async () => {
    const tooLong = await stack.call(CLOSE, { p: periodId, r: '因'.repeat(1001) }, stack.staff.MANAGER);
    expect(codes(tooLong)).toEqual(['BAD_USER_INPUT']);
    expect(tooLong.errors?.[0]?.message).toContain('reason');
    const period = () =>
      stack.h.db.dataSource.getRepository(ReconciliationPeriod).findOneByOrFail({ id: periodId });
    expect((await period()).status).toBe('IN_REVIEW');

    const closed = await stack.call(CLOSE, { p: periodId, r: '因'.repeat(1000) }, stack.staff.MANAGER);
    expect(codes(closed)).toEqual([]);
    const deadline = Date.now() + 20_000;
    while ((await period()).status !== 'CLOSED' && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await period()).closeReason).toBe('因'.repeat(1000));
  });
});
