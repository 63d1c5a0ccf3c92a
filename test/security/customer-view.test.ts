import { PeriodStatus } from '../../contract/enums';
import { linkFromOutbox } from '../support/customer-links';
import { CLEAN_LINES, seedCustomer } from '../support/fixtures';
import { codes, startPlatformStack, type PlatformStack } from './platform-stack';

/**
 * #17 point 10: one policy for GraphQL and REST — a link sees its period's statement and its own
 * answer only. #17 point 12 (and #19.9): a dispute names lines of the period's own statement (by
 * number, as printed, or by id); anything else is BAD_USER_INPUT at once, and nothing is stored.
 */
describe('what a customer link sees and disputes (#17.10, #17.12)', () => {
  let stack: PlatformStack;

  beforeAll(async () => {
    stack = await startPlatformStack('custview');
    for (const code of ['CV1', 'CV2', 'CV3'])
      await seedCustomer(stack.h.db.dataSource, code, CLEAN_LINES, CLEAN_LINES);
  }, 120_000);

  afterAll(() => stack?.stop());

  const STATEMENT = `{ customerStatement { customerCode round state openingBalance closingBalance
      closingBalanceInChinese closingBalanceInEnglish
      lines { lineNo date docNo kind amount balance }
      answer { outcome comment disputedLines { lineNo comment theirAmount } } } }`;
  interface Statement {
    customerCode: string;
    round: number;
    state: string;
    openingBalance: string;
    closingBalance: string;
    closingBalanceInChinese: string;
    closingBalanceInEnglish: string;
    lines: Array<{
      lineNo: number;
      date: string;
      docNo: string;
      kind: string;
      amount: string;
      balance: string;
    }>;
    answer: null | {
      outcome: string;
      comment: string | null;
      disputedLines: Array<{ lineNo: number | null; comment: string; theirAmount: string | null }>;
    };
  }
  const disputedRows = async (periodId: string) =>
    (await stack.h.db.dataSource.query(
      `SELECT CAST(d.ledger_entry_id AS CHAR) AS entry, CAST(d.their_amount AS CHAR) AS theirs, d.comment
         FROM disputed_lines d JOIN customer_confirmations c ON c.id = d.confirmation_id WHERE c.period_id = ?
        ORDER BY d.id`,
      [periodId],
    )) as Array<{ entry: string | null; theirs: string | null; comment: string }>;

  it('shows the link its statement as printed, and refuses everything else on either path', async () => {
    const periodId = await stack.openPeriod('CV1', PeriodStatus.AWAITING_CUSTOMER);
    const link = await linkFromOutbox(stack.h.db.dataSource, stack.h.outbox, periodId);
    const seen = await stack.call<{ customerStatement: Statement }>(STATEMENT, {}, link.authorization);
    expect(seen.errors).toBeUndefined();
    const statement = seen.data!.customerStatement;
    expect(statement).toMatchObject({
      customerCode: 'CV1',
      round: 1,
      state: 'AWAITING_ANSWER',
      answer: null,
    });
    expect(statement.lines.map((l) => [l.lineNo, l.docNo, l.amount, l.balance])).toEqual([
      [1, 'INV-001', '1200.5', '1200.5'],
      [2, 'INV-002', '300.25', '1500.75'],
      [3, 'RCPT-001', '-1200.5', '300.25'],
    ]);
    expect(statement.closingBalance).toBe('300.25');
    expect(statement.closingBalanceInChinese).toBe('人民币叁佰元贰角伍分');
    expect(statement.closingBalanceInEnglish).toBe('CNY three hundred and 25/100');
    // The PDF's data (its CSV rendering) prints the same lines and balance.
    const csv = await (
      await fetch(`${stack.api.url}/reports/statement?periodId=${periodId}&format=csv&lang=en`, {
        headers: { authorization: link.authorization },
      })
    ).text();
    for (const line of statement.lines) expect(csv).toContain(line.docNo);
    expect(csv).toMatch(/300\.25/);

    // Nothing of Recon's inside: no Period query, no Period details through the mutations' answer.
    for (const query of [
      `{ period(id: "${periodId}") { status } }`,
      '{ periods { edges { node { id } } } }',
      '{ customers { edges { node { code } } } }',
      'mutation { confirmStatement { id customer { periods { edges { node { id } } } } } }',
      'mutation { confirmStatement { differences { edges { node { explanation } } } } }',
      'mutation { confirmStatement { tasks { edges { node { id } } } closedBy } }',
      '{ customerStatement { round } myTasks { edges { node { id } } } }',
      '{ __schema { types { name } } }',
    ]) {
      expect([query, codes(await stack.call(query, {}, link.authorization))]).toEqual([query, ['FORBIDDEN']]);
    }
    // The refused confirmations ran nothing: the period still waits for the customer.
    const [row] = (await stack.h.db.dataSource.query(
      'SELECT status FROM reconciliation_periods WHERE id = ?',
      [periodId],
    )) as Array<{ status: string }>;
    expect(row.status).toBe(PeriodStatus.AWAITING_CUSTOMER);
    // The same policy on the REST path: the statement and the letter, nothing internal.
    for (const kind of ['differences', 'bridge']) {
      const response = await fetch(`${stack.api.url}/reports/${kind}?periodId=${periodId}&format=csv`, {
        headers: { authorization: link.authorization },
      });
      expect([kind, response.status]).toEqual([kind, 403]);
    }
    // A staff member has no customerStatement: it answers links only.
    expect(codes(await stack.call('{ customerStatement { round } }', {}, stack.staff.ADMIN))).toEqual([
      'FORBIDDEN',
    ]);
  }, 60_000);

  it('refuses lines that are not on the statement at once, and stores nothing', async () => {
    const periodId = await stack.openPeriod('CV2', PeriodStatus.AWAITING_CUSTOMER);
    const link = await linkFromOutbox(stack.h.db.dataSource, stack.h.outbox, periodId);
    const [foreign] = (await stack.h.db.dataSource.query(
      `SELECT CAST(e.id AS CHAR) AS id FROM ledger_entries e JOIN customers c ON c.id = e.customer_id
        WHERE c.code = 'CV1' ORDER BY e.id LIMIT 1`,
    )) as Array<{ id: string }>;
    const dispute = 'mutation ($lines: [DisputedLineInput!]!) { disputeStatement(lines: $lines) { status } }';
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['not a number', { lineId: 'abc', comment: 'x' }, 'lineId'],
      ['SQL in the id', { lineId: '2 OR 1=1', comment: 'x' }, 'lineId'],
      ["another customer's entry", { lineId: foreign.id, comment: 'x' }, 'lineId'],
      [
        'THEIRS without a statement line of this period',
        { side: 'THEIRS', lineId: foreign.id, comment: 'x' },
        'lineId',
      ],
      ['a number past the end', { lineNo: 4, comment: 'x' }, 'lineNo'],
      [
        'as printed, but not printed',
        { printed: { date: '2026-10-03', docNo: 'INV-001', amount: '1200.51' }, comment: 'x' },
        'printed',
      ],
      ['two ways at once', { lineNo: 1, lineId: foreign.id, comment: 'x' }, 'lineId'],
      ['no way at all', { comment: 'x' }, 'lineId'],
      ['no comment', { lineNo: 1, comment: ' ' }, 'comment'],
      ['an unknown side', { side: 'MINE', lineNo: 1, comment: 'x' }, 'side'],
    ];
    for (const [name, line, field] of cases) {
      const started = Date.now();
      const answer = await stack.call(dispute, { lines: [line] }, link.authorization);
      expect([name, codes(answer)]).toEqual([name, ['BAD_USER_INPUT']]);
      const problems = (
        answer.errors?.[0]?.extensions as { problems?: Array<{ index: number; field: string }> }
      )?.problems;
      expect([name, problems?.[0]]).toEqual([name, expect.objectContaining({ index: 0, field })]);
      expect(Date.now() - started).toBeLessThan(5_000);
    }
    expect(
      codes(
        await stack.call(
          dispute,
          {
            lines: [
              { lineNo: 1, comment: 'a' },
              { lineNo: 1, comment: 'b' },
            ],
          },
          link.authorization,
        ),
      ),
    ).toEqual(['BAD_USER_INPUT']);
    expect(await disputedRows(periodId)).toEqual([]);
    const [row] = (await stack.h.db.dataSource.query(
      'SELECT status FROM reconciliation_periods WHERE id = ?',
      [periodId],
    )) as Array<{ status: string }>;
    expect(row.status).toBe(PeriodStatus.AWAITING_CUSTOMER);
  }, 60_000);

  it('takes a dispute naming lines as printed or by number, with the amount in their books', async () => {
    const periodId = await stack.openPeriod('CV3', PeriodStatus.AWAITING_CUSTOMER);
    const link = await linkFromOutbox(stack.h.db.dataSource, stack.h.outbox, periodId);
    const entries = (await stack.h.db.dataSource.query(
      `SELECT CAST(e.id AS CHAR) AS id FROM ledger_entries e JOIN customers c ON c.id = e.customer_id
        WHERE c.code = 'CV3' ORDER BY e.entry_date, e.id`,
    )) as Array<{ id: string }>;
    const answer = await stack.call(
      'mutation ($lines: [DisputedLineInput!]!) { disputeStatement(lines: $lines) { status } }',
      {
        lines: [
          {
            printed: { date: '2026-10-09', docNo: 'INV-002', amount: '300.250' },
            comment: '我方记 300 元',
            theirAmount: '300',
          },
          { lineNo: 3, comment: 'receipt not ours' },
        ],
      },
      link.authorization,
    );
    expect(answer.errors).toBeUndefined();
    expect(await disputedRows(periodId)).toEqual([
      { entry: entries[1].id, theirs: '300.0000', comment: '我方记 300 元' },
      { entry: entries[2].id, theirs: null, comment: 'receipt not ours' },
    ]);
    const seen = await stack.call<{ customerStatement: Statement }>(STATEMENT, {}, link.authorization);
    expect(seen.data?.customerStatement.state).toBe('DISPUTED');
    expect(seen.data?.customerStatement.answer).toEqual({
      outcome: 'DISPUTED',
      comment: null,
      disputedLines: [
        { lineNo: 2, comment: '我方记 300 元', theirAmount: '300' },
        { lineNo: 3, comment: 'receipt not ours', theirAmount: null },
      ],
    });
  }, 60_000);
});
