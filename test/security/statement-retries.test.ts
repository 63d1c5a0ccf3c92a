import { Customer } from '../../entities/customer.entity';
import { codes, startApiHarness, type ApiHarness } from '../api/api-harness';
import type { GraphQLResponse } from '../support/api-client';

/**
 * `submitStatement`'s sourceRef is the integrator's idempotency key (#17 probe, "retries with the
 * same idempotency key and different body"). Found on the live demo: a different statement under a
 * stored sourceRef answered `created: false` with the old id (the caller believed its statement
 * stored); six concurrent identical retries answered one created and five BAD_USER_INPUT "already
 * has statement … submit with replace", or with `replace: true` five INTERNAL_SERVER_ERROR (the
 * unique key on sourceRef). Now a retry is answered with the stored statement however it races,
 * and another body under the key is refused naming sourceRef and where it differs.
 */
const SUBMIT = `mutation ($input: StatementInput!) {
  submitStatement(input: $input) { created statementId replacedStatementId } }`;

const problemsOf = (response: GraphQLResponse) =>
  (response.errors?.[0]?.extensions as { problems?: Array<{ field: string; reason: string }> } | undefined)
    ?.problems;

type Submitted = {
  submitStatement: { created: boolean; statementId: string; replacedStatementId: string | null };
};

const statement = (sourceRef: string, month: string, amount = '100.00', replace = false) => ({
  customerCode: 'SR1',
  currency: 'CNY',
  periodStart: `${month}-01`,
  periodEnd: `${month}-28`,
  openingBalance: '0',
  closingBalance: amount,
  sourceRef,
  replace,
  lines: [
    { externalId: 'L1', txnDate: `${month}-05`, docNo: 'INV-1', kind: 'INVOICE', amount, currency: 'CNY' },
  ],
});

describe('statement retries under one sourceRef (#17 probe)', () => {
  let h: ApiHarness;
  const statementCount = async () => {
    const [row] = (await h.db.dataSource.query('SELECT COUNT(*) AS n FROM customer_statements')) as Array<{
      n: string;
    }>;
    return Number(row.n);
  };

  beforeAll(async () => {
    h = await startApiHarness('sec_statement_retries');
    await h.db.dataSource.getRepository(Customer).save({ code: 'SR1', name: '重试客户', currency: 'CNY' });
  });
  afterAll(() => h?.stop());

  it('answers a retry with the stored statement, and refuses another body under the same sourceRef', async () => {
    const first = await h.call<Submitted>(SUBMIT, { input: statement('erp-1', '2026-02') }, h.bearer.CLERK);
    expect(codes(first)).toEqual([]);
    const stored = first.data!.submitStatement.statementId;
    // The same statement again (amounts written another way are the same amounts).
    const retry = await h.call<Submitted>(
      SUBMIT,
      { input: statement('erp-1', '2026-02', '100') },
      h.bearer.CLERK,
    );
    expect(retry.data?.submitStatement).toEqual({
      created: false,
      statementId: stored,
      replacedStatementId: null,
    });

    const before = await statementCount();
    const other = await h.call(SUBMIT, { input: statement('erp-1', '2026-02', '999.00') }, h.bearer.CLERK);
    expect(codes(other)).toEqual(['BAD_USER_INPUT']);
    const problems = problemsOf(other) ?? [];
    expect(problems.map((p) => p.field)).toEqual(['sourceRef']);
    expect(problems[0].reason).toContain(`statement ${stored}`);
    expect(problems[0].reason).toContain('closingBalance');
    const moved = await h.call(
      SUBMIT,
      { input: { ...statement('erp-1', '2026-02'), periodEnd: '2026-02-27' } },
      h.bearer.CLERK,
    );
    expect(problemsOf(moved)).toEqual([
      expect.objectContaining({ field: 'sourceRef', reason: expect.stringContaining('periodEnd') }),
    ]);
    expect(await statementCount()).toBe(before);
  });

  it.each([
    ['a new range', '2026-03', false],
    ['replacing the statement of a range', '2026-04', true],
  ])(
    'six concurrent identical retries, %s: one created, five answered with it',
    async (_, month, replace) => {
      if (replace) {
        const earlier = await h.call(
          SUBMIT,
          { input: statement(`first-${month}`, month, '50') },
          h.bearer.CLERK,
        );
        expect(codes(earlier)).toEqual([]);
      }
      const input = statement(`retry-${month}`, month, '100.00', replace);
      const answers = await Promise.all(
        Array.from({ length: 6 }, () => h.call<Submitted>(SUBMIT, { input }, h.bearer.CLERK)),
      );
      expect(answers.flatMap(codes)).toEqual([]);
      const results = answers.map((answer) => answer.data!.submitStatement);
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.statementId)).size).toBe(1);
      const [row] = (await h.db.dataSource.query(
        'SELECT COUNT(*) AS n FROM customer_statements WHERE source_ref = ?',
        [`retry-${month}`],
      )) as Array<{ n: string }>;
      expect(Number(row.n)).toBe(1);
    },
  );
});
