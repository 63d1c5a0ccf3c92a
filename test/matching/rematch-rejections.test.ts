import { MockActivityEnvironment } from '@temporalio/testing';
import { MatchGroupState } from '../../contract/enums';
import { createExtractPeriod } from '../../activities/extract-period';
import { createMatchPeriod } from '../../activities/match-period';
import { createDecideSuggestion } from '../../activities/review/suggestion-decisions';
import type { ActivityDeps } from '../../activities/activity-deps';
import { MatchGroup } from '../../entities/match-group.entity';
import { ReconciliationPeriod } from '../../entities/reconciliation-period.entity';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { seedCustomer } from '../support/fixtures';

// Issue #18 point 12: the period workflow's re-match remembers a clerk's rejection per pair.
// The activities run against the real database (MockActivityEnvironment gives them their context).
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('rematch_rejections');
});
afterAll(async () => db.drop());

it('a rejected suggestion does not come back when the period is matched again, run after run', async () => {
  const customer = await seedCustomer(
    db.dataSource,
    'RJ1',
    [{ id: 'o1', date: '2026-10-10', ref: 'A-1', kind: 'INVOICE', amount: '500.00' }],
    [
      { id: 't1', date: '2026-10-11', ref: 'X-1', kind: 'INVOICE', amount: '500.00' },
      { id: 't2', date: '2026-10-12', ref: 'Y-1', kind: 'INVOICE', amount: '500.00' },
    ],
  );
  const period = await db.dataSource.getRepository(ReconciliationPeriod).save({
    customerId: customer.id,
    periodStart: '2026-10-01',
    periodEnd: '2026-10-31',
    workflowId: 'recon-RJ1-2026-10',
    currency: 'CNY',
  });
  const deps = { dataSource: db.dataSource } as ActivityDeps;
  const env = new MockActivityEnvironment();
  await env.run(createExtractPeriod(deps), { periodId: period.id });
  const suggestions = async (matchRun: number) =>
    (
      await db.dataSource
        .getRepository(MatchGroup)
        .find({ where: { periodId: period.id, matchRun }, relations: { members: true } })
    ).map((g) => ({
      id: g.id,
      state: g.state,
      theirs: (g.members ?? []).map((m) => m.statementLineId).filter(Boolean),
    }));

  await env.run(createMatchPeriod(deps), { periodId: period.id, matchRun: 1 });
  const [first] = (await suggestions(1)).filter((g) => g.state === MatchGroupState.SUGGESTED);
  expect(first).toBeDefined();
  await env.run(createDecideSuggestion(deps), {
    periodId: period.id,
    groupId: first.id,
    accept: false,
    reason: 'not this payment',
    actor: { id: 'clerk-1', name: 'Clerk', role: 'CLERK', type: 'USER' },
  } as never);

  for (const run of [2, 3]) {
    await env.run(createMatchPeriod(deps), { periodId: period.id, matchRun: run });
    const groups = await suggestions(run);
    // The rejected pairing is kept as REJECTED, and proposed neither as a suggestion nor applied.
    expect(groups.filter((g) => g.state === MatchGroupState.REJECTED).map((g) => g.theirs)).toEqual([
      first.theirs,
    ]);
    const proposed = groups.filter((g) => g.state !== MatchGroupState.REJECTED).map((g) => g.theirs);
    expect(proposed).not.toContainEqual(first.theirs);
  }
});
