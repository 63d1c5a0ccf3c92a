import { CreditRequestStatus } from '../../contract/credit/enums';
import { UserRole } from '../../contract/enums';
import { Customer } from '../../entities/customer.entity';
import { upsertLedgerEntries } from '../../ledger/ledger.service';
import { Money } from '../../money/decimal';
import { codes, startApiHarness, type ApiHarness } from '../api/api-harness';

const CHECK = `query ($a: Decimal!, $c: String) { creditCheck(customerCode: "CR1", amount: $a, currency: $c) {
  decision reasons { code message } currency limit exposure openReceivables disputed openOrders available onHold riskClass } }`;
const REQUEST = `mutation ($i: CreditRequestInput!) { requestCreditChange(input: $i) { id status kind amount requestedBy } }`;
const DECIDE = `mutation ($id: ID!, $ok: Boolean!) { decideCreditRequest(id: $id, approve: $ok, note: "checked the accounts") {
  id status decidedBy } }`;

type Check = {
  decision: string;
  reasons: Array<{ code: string; message: string }>;
  currency: string;
  limit: string | null;
  exposure: string;
  openReceivables: string;
  disputed: string;
  openOrders: string;
  available: string | null;
  onHold: boolean;
  riskClass: string;
};

describe('credit limits, holds, requests and the credit check over the real API', () => {
  let h: ApiHarness;
  let customerId: string;
  const check = async (amount: string, currency?: string) => {
    const result = await h.call<{ creditCheck: Check }>(
      CHECK,
      { a: amount, c: currency },
      h.bearer[UserRole.AUDITOR],
    );
    expect(result.errors).toBeUndefined();
    return result.data!.creditCheck;
  };
  const book = (externalId: string, amount: string, kind = 'INVOICE') =>
    upsertLedgerEntries(h.db.dataSource, [
      {
        customerCode: 'CR1',
        source: 'erp',
        externalId,
        entryDate: '2026-10-05',
        kind,
        amount,
        currency: 'CNY',
      },
    ]);
  const decide = (id: string, ok: boolean, role: UserRole) => h.call(DECIDE, { id, ok }, h.bearer[role]);
  const webhookEvents = async (type: string) =>
    (
      (await h.db.dataSource.query('SELECT payload FROM webhook_events WHERE type = ? ORDER BY id', [
        type,
      ])) as Array<{
        payload: string | Record<string, unknown>;
      }>
    ).map(
      (r) => (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as Record<string, unknown>,
    );

  beforeAll(async () => {
    h = await startApiHarness('credit_api');
    customerId = (
      await h.db.dataSource.getRepository(Customer).save({ code: 'CR1', name: '信用客户', currency: 'CNY' })
    ).id;
    await h.db.dataSource.query(
      `INSERT INTO webhook_subscriptions (name, url, secret, event_types, active, created_by)
       VALUES ('erp', 'https://erp.example/hooks', 's', '["credit.over_limit","credit.hold_changed"]', 1, 'test')`,
    );
    await book('i1', '1000.00');
    await book('r1', '-200.00', 'RECEIPT');
  });
  afterAll(() => h?.stop());

  it('warns when nobody has granted credit yet, and names the exposure', async () => {
    const answer = await check('100');
    expect(answer).toMatchObject({
      decision: 'WARN',
      currency: 'CNY',
      limit: null,
      exposure: '800',
      available: null,
    });
    expect(answer.reasons.map((r) => r.code)).toEqual(['NO_LIMIT']);
    expect(answer.riskClass).toBe('B');
  });

  it('refuses bad arguments by name and unknown customers, writing nothing', async () => {
    const before = await h.auditCount();
    const negative = await h.call(CHECK, { a: '-5' }, h.bearer[UserRole.AUDITOR]);
    expect(codes(negative)).toEqual(['BAD_USER_INPUT']);
    expect(JSON.stringify(negative.errors)).toContain('amount');
    expect(codes(await h.call(CHECK, { a: '5', c: 'cny' }, h.bearer[UserRole.AUDITOR]))).toEqual([
      'BAD_USER_INPUT',
    ]);
    const unknown = await h.call(
      '{ creditCheck(customerCode: "NOPE", amount: "1") { decision } }',
      {},
      h.bearer[UserRole.AUDITOR],
    );
    expect(codes(unknown)).toEqual(['NOT_FOUND']);
    expect(codes(await h.call(CHECK, { a: '5' }))).toEqual(['UNAUTHENTICATED']);
    expect(await h.auditCount()).toBe(before);
  });

  it('grants a first limit only through a request a manager approves', async () => {
    const lower = `mutation { lowerCreditLimit(customerCode: "CR1", currency: "CNY", amount: "1000", reason: "x") { amount } }`;
    expect(codes(await h.call(lower, {}, h.bearer[UserRole.CLERK]))).toEqual(['FORBIDDEN']);
    expect(codes(await h.call(lower, {}, h.bearer[UserRole.MANAGER]))).toEqual(['WRONG_STATE']);
    const asked = await h.call<{ requestCreditChange: { id: string; status: string; requestedBy: string } }>(
      REQUEST,
      {
        i: {
          customerCode: 'CR1',
          kind: 'LIMIT_CHANGE',
          currency: 'CNY',
          amount: '1000',
          reason: 'new customer',
        },
      },
      h.bearer[UserRole.CLERK],
    );
    expect(asked.data!.requestCreditChange).toMatchObject({
      status: 'PENDING',
      requestedBy: `user:${h.userIds.CLERK}`,
    });
    const id = asked.data!.requestCreditChange.id;
    expect(codes(await decide(id, true, UserRole.CLERK))).toEqual(['FORBIDDEN']);
    expect((await check('1')).limit).toBeNull();
    const approved = await decide(id, true, UserRole.MANAGER);
    expect(approved.data).toEqual({
      decideCreditRequest: { id, status: 'APPROVED', decidedBy: `user:${h.userIds.MANAGER}` },
    });
    expect(codes(await decide(id, true, UserRole.ADMIN))).toEqual(['WRONG_STATE']);
  });

  it('answers OK, WARN near the limit and BLOCK over it, with the reasons and what is left', async () => {
    expect(await check('100')).toMatchObject({
      decision: 'OK',
      reasons: [],
      limit: '1000',
      exposure: '800',
      available: '100',
    });
    const near = await check('150');
    expect(near.decision).toBe('WARN');
    expect(near.reasons.map((r) => r.code)).toEqual(['NEAR_LIMIT']);
    const over = await check('300');
    expect(over).toMatchObject({ decision: 'BLOCK', available: '-100' });
    expect(over.reasons).toEqual([
      {
        code: 'OVER_LIMIT',
        message: 'exposure after the order 1100.00 exceeds the limit 1000.00 by 100.00 CNY',
      },
    ]);
    expect(await webhookEvents('credit.over_limit')).toEqual([]);
  });

  it('sees a new ledger entry at once, and publishes the crossing once (webhook and audit)', async () => {
    await book('i2', '300.00');
    const answer = await check('0');
    expect(answer).toMatchObject({ decision: 'BLOCK', exposure: '1100', available: '-100' });
    await check('0');
    expect(await webhookEvents('credit.over_limit')).toEqual([
      { customerCode: 'CR1', currency: 'CNY', over: true, limit: '1000', exposure: '1100' },
    ]);
    const [row] = (await h.db.dataSource.query(
      "SELECT COUNT(*) AS n FROM audit_events WHERE action = 'credit.over_limit' AND entity_id = ?",
      [customerId],
    )) as Array<{ n: string }>;
    expect(Number(row.n)).toBe(1);
    await book('r2', '-300.00', 'RECEIPT');
    expect((await check('0')).decision).toBe('OK');
    expect((await webhookEvents('credit.over_limit')).map((e) => e.over)).toEqual([true, false]);
  });

  it('counts open orders an integrator reports, and removes them at 0', async () => {
    const report = `mutation ($a: Decimal!) { reportOpenOrder(customerCode: "CR1", orderRef: "SO-1", currency: "CNY", amount: $a) { orderRef amount } }`;
    expect(codes(await h.call(report, { a: '50' }, h.bearer[UserRole.MANAGER]))).toEqual(['FORBIDDEN']);
    const reported = await h.call(report, { a: '50' }, h.bearer[UserRole.ADMIN]);
    expect(reported.data).toEqual({ reportOpenOrder: { orderRef: 'SO-1', amount: '50' } });
    expect(await check('0')).toMatchObject({ openOrders: '50', exposure: '850' });
    await h.call(report, { a: '0' }, h.bearer[UserRole.ADMIN]);
    expect(await check('0')).toMatchObject({ openOrders: '0', exposure: '800' });
  });

  it('keeps disputed invoices of open periods in the exposure, shown apart', async () => {
    const [invoice] = (await h.db.dataSource.query(
      "SELECT CAST(id AS CHAR) AS id FROM ledger_entries WHERE external_id = 'i2'",
    )) as Array<{ id: string }>;
    await h.db.dataSource.query(
      `INSERT INTO reconciliation_periods (customer_id, period_start, period_end, workflow_id, status, currency)
       VALUES (?, '2026-10-01', '2026-10-31', 'recon-CR1-2026-10', 'IN_REVIEW', 'CNY')`,
      [customerId],
    );
    await h.db.dataSource.query(
      `INSERT INTO customer_confirmations (period_id, round, status, balance)
       SELECT id, 1, 'DISPUTED', 800 FROM reconciliation_periods WHERE workflow_id = 'recon-CR1-2026-10'`,
    );
    await h.db.dataSource.query(
      `INSERT INTO disputed_lines (confirmation_id, ledger_entry_id, comment)
       SELECT id, ?, 'never ordered' FROM customer_confirmations`,
      [invoice.id],
    );
    expect(await check('0')).toMatchObject({ exposure: '800', disputed: '300', openReceivables: '500' });
    await h.db.dataSource.query("UPDATE reconciliation_periods SET status = 'CLOSED'");
    expect(await check('0')).toMatchObject({ exposure: '800', disputed: '0', openReceivables: '800' });
  });

  it('puts a customer on hold at once; a clerk cannot release it, and nobody approves their own release', async () => {
    const hold = `mutation { placeCreditHold(customerCode: "CR1", reason: "cheque bounced") { onHold holdReason } }`;
    expect(codes(await h.call(hold, {}, h.bearer[UserRole.AUDITOR]))).toEqual(['FORBIDDEN']);
    expect((await h.call(hold, {}, h.bearer[UserRole.CLERK])).data).toEqual({
      placeCreditHold: { onHold: true, holdReason: 'cheque bounced' },
    });
    expect(codes(await h.call(hold, {}, h.bearer[UserRole.CLERK]))).toEqual(['WRONG_STATE']);
    const held = await check('1');
    expect(held).toMatchObject({ decision: 'BLOCK', onHold: true });
    expect(held.reasons.map((r) => r.code)).toEqual(['ON_HOLD']);

    const release = { i: { customerCode: 'CR1', kind: 'HOLD_RELEASE', reason: 'paid by transfer' } };
    const asked = await h.call<{ requestCreditChange: { id: string } }>(
      REQUEST,
      release,
      h.bearer[UserRole.MANAGER],
    );
    const id = asked.data!.requestCreditChange.id;
    expect(codes(await h.call(REQUEST, release, h.bearer[UserRole.CLERK]))).toEqual(['WRONG_STATE']);
    // Each reader is told whether the request is theirs (the page then offers no decision).
    const PENDING = '{ creditRequests(status: PENDING) { id mine } }';
    for (const [role, mine] of [
      [UserRole.MANAGER, true],
      [UserRole.ADMIN, false],
      [UserRole.CLERK, false],
    ] as const)
      expect((await h.call(PENDING, {}, h.bearer[role])).data).toEqual({ creditRequests: [{ id, mine }] });
    const before = await h.auditCount();
    expect(codes(await decide(id, true, UserRole.CLERK))).toEqual(['FORBIDDEN']);
    expect(codes(await decide(id, true, UserRole.MANAGER))).toEqual(['MAKER_CHECKER']);
    expect(await h.auditCount()).toBe(before);
    expect((await check('1')).onHold).toBe(true);
    expect((await decide(id, true, UserRole.ADMIN)).data).toMatchObject({
      decideCreditRequest: { status: 'APPROVED' },
    });
    expect(await check('1')).toMatchObject({ decision: 'OK', onHold: false });
    expect((await webhookEvents('credit.hold_changed')).map((e) => [e.onHold, e.by])).toEqual([
      [true, `user:${h.userIds.CLERK}`],
      [false, `user:${h.userIds.ADMIN}`],
    ]);
  });

  it('lowers a limit at once, raises it only by approval, rejects are recorded, and lists requests', async () => {
    const lower = `mutation { lowerCreditLimit(customerCode: "CR1", currency: "CNY", amount: "700", reason: "slow payer") { amount setBy } }`;
    expect((await h.call(lower, {}, h.bearer[UserRole.MANAGER])).data).toEqual({
      lowerCreditLimit: { amount: '700', setBy: `user:${h.userIds.MANAGER}` },
    });
    expect((await check('0')).decision).toBe('BLOCK');
    const same = await h.call(
      REQUEST,
      { i: { customerCode: 'CR1', kind: 'LIMIT_CHANGE', currency: 'CNY', amount: '600', reason: 'x' } },
      h.bearer[UserRole.CLERK],
    );
    expect(codes(same)).toEqual(['BAD_USER_INPUT']);
    const asked = await h.call<{ requestCreditChange: { id: string } }>(
      REQUEST,
      {
        i: {
          customerCode: 'CR1',
          kind: 'LIMIT_CHANGE',
          currency: 'CNY',
          amount: '5000',
          reason: 'big order',
        },
      },
      h.bearer[UserRole.CLERK],
    );
    const id = asked.data!.requestCreditChange.id;
    expect((await decide(id, false, UserRole.MANAGER)).data).toMatchObject({
      decideCreditRequest: { status: 'REJECTED' },
    });
    expect((await check('0')).limit).toBe('700');
    const list = await h.call<{
      creditRequests: Array<{ id: string; status: string; customerCode: string }>;
    }>('{ creditRequests(customerCode: "CR1") { id status customerCode } }', {}, h.bearer[UserRole.AUDITOR]);
    expect(list.data!.creditRequests.map((r) => r.status)).toEqual([
      CreditRequestStatus.REJECTED,
      CreditRequestStatus.APPROVED,
      CreditRequestStatus.APPROVED,
    ]);
    const profile = await h.call<{ creditProfile: Record<string, unknown> }>(
      '{ creditProfile(customerCode: "CR1") { customerCode onHold riskClass limits { currency amount overLimitSince } scores { score } pendingRequests { id } } }',
      {},
      h.bearer[UserRole.AUDITOR],
    );
    expect(profile.data!.creditProfile).toMatchObject({
      customerCode: 'CR1',
      onHold: false,
      riskClass: 'B',
      scores: [],
      pendingRequests: [],
    });
    const audit = (await h.db.dataSource.query(
      "SELECT action FROM audit_events WHERE entity_type = 'credit' ORDER BY id",
    )) as Array<{ action: string }>;
    expect(new Set(audit.map((a) => a.action))).toEqual(
      new Set([
        'credit.requested',
        'credit.request_approved',
        'credit.request_rejected',
        'credit.limit_set',
        'credit.over_limit',
        'credit.within_limit',
        'credit.hold_placed',
        'credit.hold_released',
      ]),
    );
  });
  it('lists standings for the Credit page: limit, exposure, hold, class; pages and bad sizes refused by name', async () => {
    await h.db.dataSource.getRepository(Customer).save({ code: 'CR2', name: '第二客户', currency: 'USD' });
    const STANDINGS =
      'query ($f: Int, $a: String) { creditStandings(first: $f, after: $a) { customerCode currency limit exposure available riskClass score onHold components { kind } } }';
    const all = await h.call<{ creditStandings: Array<Record<string, unknown>> }>(
      STANDINGS,
      {},
      h.bearer[UserRole.CLERK],
    );
    expect(all.errors).toBeUndefined();
    const cr1 = await check('0');
    expect(all.data!.creditStandings).toEqual([
      {
        customerCode: 'CR1',
        currency: 'CNY',
        limit: cr1.limit === null ? null : new Money(cr1.limit).toFixed(2),
        exposure: new Money(cr1.exposure).toFixed(2),
        available: cr1.limit === null ? null : new Money(cr1.limit).minus(cr1.exposure).toFixed(2),
        riskClass: 'B',
        score: null,
        onHold: cr1.onHold,
        components: [],
      },
      {
        customerCode: 'CR2',
        currency: 'USD',
        limit: null,
        exposure: '0.00',
        available: null,
        riskClass: 'B',
        score: null,
        onHold: false,
        components: [],
      },
    ]);
    const page = await h.call<{ creditStandings: Array<{ customerCode: string }> }>(
      STANDINGS,
      { f: 1, a: 'CR1' },
      h.bearer[UserRole.AUDITOR],
    );
    expect(page.data!.creditStandings.map((s) => s.customerCode)).toEqual(['CR2']);
    const bad = await h.call(STANDINGS, { f: 501 }, h.bearer[UserRole.MANAGER]);
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(JSON.stringify(bad.errors)).toContain('first');
  });

  it('accepts a suggested limit: lower applies at once, higher waits for another manager; a clerk may not', async () => {
    const c9 = await h.db.dataSource
      .getRepository(Customer)
      .save({ code: 'CR9', name: 'suggested', currency: 'CNY' });
    const ACCEPT = `mutation { acceptSuggestedLimit(customerCode: "CR9") { limits { currency amount } pendingRequests { id kind amount } } }`;
    type Accepted = {
      acceptSuggestedLimit: {
        limits: Array<{ currency: string; amount: string }>;
        pendingRequests: Array<{ id: string; kind: string; amount: string }>;
      };
    };
    expect(codes(await h.call(ACCEPT, {}, h.bearer[UserRole.MANAGER]))).toEqual(['WRONG_STATE']);
    const score = (day: string, suggested: string) =>
      h.db.dataSource.query(
        `INSERT INTO credit_scores (customer_id, scored_on, score, risk_class, components, suggested_limit, suggested_currency)
         VALUES (?, ?, 80, 'A', '[]', ?, 'CNY')`,
        [c9.id, day, suggested],
      );
    await h.db.dataSource.query(
      "INSERT INTO credit_limits (customer_id, currency, amount, set_by) VALUES (?, 'CNY', 5000, 'test')",
      [c9.id],
    );
    await score('2026-11-29', '3000');
    expect(codes(await h.call(ACCEPT, {}, h.bearer[UserRole.CLERK]))).toEqual(['FORBIDDEN']);
    const lowered = await h.call<Accepted>(ACCEPT, {}, h.bearer[UserRole.MANAGER]);
    expect(lowered.errors).toBeUndefined();
    expect(lowered.data!.acceptSuggestedLimit).toEqual({
      limits: [{ currency: 'CNY', amount: '3000' }],
      pendingRequests: [],
    });

    await score('2026-11-30', '8000');
    const raised = await h.call<Accepted>(ACCEPT, {}, h.bearer[UserRole.MANAGER]);
    expect(raised.errors).toBeUndefined();
    expect(raised.data!.acceptSuggestedLimit.limits).toEqual([{ currency: 'CNY', amount: '3000' }]);
    const [pending] = raised.data!.acceptSuggestedLimit.pendingRequests;
    expect(pending).toMatchObject({ kind: 'LIMIT_CHANGE', amount: '8000' });
    expect(codes(await decide(pending.id, true, UserRole.MANAGER))).toEqual(['MAKER_CHECKER']);
    expect((await decide(pending.id, true, UserRole.ADMIN)).errors).toBeUndefined();
    const after = await h.call<{ creditCheck: Check }>(
      `{ creditCheck(customerCode: "CR9", amount: "0") { decision limit } }`,
      {},
      h.bearer[UserRole.AUDITOR],
    );
    expect(after.data!.creditCheck).toMatchObject({ limit: '8000' });
  });
});
