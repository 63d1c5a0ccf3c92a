import { ReconciliationPeriod } from '../../entities/reconciliation-period.entity';
import { PeriodStatus, UserRole } from '../../contract/enums';
import { Customer } from '../../entities/customer.entity';
import { upsertLedgerEntries } from '../../ledger/ledger.service';
import { registry } from '../../observability/metrics';
import { startApiHarness, SECRETS, type ApiHarness } from '../api/api-harness';
import { recordSentLink } from '../support/customer-links';

/**
 * The prepared path (api/execution/prepared-path.ts) answers a query text Apollo already accepted
 * without Apollo's pipeline. Each case is sent twice: the first answer is Apollo's (a new text),
 * the second the prepared path's (or Apollo's again, when the path must not answer), and both
 * must be the same bytes, status and content type. The counter tells which path answered.
 */
describe('the prepared path answers as Apollo does, and refuses what Apollo refuses', () => {
  let h: ApiHarness;
  let customerLink: string;
  let periodId: string;

  const prepared = async () =>
    (await registry.getSingleMetric('recon_graphql_prepared_total')!.get()).values[0]?.value ?? 0;

  const send = async (body: unknown, headers: Record<string, string>) => {
    const response = await fetch(h.api.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      body: await response.text(),
    };
  };

  /** The same request twice: both answers, and how many of the two took the prepared path. */
  const twice = async (body: unknown, headers: Record<string, string>) => {
    const before = await prepared();
    const first = await send(body, headers);
    const second = await send(body, headers);
    return { first, second, viaPrepared: (await prepared()) - before };
  };

  const staff = () => ({ authorization: h.bearer[UserRole.AUDITOR] });

  beforeAll(async () => {
    h = await startApiHarness('prepared_path');
    const customer = await h.db.dataSource
      .getRepository(Customer)
      .save({ code: 'PP1', name: '预备客户', currency: 'CNY' });
    await upsertLedgerEntries(h.db.dataSource, [
      {
        customerCode: 'PP1',
        source: 'erp',
        externalId: 'i1',
        entryDate: '2026-10-05',
        kind: 'INVOICE',
        amount: '1200.50',
        currency: 'CNY',
      },
    ]);
    await h.db.dataSource.query(
      "INSERT INTO credit_limits (customer_id, currency, amount, set_by) VALUES (?, 'CNY', 1000, 'test')",
      [customer.id],
    );
    const period = await h.db.dataSource.getRepository(ReconciliationPeriod).save({
      customerId: customer.id,
      periodStart: '2026-10-01',
      periodEnd: '2026-10-31',
      workflowId: 'recon-PP1-2026-10',
      status: PeriodStatus.AWAITING_CUSTOMER,
      currency: 'CNY',
    });
    periodId = period.id;
    customerLink = await recordSentLink(h.db.dataSource, SECRETS.linkSecret, {
      periodId,
      customerCode: 'PP1',
    });
  });
  afterAll(() => h?.stop());

  it('a credit check: the same answer, the second on the prepared path', async () => {
    const query =
      'query Check($c: String!, $a: Decimal!) { creditCheck(customerCode: $c, amount: $a) { decision reasons { code } exposure available } }';
    const { first, second, viaPrepared } = await twice(
      { query, variables: { c: 'PP1', a: '10.25' } },
      staff(),
    );
    expect(first.status).toBe(200);
    expect(first.type).toBe('application/json; charset=utf-8');
    expect(JSON.parse(first.body)).toEqual({
      data: {
        creditCheck: {
          decision: 'BLOCK',
          reasons: [{ code: 'OVER_LIMIT' }],
          exposure: '1200.5',
          available: '-210.75',
        },
      },
    });
    expect(second).toEqual(first);
    expect(viaPrepared).toBe(1);
  });

  it('errors: a resolver refusal, and variables that do not coerce (400), word for word', async () => {
    const query = 'query ($c: String!) { creditCheck(customerCode: $c, amount: "1") { decision } }';
    const missing = await twice({ query, variables: { c: 'NOPE' } }, staff());
    expect(missing.first.body).toContain('NOT_FOUND');
    expect(missing.second).toEqual(missing.first);
    expect(missing.viaPrepared).toBe(1);

    // The text is known now: both answers are the prepared path's, Apollo's was the first above.
    const badVariable = await twice({ query, variables: { c: 42 } }, staff());
    expect(badVariable.first.status).toBe(400);
    expect(badVariable.first.body).toContain('BAD_USER_INPUT');
    expect(badVariable.second).toEqual(badVariable.first);
    expect(badVariable.viaPrepared).toBe(2);
    const viaApollo = await send({ query: `${query} `, variables: { c: 42 } }, staff());
    expect(viaApollo).toEqual(badVariable.first);
  });

  it("the content type Apollo chooses for the caller's Accept, and Apollo's 406", async () => {
    const query = '{ creditCheck(customerCode: "PP1", amount: "1") { decision } }';
    const graphqlJson = await twice(
      { query },
      { ...staff(), accept: 'application/graphql-response+json, application/json;q=0.9' },
    );
    expect(graphqlJson.first.type).toBe('application/graphql-response+json; charset=utf-8');
    expect(graphqlJson.second).toEqual(graphqlJson.first);
    expect(graphqlJson.viaPrepared).toBe(1);

    const refused = await twice({ query }, { ...staff(), accept: 'text/csv' });
    expect(refused.first.status).toBe(406);
    expect(refused.second).toEqual(refused.first);
    expect(refused.viaPrepared).toBe(0);
  });

  it('the checks refuse on the second request as on the first: ids, cost, a customer link', async () => {
    const byId = 'query ($id: ID) { period(id: $id) { status } }';
    expect((await send({ query: byId, variables: { id: periodId } }, staff())).status).toBe(200);
    const notCanonical = await twice({ query: byId, variables: { id: '01' } }, staff());
    expect(notCanonical.first.status).toBe(400);
    expect(notCanonical.first.body).toContain('ids are positive whole numbers');
    expect(notCanonical.second).toEqual(notCanonical.first);
    expect(notCanonical.viaPrepared).toBe(0);

    // Staff made the text known; without credentials it costs more than the anonymous limit.
    const costly =
      '{ creditCheck(customerCode: "PP1", amount: "2") { decision } customers { edges { node { code } } } }';
    expect((await send({ query: costly }, staff())).status).toBe(200);
    const anonymous = await twice({ query: costly }, {});
    expect(anonymous.first.status).toBe(401);
    expect(anonymous.second).toEqual(anonymous.first);
    expect(anonymous.viaPrepared).toBe(0);

    // A customer's link may not read the credit check, however well known the text is.
    const check = '{ creditCheck(customerCode: "PP1", amount: "3") { decision } }';
    expect((await send({ query: check }, staff())).status).toBe(200);
    const linked = await twice({ query: check }, { authorization: customerLink });
    expect(linked.first.status).toBe(403);
    expect(linked.first.body).toContain('a confirmation link may not read Query.creditCheck');
    expect(linked.second).toEqual(linked.first);
    expect(linked.viaPrepared).toBe(0);
  });

  it("mutations, GET and malformed extensions go through Apollo; a client's own extensions do not", async () => {
    const mutation = `mutation { placeCreditHold(customerCode: "NOPE", reason: "test") { onHold } }`;
    const twiceMutation = await twice({ query: mutation }, { authorization: h.bearer[UserRole.MANAGER] });
    expect(twiceMutation.second).toEqual(twiceMutation.first);
    expect(twiceMutation.viaPrepared).toBe(0);

    const query = '{ creditCheck(customerCode: "PP1", amount: "4") { decision } }';
    expect((await send({ query }, staff())).status).toBe(200);
    // Apollo Client's own extensions (its name and version) change nothing; a malformed one is Apollo's 400.
    const clientExtensions = { clientLibrary: { name: '@apollo/client', version: '4' } };
    const withExtensions = await twice({ query, extensions: clientExtensions }, staff());
    expect(withExtensions.second).toEqual(withExtensions.first);
    expect(withExtensions.viaPrepared).toBe(2);
    const badExtensions = await twice({ query, extensions: 'x' }, staff());
    expect(badExtensions.first.status).toBe(400);
    expect(badExtensions.second).toEqual(badExtensions.first);
    expect(badExtensions.viaPrepared).toBe(0);
    const before = await prepared();
    const get = await fetch(`${h.api.graphqlUrl}?query=${encodeURIComponent(query)}`, {
      headers: { ...staff(), 'apollo-require-preflight': 'true' },
    });
    expect(get.status).toBe(200);
    expect(await prepared()).toBe(before);
  });
});
