import { Customer } from '../../entities/customer.entity';
import { codes, startApiHarness, type ApiHarness } from '../api/api-harness';

/**
 * #17 point 19: a closed period is never rewritten. A statement for its range (submitted or
 * uploaded) is refused with a typed error naming the period; a ledger entry dated in it is a late
 * entry (DOMAIN.md: "later changes go to the next period"): accepted, counted in the next open
 * period, and the answer says so.
 */
const SUBMIT = `mutation ($input: StatementInput!) {
  submitStatement(input: $input) { statementId created } }`;
const UPSERT = `mutation ($entries: [LedgerEntryInput!]!) {
  upsertLedgerEntries(entries: $entries) {
    created unchanged items { index outcome id }
    warnings { index externalId code closedPeriodId countedInPeriodId message } } }`;

type Upserted = {
  upsertLedgerEntries: {
    created: number;
    unchanged: number;
    items: Array<{ outcome: string; id: string }>;
    warnings: Array<{
      index: number;
      externalId: string;
      code: string;
      closedPeriodId: string;
      countedInPeriodId: string | null;
      message: string;
    }>;
  };
};

const statement = (periodStart: string, periodEnd: string, sourceRef: string) => ({
  customerCode: 'Z1',
  periodStart,
  periodEnd,
  currency: 'CNY',
  openingBalance: '0',
  closingBalance: '10.00',
  sourceRef,
  lines: [
    {
      externalId: 'L1',
      txnDate: periodStart,
      docNo: 'INV-1',
      kind: 'INVOICE',
      amount: '10.00',
      currency: 'CNY',
    },
  ],
});

const entry = (externalId: string, entryDate: string, customerCode = 'Z1') => ({
  customerCode,
  source: 'erp',
  externalId,
  entryDate,
  kind: 'INVOICE',
  amount: '12.50',
  currency: 'CNY',
});

describe('writes into a closed period (#17.19)', () => {
  let h: ApiHarness;
  let closedId: string;
  let novemberId: string;
  const count = async (table: string) =>
    Number(
      ((await h.db.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`)) as Array<{ n: string }>)[0].n,
    );

  beforeAll(async () => {
    h = await startApiHarness('closed-periods', { uploads: true });
    const [z1, z2] = await h.db.dataSource.getRepository(Customer).save([
      { code: 'Z1', name: '客户 Z1', currency: 'CNY' },
      { code: 'Z2', name: '客户 Z2', currency: 'CNY' },
    ]);
    // An entry booked in September before the period closed: it belongs to September.
    const before = await h.call<Upserted>(
      UPSERT,
      { entries: [entry('on-time', '2026-09-20')] },
      h.bearer.ADMIN,
    );
    expect(before.data!.upsertLedgerEntries.warnings).toEqual([]);
    const insert = async (customerId: string, month: string, status: string, closed: boolean) => {
      const [start, end] = [
        `2026-${month}-01`,
        `2026-${month}-${month === '09' || month === '11' ? 30 : 31}`,
      ];
      const result = (await h.db.dataSource.query(
        `INSERT INTO reconciliation_periods (customer_id, period_start, period_end, workflow_id, status, currency, closed_at)
         VALUES (?, ?, ?, ?, ?, 'CNY', ${closed ? 'NOW(3)' : 'NULL'})`,
        [customerId, start, end, `recon-${customerId}-2026-${month}`, status],
      )) as { insertId: number };
      return String(result.insertId);
    };
    closedId = await insert(z1.id, '09', 'CLOSED', true);
    await insert(z1.id, '10', 'CLOSED', true);
    novemberId = await insert(z1.id, '11', 'IN_REVIEW', false);
    await insert(z2.id, '09', 'IN_REVIEW', false);
  });

  afterAll(() => h?.stop());

  it('submitStatement for a closed period, or a range that meets one, is WRONG_STATE naming the period', async () => {
    const statements = await count('customer_statements');
    for (const [start, end] of [
      ['2026-09-01', '2026-09-30'],
      ['2026-09-15', '2026-10-15'],
    ]) {
      const answer = await h.call(SUBMIT, { input: statement(start, end, `ref-${start}`) }, h.bearer.CLERK);
      expect(codes(answer)).toEqual(['WRONG_STATE']);
      expect(answer.errors![0].message).toContain(`period ${closedId} (recon-`);
      expect(answer.errors![0].message).toContain('is closed');
    }
    expect(await count('customer_statements')).toBe(statements);
    // The open month still takes its statement.
    const november = await h.call(
      SUBMIT,
      { input: statement('2026-11-01', '2026-11-30', 'ref-nov') },
      h.bearer.CLERK,
    );
    expect(codes(november)).toEqual([]);
  });

  it('an upload into a closed period is refused (422, PERIOD_CLOSED naming the period), nothing stored', async () => {
    const statements = await count('customer_statements');
    const form = new FormData();
    form.append('customerCode', 'Z1');
    form.append(
      'template',
      JSON.stringify({ columns: { date: '日期', docNo: '单号' }, amount: { column: '金额' } }),
    );
    form.append('periodStart', '2026-09-16');
    form.append('periodEnd', '2026-10-15');
    form.append('file', new Blob(['日期,单号,金额\n2026-09-20,INV-9,10.00\n']), 'late.csv');
    const response = await fetch(`${h.api.url}/imports/statements`, {
      method: 'POST',
      body: form,
      headers: { authorization: h.bearer.CLERK },
    });
    const body = (await response.json()) as {
      status: string;
      issues: Array<{ code: string; message: string }>;
    };
    expect(response.status).toBe(422);
    expect(body.issues.map((issue) => issue.code)).toEqual(['PERIOD_CLOSED']);
    expect(body.issues[0].message).toContain(`period ${closedId} (recon-`);
    expect(await count('customer_statements')).toBe(statements);
  });

  it('a ledger entry dated in a closed period is accepted into the next open period, with a warning', async () => {
    const entries = [
      entry('late-1', '2026-09-25'),
      entry('current', '2026-11-02'),
      entry('on-time', '2026-09-20'),
      entry('other-customer', '2026-09-25', 'Z2'),
    ];
    const first = await h.call<Upserted>(UPSERT, { entries }, h.bearer.ADMIN);
    expect(codes(first)).toEqual([]);
    const result = first.data!.upsertLedgerEntries;
    expect(result.items.map((item) => item.outcome)).toEqual(['CREATED', 'CREATED', 'UNCHANGED', 'CREATED']);
    expect(result.warnings).toEqual([
      {
        index: 0,
        externalId: 'late-1',
        code: 'LATE_ENTRY',
        closedPeriodId: closedId,
        countedInPeriodId: novemberId,
        message: expect.stringContaining(`period ${novemberId} (recon-`) as unknown as string,
      },
    ]);
    expect(result.warnings[0].message).toContain(`period ${closedId} (recon-`);
    // A retry answers the same.
    const again = await h.call<Upserted>(UPSERT, { entries }, h.bearer.ADMIN);
    expect(again.data!.upsertLedgerEntries.unchanged).toBe(4);
    expect(again.data!.upsertLedgerEntries.warnings).toEqual(result.warnings);
  });
});
