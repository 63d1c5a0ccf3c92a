import { MockActivityEnvironment } from '@temporalio/testing';
import { MysqlQueryRunner } from 'typeorm/driver/mysql/MysqlQueryRunner';
import type { ActivityDeps } from '../../activities/activity-deps';
import { createExtractAndMatch } from '../../activities/extract-and-match';
import { createExtractPeriod } from '../../activities/extract-period';
import { createMatchPeriod } from '../../activities/match-period';
import { ReconciliationPeriod } from '../../entities/reconciliation-period.entity';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { CLEAN_LINES, seedCustomer, type Line } from '../support/fixtures';

// #20 soak: every period the monthly fan-out opens is extracted and (when small) matched in one
// transaction; matching now starts from the period, customer and scope extraction read.
describe('extractAndMatch', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('extract_and_match');
  });
  afterAll(async () => db?.drop());

  const open = async (code: string, ours: Line[], theirs: Line[]) => {
    const customer = await seedCustomer(db.dataSource, code, ours, theirs);
    const period = await db.dataSource.getRepository(ReconciliationPeriod).save({
      customerId: customer.id,
      periodStart: '2026-10-01',
      periodEnd: '2026-10-31',
      workflowId: `recon-${code}-2026-10`,
      currency: 'CNY',
    });
    return period.id;
  };
  const deps = () => ({ dataSource: db.dataSource }) as ActivityDeps;
  /** The SQL TypeORM sends while `run` runs (every statement goes through the query runner). */
  const recording = async <T>(run: () => Promise<T>): Promise<{ result: T; statements: string[] }> => {
    const statements: string[] = [];
    const original = MysqlQueryRunner.prototype.query;
    const spy = jest.spyOn(MysqlQueryRunner.prototype, 'query').mockImplementation(function (
      this: MysqlQueryRunner,
      ...args: Parameters<MysqlQueryRunner['query']>
    ) {
      statements.push(args[0]);
      return original.apply(this, args);
    });
    try {
      return { result: await run(), statements };
    } finally {
      spy.mockRestore();
    }
  };
  const withFee: Line[] = [
    ...CLEAN_LINES,
    { id: 'f1', date: '2026-10-25', ref: 'FEE-1', kind: 'OTHER', amount: '-15.00' },
  ];

  it('reads the period and its scope once for both halves, and matches as the two steps do', async () => {
    const cases = [
      { ours: CLEAN_LINES, theirs: CLEAN_LINES },
      { ours: CLEAN_LINES, theirs: withFee },
    ];
    for (const [i, { ours, theirs }] of cases.entries()) {
      const together = await open(`EM${i}A`, ours, theirs);
      const apart = await open(`EM${i}B`, ours, theirs);
      const { result, statements } = await recording(
        () =>
          new MockActivityEnvironment().run(createExtractAndMatch(deps()), {
            periodId: together,
            matchRun: 1,
          }) as ReturnType<ReturnType<typeof createExtractAndMatch>>,
      );
      const periodReads = statements.filter((sql) =>
        /FROM reconciliation_periods p JOIN customers/.test(sql),
      );
      const scopeReads = statements.filter((sql) => /SELECT period_end, closed_at/.test(sql));
      expect(periodReads).toHaveLength(1);
      expect(scopeReads).toHaveLength(1);

      const env = new MockActivityEnvironment();
      const extracted = await (env.run(createExtractPeriod(deps()), { periodId: apart }) as ReturnType<
        ReturnType<typeof createExtractPeriod>
      >);
      const matched = await env.run(createMatchPeriod(deps()), { periodId: apart, matchRun: 1 });
      // The statements differ (one per customer); all else is the same.
      expect({ ...result.extracted, statementId: null }).toEqual({ ...extracted, statementId: null });
      expect(result.extracted.statementId).not.toBeNull();
      expect(result.match).toEqual(matched);

      // The rows both ways wrote are the same too: balances, bridge and statistics.
      const row = (id: string) =>
        db.dataSource.query(
          `SELECT status, match_run, bridge_tied, CAST(our_opening_balance AS CHAR) AS oo,
                  CAST(our_closing_balance AS CHAR) AS oc, CAST(their_closing_balance AS CHAR) AS tc,
                  CAST(unexplained_amount AS CHAR) AS ua, bridge, match_stats
             FROM reconciliation_periods WHERE id = ?`,
          [id],
        );
      expect(await row(together)).toEqual(await row(apart));
    }
  });
});
