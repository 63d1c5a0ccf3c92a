import { Customer } from '../../entities/customer.entity';
import { MatchGroupState, MatchSide, PeriodStatus } from '../../contract/enums';
import { LedgerEntry } from '../../entities/ledger-entry.entity';
import { MatchGroup } from '../../entities/match-group.entity';
import { ReconciliationPeriod } from '../../entities/reconciliation-period.entity';
import { StatementLine } from '../../entities/statement-line.entity';
import { codes, startApiHarness, type ApiHarness } from './api-harness';

const UPSERT = `mutation ($entries: [LedgerEntryInput!]!) {
  upsertLedgerEntries(entries: $entries) { created unchanged items { index externalId outcome id } } }`;
const LEDGER = `query ($c: String!, $f: LedgerFilter, $first: Int, $after: String) {
  ledgerEntries(customerCode: $c, filter: $f, first: $first, after: $after) {
    edges { cursor node { id externalId entryDate docNo reference description kind amount state } }
    pageInfo { hasNextPage endCursor }
    totals { count net debits credits } } }`;

type Upserted = {
  upsertLedgerEntries: {
    created: number;
    unchanged: number;
    items: Array<{ index: number; externalId: string; outcome: string; id: string }>;
  };
};
type Ledger = {
  ledgerEntries: {
    edges: Array<{ cursor: string; node: Record<string, string> }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    totals: { count: number; net: string; debits: string; credits: string };
  };
};
type Problem = { index: number; field: string; reason: string };

const entry = (
  id: string,
  date: string,
  kind: string,
  amount: string,
  extra: Record<string, string> = {},
) => ({
  customerCode: 'L1',
  source: 'erp',
  externalId: id,
  entryDate: date,
  docNo: `DOC-${id}`,
  reference: `REF-${id}`,
  kind,
  amount,
  currency: 'CNY',
  ...extra,
});

const BATCH = [
  entry('e1', '2026-10-01', 'OPENING', '1000.00'),
  entry('e2', '2026-10-03', 'INVOICE', '0.10'),
  entry('e3', '2026-10-05', 'INVOICE', '0.20'),
  entry('e4', '2026-10-07', 'RECEIPT', '-500.0001'),
  entry('e5', '2026-10-09', 'CREDIT_NOTE', '-99999999999.9999'),
  entry('e6', '2026-10-11', 'INVOICE', '99999999999.9999', { reference: '100%_off' }),
];

describe('the ledger over GraphQL (账目查询 and idempotent upsert)', () => {
  let h: ApiHarness;
  let key: string;

  beforeAll(async () => {
    h = await startApiHarness('ledger');
    await h.db.dataSource.getRepository(Customer).save([
      { code: 'L1', name: '客户 L1', currency: 'CNY' },
      { code: 'L2', name: '客户 L2', currency: 'CNY' },
    ]);
    const created = await h.call<{ createApiKey: { key: string } }>(
      'mutation { createApiKey(name: "erp-sync", scopes: ["ledger:write"]) { key } }',
      {},
      h.bearer.ADMIN,
    );
    key = `Bearer ${created.data!.createApiKey.key}`;
  });

  afterAll(() => h?.stop());

  const rows = () => h.db.dataSource.getRepository(LedgerEntry).count();

  it('loads a batch once: re-sending it reports every item UNCHANGED and writes nothing', async () => {
    const first = await h.call<Upserted>(UPSERT, { entries: BATCH }, key);
    expect(first.errors).toBeUndefined();
    expect(first.data!.upsertLedgerEntries).toMatchObject({ created: 6, unchanged: 0 });
    expect(first.data!.upsertLedgerEntries.items.map((i) => [i.index, i.externalId, i.outcome])).toEqual(
      BATCH.map((e, i) => [i, e.externalId, 'CREATED']),
    );
    const audit = await h.auditCount();
    const again = await h.call<Upserted>(UPSERT, { entries: BATCH }, key);
    expect(again.data!.upsertLedgerEntries).toMatchObject({ created: 0, unchanged: 6 });
    expect(again.data!.upsertLedgerEntries.items.map((i) => i.id)).toEqual(
      first.data!.upsertLedgerEntries.items.map((i) => i.id),
    );
    expect(await rows()).toBe(6);
    expect(await h.auditCount()).toBe(audit);
  });

  it('refuses a batch with a bad item, naming its index and field, and writes none of it', async () => {
    const before = [await rows(), await h.auditCount()];
    const bad = await h.call(
      UPSERT,
      {
        entries: [
          entry('n1', '2026-10-12', 'INVOICE', '1.00'),
          entry('n2', '2026-02-30', 'INVOICE', '1.00001'),
          entry('n3', '2026-10-12', 'BRIBE', '1.00', { customerCode: 'L1' }),
        ],
      },
      key,
    );
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    const problems = (bad.errors![0].extensions as { problems: Problem[] }).problems;
    expect(problems.map((p) => [p.index, p.field])).toEqual([
      [1, 'entryDate'],
      [1, 'amount'],
      [2, 'kind'],
    ]);
    const conflict = await h.call(
      UPSERT,
      { entries: [entry('n4', '2026-10-12', 'INVOICE', '1.00'), { ...BATCH[1], amount: '0.11' }] },
      key,
    );
    expect((conflict.errors![0].extensions as { problems: Problem[] }).problems).toEqual([
      { index: 1, field: 'externalId', reason: 'already loaded with different content' },
    ]);
    const unknown = await h.call(
      UPSERT,
      { entries: [entry('n5', '2026-10-12', 'INVOICE', '1', { customerCode: 'NOPE' })] },
      key,
    );
    expect((unknown.errors![0].extensions as { problems: Problem[] }).problems[0]).toMatchObject({
      index: 0,
      field: 'customerCode',
    });
    expect([await rows(), await h.auditCount()]).toEqual(before);
    expect(codes(await h.call(UPSERT, { entries: [] }, key))).toEqual(['BAD_USER_INPUT']);
  });

  it('stores injection attempts as plain data', async () => {
    const nasty = ["x'); DROP TABLE ledger_entries; --", '<script>alert(1)</script>', "\\' OR 1=1 -- 发票"];
    const sent = await h.call<Upserted>(
      UPSERT,
      {
        entries: nasty.map((text, i) =>
          entry(`inj${i}`, '2026-09-15', 'OTHER', '0', {
            customerCode: 'L2',
            docNo: text,
            description: text,
            reference: text,
          }),
        ),
      },
      key,
    );
    expect(sent.errors).toBeUndefined();
    const back = await h.call<Ledger>(LEDGER, { c: 'L2' }, h.bearer.AUDITOR);
    expect(back.data!.ledgerEntries.edges.map((e) => e.node.description)).toEqual(nasty);
    const found = await h.call<Ledger>(LEDGER, { c: 'L2', f: { docNo: nasty[0] } }, h.bearer.CLERK);
    expect(found.data!.ledgerEntries.edges).toHaveLength(1);
    expect(await rows()).toBe(9);
  });

  it('filters by date, kind, document, reference, text and amount, with exact totals over all pages', async () => {
    const all = await h.call<Ledger>(LEDGER, { c: 'L1', first: 2 }, h.bearer.CLERK);
    expect(all.data!.ledgerEntries.edges).toHaveLength(2);
    expect(all.data!.ledgerEntries.totals).toEqual({
      count: 6,
      net: '500.2999',
      debits: '100000001000.2999',
      credits: '-100000000500',
    });
    const query = async (f: Record<string, unknown>) => {
      const res = await h.call<Ledger>(LEDGER, { c: 'L1', f }, h.bearer.CLERK);
      expect(res.errors).toBeUndefined();
      return res.data!.ledgerEntries;
    };
    const invoices = await query({ kinds: ['INVOICE'], from: '2026-10-02', to: '2026-10-10' });
    expect(invoices.edges.map((e) => e.node.externalId)).toEqual(['e2', 'e3']);
    expect(invoices.totals.net).toBe('0.3'); // 0.1 + 0.2, exactly
    expect((await query({ docNo: 'DOC-e4' })).edges.map((e) => e.node.amount)).toEqual(['-500.0001']);
    expect((await query({ reference: 'REF-e2' })).edges.map((e) => e.node.externalId)).toEqual(['e2']);
    // % and _ are literal characters in a search, not wildcards.
    expect((await query({ search: '%_' })).edges.map((e) => e.node.externalId)).toEqual(['e6']);
    expect((await query({ search: 'e' })).totals.count).toBe(6);
    const big = await query({ minAmount: '99999999999.9998' });
    expect(big.edges.map((e) => e.node.externalId)).toEqual(['e6']); // compared as DECIMAL, not a double
    expect(
      (await query({ minAmount: '-500.0001', maxAmount: '0.10' })).edges.map((e) => e.node.externalId),
    ).toEqual(['e2', 'e4']);
  });

  it('tells matched from open entries by the latest match run of their period', async () => {
    const ds = h.db.dataSource;
    const [customer] = await ds.getRepository(Customer).findBy({ code: 'L1' });
    const ids = Object.fromEntries(
      (await ds.getRepository(LedgerEntry).findBy({ customerId: customer.id })).map((e) => [
        e.externalId,
        e.id,
      ]),
    );
    const period = await ds.getRepository(ReconciliationPeriod).save({
      customerId: customer.id,
      periodStart: '2026-10-01',
      periodEnd: '2026-10-31',
      workflowId: 'recon-L1-2026-10',
      status: PeriodStatus.IN_REVIEW,
      currency: 'CNY',
      matchRun: 2,
    });
    const group = (run: number, key: string, state: MatchGroupState, entryIds: string[]) =>
      ds.getRepository(MatchGroup).save({
        periodId: period.id,
        matchRun: run,
        groupKey: key,
        rule: 'EXACT_REFERENCE',
        confidence: '1',
        state,
        residual: '0',
        evidence: 'test',
        members: entryIds.map((id) => ({ side: MatchSide.OURS, ledgerEntryId: id, amount: '0' })),
      } as unknown as MatchGroup);
    await group(1, 'old', MatchGroupState.APPLIED, [ids.e4]); // superseded run
    await group(2, 'applied', MatchGroupState.APPLIED, [ids.e2]);
    await group(2, 'manual', MatchGroupState.MANUAL, [ids.e3]);
    await group(2, 'suggested', MatchGroupState.SUGGESTED, [ids.e5]);
    const matched = await h.call<Ledger>(LEDGER, { c: 'L1', f: { state: 'MATCHED' } }, h.bearer.CLERK);
    expect(matched.data!.ledgerEntries.edges.map((e) => e.node.externalId)).toEqual(['e2', 'e3']);
    expect(matched.data!.ledgerEntries.totals.net).toBe('0.3');
    const open = await h.call<Ledger>(LEDGER, { c: 'L1', f: { state: 'OPEN' } }, h.bearer.CLERK);
    expect(open.data!.ledgerEntries.edges.map((e) => [e.node.externalId, e.node.state])).toEqual([
      ['e1', 'OPEN'],
      ['e4', 'OPEN'],
      ['e5', 'OPEN'],
      ['e6', 'OPEN'],
    ]);
  });

  it('pages with stable cursors: every entry once, in date order, even while entries arrive', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page += 1) {
      const res: { data?: Ledger } = await h.call<Ledger>(
        LEDGER,
        { c: 'L1', first: 2, after },
        h.bearer.CLERK,
      );
      seen.push(...res.data!.ledgerEntries.edges.map((e) => e.node.externalId));
      if (page === 0) {
        // An entry dated after the cursor arrives mid-way: it shows up once, in its place.
        await h.call(UPSERT, { entries: [entry('late', '2026-10-30', 'INVOICE', '5.00')] }, key);
      }
      if (!res.data!.ledgerEntries.pageInfo.hasNextPage) break;
      after = res.data!.ledgerEntries.pageInfo.endCursor;
    }
    expect(seen).toEqual(['e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'late']);
    expect(codes(await h.call(LEDGER, { c: 'L1', first: 201 }, h.bearer.CLERK))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await h.call(LEDGER, { c: 'L1', after: 'bm9wZQ' }, h.bearer.CLERK))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(codes(await h.call(LEDGER, { c: 'NOPE' }, h.bearer.CLERK))).toEqual(['NOT_FOUND']);
  });

  it('takes a customer statement with its lines, once per sourceRef', async () => {
    const SUBMIT = `mutation ($input: StatementInput!) { submitStatement(input: $input) { statementId created } }`;
    const input = {
      customerCode: 'L1',
      periodStart: '2026-10-01',
      periodEnd: '2026-10-31',
      currency: 'CNY',
      openingBalance: '1000.00',
      closingBalance: '1000.30',
      sourceRef: 'portal-2026-10',
      lines: [
        {
          externalId: 'c1',
          txnDate: '2026-10-03',
          reference: "INV'; DELETE FROM statement_lines; --",
          kind: 'INVOICE',
          amount: '0.10',
          currency: 'CNY',
        },
        {
          externalId: 'c2',
          txnDate: '2026-10-05',
          reference: 'INV-2',
          kind: 'INVOICE',
          amount: '0.20',
          currency: 'CNY',
        },
      ],
    };
    const first = await h.call<{ submitStatement: { statementId: string; created: boolean } }>(
      SUBMIT,
      { input },
      h.bearer.CLERK,
    );
    expect(first.data?.submitStatement.created).toBe(true);
    const again = await h.call<{ submitStatement: { statementId: string; created: boolean } }>(
      SUBMIT,
      { input },
      h.bearer.MANAGER,
    );
    expect(again.data?.submitStatement).toEqual({
      statementId: first.data!.submitStatement.statementId,
      created: false,
    });
    const lines = await h.db.dataSource.getRepository(StatementLine).find({ order: { lineNo: 'ASC' } });
    expect(lines.map((l) => l.reference)).toEqual(input.lines.map((l) => l.reference));

    const bad = await h.call(
      SUBMIT,
      {
        input: {
          ...input,
          sourceRef: 'bad',
          closingBalance: 'lots',
          lines: [{ ...input.lines[0], currency: 'USD' }],
        },
      },
      h.bearer.CLERK,
    );
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(
      (bad.errors![0].extensions as { problems: Problem[] }).problems.map((p) => [p.index, p.field]),
    ).toEqual([
      [-1, 'closingBalance'],
      [0, 'currency'],
    ]);
    expect(await h.db.dataSource.getRepository(StatementLine).count()).toBe(2);
    expect(codes(await h.call(SUBMIT, { input }, h.bearer.AUDITOR))).toEqual(['FORBIDDEN']);

    // One statement per range: another for October is refused unless it replaces the first.
    const REPLACE = `mutation ($input: StatementInput!) { submitStatement(input: $input) { statementId created replacedStatementId } }`;
    const corrected = { ...input, sourceRef: 'portal-2026-10-v2', openingBalance: '1000.00' };
    const second = await h.call(REPLACE, { input: corrected }, h.bearer.CLERK);
    expect(codes(second)).toEqual(['BAD_USER_INPUT']);
    expect((second.errors![0].extensions as { problems: Problem[] }).problems[0]).toMatchObject({
      field: 'replace',
      reason: expect.stringMatching(/already has statement \d+ for 2026-10-01\.\.2026-10-31/),
    });
    const replaced = await h.call<{
      submitStatement: { statementId: string; created: boolean; replacedStatementId: string };
    }>(REPLACE, { input: { ...corrected, replace: true } }, h.bearer.CLERK);
    expect(replaced.data?.submitStatement).toMatchObject({
      created: true,
      replacedStatementId: first.data!.submitStatement.statementId,
    });
    const current = (await h.db.dataSource.query(
      'SELECT CAST(id AS CHAR) AS id FROM customer_statements WHERE period_start = ? AND replaced_by_id IS NULL',
      ['2026-10-01'],
    )) as Array<{ id: string }>;
    expect(current).toEqual([{ id: replaced.data!.submitStatement.statementId }]);
  });
});
