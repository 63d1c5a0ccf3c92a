import { UserRole } from '../../contract/enums';
import { Customer } from '../../entities/customer.entity';
import { upsertLedgerEntries } from '../../ledger/ledger.service';
import { Money } from '../../money/decimal';
import { codes, startApiHarness, type ApiHarness } from '../api/api-harness';

const OPEN_ITEMS = `query ($c: String!, $d: Date, $s: Boolean) { openItems(customerCode: $c, asOf: $d, includeSettled: $s) {
  asOf balances { currency balance openReceivables unapplied overdue }
  items { ledgerEntryId docNo dueDate amount openAmount daysOverdue clearedOn applications { creditEntryId amount source applicationId } }
  credits { ledgerEntryId unappliedAmount } } }`;
const AGING = `query ($d: Date, $b: AgingBasis, $e: [Int!]) { receivablesAging(asOf: $d, basis: $b, buckets: $e) {
  buckets { key } rows { customerCode amounts unapplied total overdue oldestOverdueDays } totals unapplied total } }`;
const APPLY = `mutation ($c: ID!, $d: ID!, $a: Decimal!) {
  applyReceivable(customerCode: "R1", creditEntryId: $c, debitEntryId: $d, amount: $a) { id amount } }`;

type OpenItemsResult = {
  openItems: {
    balances: Array<{ currency: string; balance: string; overdue: string; unapplied: string }>;
    items: Array<{
      ledgerEntryId: string;
      docNo: string;
      dueDate: string;
      openAmount: string;
      applications: Array<{
        creditEntryId: string;
        amount: string;
        source: string;
        applicationId: string | null;
      }>;
    }>;
    credits: Array<{ ledgerEntryId: string; unappliedAmount: string }>;
  };
};

describe('terms, open items and aging over the real API', () => {
  let h: ApiHarness;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    h = await startApiHarness('receivables');
    await h.db.dataSource.getRepository(Customer).save({ code: 'R1', name: '客户 R1', currency: 'CNY' });
    const lines = [
      ['inv-old', '2025-12-10', 'INV-100', null, 'INVOICE', '1000.00'],
      ['inv-jan', '2026-01-15', 'INV-101', null, 'INVOICE', '2000.00'],
      ['inv-feb', '2026-02-03', 'INV-102', null, 'INVOICE', '500.50'],
      ['rcpt-1', '2026-02-20', 'RC-1', 'INV 102', 'RECEIPT', '-500.50'],
      ['rcpt-2', '2026-03-05', 'RC-2', null, 'RECEIPT', '-1200.00'],
      ['cn-1', '2026-03-06', 'CN-1', null, 'CREDIT_NOTE', '-100.00'],
    ] as const;
    const results = await upsertLedgerEntries(
      h.db.dataSource,
      lines.map(([id, date, docNo, reference, kind, amount]) => ({
        customerCode: 'R1',
        source: 'erp',
        externalId: id,
        entryDate: date,
        docNo,
        reference,
        kind,
        amount,
        currency: 'CNY',
      })),
    );
    results.forEach((r) => (ids[r.externalId] = r.id));
  });

  afterAll(() => h?.stop());

  it('lets managers keep the terms catalogue and refuses everyone else', async () => {
    const save = `mutation ($i: PaymentTermsInput!) { savePaymentTerms(input: $i) { code kind days descriptionZh } }`;
    const input = { code: 'EOM45', name: '月结45天', kind: 'MONTH_END', days: 45 };
    for (const role of [UserRole.CLERK, UserRole.AUDITOR])
      expect(codes(await h.call(save, { i: input }, h.bearer[role]))).toEqual(['FORBIDDEN']);
    const saved = await h.call(save, { i: input }, h.bearer[UserRole.MANAGER]);
    expect(saved.data).toEqual({
      savePaymentTerms: { code: 'EOM45', kind: 'MONTH_END', days: 45, descriptionZh: '月结45天' },
    });
    // A saved rule never changes: issued invoices keep their due dates.
    const changed = await h.call(save, { i: { ...input, days: 60 } }, h.bearer[UserRole.MANAGER]);
    expect(codes(changed)).toEqual(['WRONG_STATE']);
    const bad = await h.call(
      save,
      {
        i: {
          code: 'X',
          name: 'x',
          kind: 'INSTALMENTS',
          instalments: [
            { percent: '60', days: 30 },
            { percent: '30', days: 60 },
          ],
        },
      },
      h.bearer[UserRole.MANAGER],
    );
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    const list = await h.call<{ paymentTerms: Array<{ code: string }> }>(
      '{ paymentTerms { code } }',
      {},
      h.bearer[UserRole.AUDITOR],
    );
    expect(list.data!.paymentTerms.map((t) => t.code)).toEqual(['EOM30', 'EOM45', 'EOM60', 'NET30', 'NET60']);
  });

  it('dates invoices by the terms in force on their date (月结60天 from January, net 30 before)', async () => {
    const assign = `mutation { assignPaymentTerms(customerCode: "R1", termsCode: "EOM60", effectiveFrom: "2026-01-01") { code descriptionZh effectiveFrom } }`;
    expect(codes(await h.call(assign, {}, h.bearer[UserRole.CLERK]))).toEqual(['FORBIDDEN']);
    const assigned = await h.call(assign, {}, h.bearer[UserRole.MANAGER]);
    expect(assigned.data).toEqual({
      assignPaymentTerms: { code: 'EOM60', descriptionZh: '月结60天', effectiveFrom: '2026-01-01' },
    });
    const { data } = await h.call<OpenItemsResult>(
      OPEN_ITEMS,
      { c: 'R1', d: '2026-04-15', s: true },
      h.bearer[UserRole.AUDITOR],
    );
    const due = Object.fromEntries(data!.openItems.items.map((i) => [i.docNo, i.dueDate]));
    expect(due).toEqual({ 'INV-100': '2026-01-09', 'INV-101': '2026-04-01', 'INV-102': '2026-04-29' });
  });

  it("sums a customer's open items to its balance, with reference links first, then oldest due", async () => {
    const { data } = await h.call<OpenItemsResult>(
      OPEN_ITEMS,
      { c: 'R1', d: '2026-04-15' },
      h.bearer[UserRole.AUDITOR],
    );
    const open = data!.openItems;
    const sum = open.items
      .reduce((s, i) => s.plus(i.openAmount), new Money(0))
      .plus(open.credits.reduce((s, c) => s.plus(c.unappliedAmount), new Money(0)));
    expect(new Money(open.balances[0].balance).equals(new Money('1700.00'))).toBe(true);
    expect(sum.equals(open.balances[0].balance)).toBe(true);
    // RC-1 names INV-102 ("INV 102"); RC-2 and CN-1 went to INV-100 (oldest) and then INV-101.
    expect(open.items.map((i) => [i.docNo, i.openAmount])).toEqual([['INV-101', '1700']]);
    expect(open.balances[0].overdue).toBe('1700');
  });

  it('ages by due date beside document date, each tying to the balance', async () => {
    const byDue = await h.call<{
      receivablesAging: { rows: Array<{ amounts: string[]; total: string }>; total: string };
    }>(AGING, { d: '2026-04-15', b: 'DUE_DATE', e: [30, 60, 90] }, h.bearer[UserRole.CLERK]);
    expect(byDue.data!.receivablesAging.rows[0].amounts).toEqual(['0', '1700', '0', '0', '0']);
    const byDoc = await h.call<{ receivablesAging: { rows: Array<{ amounts: string[] }>; total: string } }>(
      AGING,
      { d: '2026-04-15', b: 'DOCUMENT_DATE', e: [30, 60, 90] },
      h.bearer[UserRole.CLERK],
    );
    expect(byDoc.data!.receivablesAging.rows[0].amounts).toEqual(['0', '0', '0', '1700', '0']);
    expect(byDoc.data!.receivablesAging.total).toBe('1700');
    expect(codes(await h.call(AGING, { e: [30, 30] }, h.bearer[UserRole.CLERK]))).toEqual(['BAD_USER_INPUT']);
  });

  it('exports the aging report by due date, and refuses an unknown basis', async () => {
    const url = `${h.api.url}/reports/aging?asOf=2026-04-15&format=csv&basis=DUE_DATE`;
    const response = await fetch(url, { headers: { authorization: h.bearer[UserRole.AUDITOR] } });
    expect(response.status).toBe(200);
    const csv = await response.text();
    // The one open invoice (INV-101, due 2026-04-01) is 14 days past due: the 1–30 column.
    expect(csv).toMatch(/R1,客户 R1,0(\.00)?,1700(\.00)?,0(\.00)?,0(\.00)?,0(\.00)?,1700(\.00)?/);
    const bad = await fetch(url.replace('DUE_DATE', 'TOMORROW'), {
      headers: { authorization: h.bearer[UserRole.AUDITOR] },
    });
    expect(bad.status).toBe(400);
  });

  it('lets a clerk apply a receipt by hand, refuses over-application and other roles, and can undo it', async () => {
    const apply = { c: ids['rcpt-2'], d: ids['inv-jan'], a: '1000.00' };
    expect(codes(await h.call(APPLY, apply, h.bearer[UserRole.AUDITOR]))).toEqual(['FORBIDDEN']);
    const before = await h.auditCount();
    expect(codes(await h.call(APPLY, { ...apply, a: '1200.01' }, h.bearer[UserRole.CLERK]))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(codes(await h.call(APPLY, { ...apply, c: ids['inv-old'] }, h.bearer[UserRole.CLERK]))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(codes(await h.call(APPLY, { ...apply, c: 'x' }, h.bearer[UserRole.CLERK]))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(await h.auditCount()).toBe(before);
    const applied = await h.call<{ applyReceivable: { id: string; amount: string } }>(
      APPLY,
      apply,
      h.bearer[UserRole.CLERK],
    );
    expect(applied.data!.applyReceivable.amount).toBe('1000');
    expect(await h.auditCount()).toBe(before + 1);
    // 200 of RC-2 is left to apply by hand.
    expect(codes(await h.call(APPLY, { ...apply, a: '200.01' }, h.bearer[UserRole.CLERK]))).toEqual([
      'BAD_USER_INPUT',
    ]);

    const { data } = await h.call<OpenItemsResult>(
      OPEN_ITEMS,
      { c: 'R1', d: '2026-04-15' },
      h.bearer[UserRole.CLERK],
    );
    // Now INV-100 (oldest) keeps 1000 - 200 - 100 = 700 open, INV-101 1000.
    expect(data!.openItems.items.map((i) => [i.docNo, i.openAmount])).toEqual([
      ['INV-100', '700'],
      ['INV-101', '1000'],
    ]);
    expect(data!.openItems.balances[0].balance).toBe('1700');
    // The hand application names itself (what a reversal takes); the others name none.
    const applications = data!.openItems.items.flatMap((i) => i.applications);
    expect(applications.filter((a) => a.source === 'MANUAL').map((a) => a.applicationId)).toEqual([
      applied.data!.applyReceivable.id,
    ]);
    expect(applications.filter((a) => a.source !== 'MANUAL').every((a) => a.applicationId === null)).toBe(
      true,
    );

    const reverse = `mutation ($id: ID!) { reverseReceivableApplication(id: $id) { reversedAt } }`;
    const id = applied.data!.applyReceivable.id;
    expect(codes(await h.call(reverse, { id }, h.bearer[UserRole.AUDITOR]))).toEqual(['FORBIDDEN']);
    expect((await h.call(reverse, { id }, h.bearer[UserRole.CLERK])).data).toMatchObject({
      reverseReceivableApplication: {},
    });
    expect(codes(await h.call(reverse, { id }, h.bearer[UserRole.CLERK]))).toEqual(['WRONG_STATE']);
  });

  it('shows each customer its terms, and refuses unknown customers', async () => {
    const terms = await h.call<{ customer: { paymentTerms: { code: string; descriptionEn: string } } }>(
      '{ customer(code: "R1") { paymentTerms { code descriptionEn } } }',
      {},
      h.bearer[UserRole.AUDITOR],
    );
    expect(terms.data!.customer.paymentTerms).toEqual({
      code: 'EOM60',
      descriptionEn: 'Month end + 60 days',
    });
    expect(codes(await h.call(OPEN_ITEMS, { c: 'NOPE' }, h.bearer[UserRole.AUDITOR]))).toEqual(['NOT_FOUND']);
  });

  it('bounds the settled items of a long history to the most recent, and says how many it left out', async () => {
    await h.db.dataSource.getRepository(Customer).save({ code: 'LONG', name: '老客户', currency: 'CNY' });
    // Eight years of a paid invoice a month (96 invoices, 96 receipts), one invoice still open.
    const entries = Array.from({ length: 96 }, (_, i) => {
      const month = `${2018 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
      return [
        {
          externalId: `inv-${i}`,
          docNo: `L-${i}`,
          entryDate: `${month}-05`,
          kind: 'INVOICE',
          amount: '100.00',
        },
        {
          externalId: `rc-${i}`,
          docNo: `R-${i}`,
          entryDate: `${month}-20`,
          kind: 'RECEIPT',
          amount: '-100.00',
        },
      ];
    }).flat();
    await upsertLedgerEntries(
      h.db.dataSource,
      [
        ...entries,
        { externalId: 'open', docNo: 'L-OPEN', entryDate: '2026-03-05', kind: 'INVOICE', amount: '250.00' },
      ].map((entry) => ({ ...entry, customerCode: 'LONG', source: 'erp', currency: 'CNY' })),
    );
    const query = `query ($s: Boolean, $n: Int) { openItems(customerCode: "LONG", asOf: "2026-04-01", includeSettled: $s, settledFirst: $n) {
      items { docNo openAmount } credits { ledgerEntryId } settledLeftOut } }`;
    type Result = {
      openItems: {
        items: Array<{ docNo: string; openAmount: string }>;
        credits: unknown[];
        settledLeftOut: number;
      };
    };
    const read = async (variables: Record<string, unknown>) =>
      (await h.call<Result>(query, variables, h.bearer[UserRole.AUDITOR])).data!.openItems;

    const openOnly = await read({});
    expect(openOnly.items).toEqual([{ docNo: 'L-OPEN', openAmount: '250' }]);
    expect(openOnly.settledLeftOut).toBe(0);

    // By default the 100 most recent of 96 settled invoices: all of them, and all 96 receipts.
    const all = await read({ s: true });
    expect(all.items).toHaveLength(97);
    expect(all.credits).toHaveLength(96);
    expect(all.settledLeftOut).toBe(0);

    const latest = await read({ s: true, n: 12 });
    // The open invoice, and the last year's settled ones in document order.
    expect(latest.items.map((i) => i.docNo)).toEqual([
      ...Array.from({ length: 12 }, (_, i) => `L-${84 + i}`),
      'L-OPEN',
    ]);
    expect(latest.credits).toHaveLength(12);
    expect(latest.settledLeftOut).toBe(84 + 84);

    for (const n of [0, 501])
      expect(codes(await h.call(query, { s: true, n }, h.bearer[UserRole.AUDITOR]))).toEqual([
        'BAD_USER_INPUT',
      ]);
  });
});
