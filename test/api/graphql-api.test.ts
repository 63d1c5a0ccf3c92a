import type { RunningApi } from '../../api/server';
import { issueApiKey, revokeApiKey } from '../../auth/api-keys';
import { signCustomerLink } from '../../auth/customer-link';
import { signUserToken } from '../../auth/user-token';
import { PeriodStatus, UserRole } from '../../contract/enums';
import { ReconciliationPeriod } from '../../entities/reconciliation-period.entity';
import { User } from '../../entities/user.entity';
import { codes, gql } from '../support/api-client';
import { linkFromOutbox } from '../support/customer-links';
import { CLEAN_LINES, seedCustomer } from '../support/fixtures';
import { startHarnessApi, TEST_SECRETS as SECRETS } from '../support/harness-api';
import { startPeriodHarness, type PeriodHarness } from '../support/period-harness';

describe('the GraphQL API over HTTP', () => {
  let h: PeriodHarness;
  let db: PeriodHarness['db'];
  let api: RunningApi;
  let url: string;
  const bearer: Record<string, string> = {};

  beforeAll(async () => {
    h = await startPeriodHarness('api');
    db = h.db;
    api = await startHarnessApi(h);
    url = api.graphqlUrl;
    for (const role of Object.values(UserRole)) {
      const user = await db.dataSource
        .getRepository(User)
        .save({ email: `${role.toLowerCase()}@recon.test`, displayName: role, role });
      bearer[role] =
        `Bearer ${signUserToken(SECRETS.tokenSecret, { sub: user.id, role, name: role, exp: Date.now() / 1000 + 600 })}`;
    }
    await seedCustomer(db.dataSource, 'API1', CLEAN_LINES, CLEAN_LINES);
    await seedCustomer(db.dataSource, 'API2', CLEAN_LINES, CLEAN_LINES.slice(1));
  });

  afterAll(async () => {
    await api?.stop();
    await h?.stop();
  });

  const PERIOD = `query ($c: String!, $p: String!) { period(customerCode: $c, period: $p) { id key status bridgeTied ourClosingBalance theirClosingBalance customer { code } } }`;

  async function waitForPeriodStatus(code: string, status: PeriodStatus) {
    for (let i = 0; i < 200; i += 1) {
      const row = await db.dataSource
        .getRepository(ReconciliationPeriod)
        .findOneBy({ workflowId: `recon-${code}-2026-10` });
      if (row?.status === status) return row;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`recon-${code}-2026-10 never reached ${status}`);
  }

  it('answers health without credentials, and nothing else', async () => {
    const health = await gql(url, '{ health { ok database temporal } }');
    expect(health.data).toEqual({ health: { ok: true, database: true, temporal: true } });
    const anonymous = await gql(url, '{ customers { edges { node { code } } } }');
    expect(codes(anonymous)).toEqual(['UNAUTHENTICATED']);
    const forged = await gql(url, '{ me { kind } }', {}, 'Bearer not-a-token');
    expect(codes(forged)).toEqual(['UNAUTHENTICATED']);
    const rest = await fetch(api.url + '/health');
    expect(rest.status).toBe(200);
  });

  it('lets a clerk open a period and everyone with read access see its status', async () => {
    const opened = await gql<{ openPeriod: { key: string; status: string } }>(
      url,
      'mutation { openPeriod(customerCode: "API1", period: "2026-10") { key status } }',
      {},
      bearer.CLERK,
    );
    expect(opened.errors).toBeUndefined();
    expect(opened.data?.openPeriod.key).toBe('2026-10');
    await waitForPeriodStatus('API1', PeriodStatus.AWAITING_CUSTOMER);
    const seen = await gql<{ period: Record<string, unknown> }>(
      url,
      PERIOD,
      { c: 'API1', p: '2026-10' },
      bearer.AUDITOR,
    );
    expect(seen.data?.period).toMatchObject({
      key: '2026-10',
      status: 'AWAITING_CUSTOMER',
      bridgeTied: true,
      ourClosingBalance: '300.25',
      theirClosingBalance: '300.25',
      customer: { code: 'API1' },
    });
  });

  it('refuses by role on the server: auditors change nothing, clerks do not close by exception', async () => {
    const byAuditor = await gql(
      url,
      'mutation { openPeriod(customerCode: "API2", period: "2026-10") { id } }',
      {},
      bearer.AUDITOR,
    );
    expect(codes(byAuditor)).toEqual(['FORBIDDEN']);
    const opened = await gql<{ openPeriod: { id: string } }>(
      url,
      'mutation { openPeriod(customerCode: "API2", period: "2026-10") { id } }',
      {},
      bearer.MANAGER,
    );
    const periodId = opened.data!.openPeriod.id;
    await waitForPeriodStatus('API2', PeriodStatus.IN_REVIEW);
    const close =
      'mutation ($id: ID!) { closePeriodByException(periodId: $id, reason: "write-off approved") { id } }';
    expect(codes(await gql(url, close, { id: periodId }, bearer.CLERK))).toEqual(['FORBIDDEN']);
    expect(codes(await gql(url, close, { id: periodId }, bearer.AUDITOR))).toEqual(['FORBIDDEN']);
    const byManager = await gql(url, close, { id: periodId }, bearer.MANAGER);
    expect(byManager.errors).toBeUndefined();
    await waitForPeriodStatus('API2', PeriodStatus.CLOSED);
  });

  it('gives a customer link exactly one period, and lets the customer confirm it', async () => {
    const period = await waitForPeriodStatus('API1', PeriodStatus.AWAITING_CUSTOMER);
    const other = await db.dataSource
      .getRepository(ReconciliationPeriod)
      .findOneByOrFail({ workflowId: 'recon-API2-2026-10' });
    const customer = (await linkFromOutbox(db.dataSource, h.outbox, period.id)).authorization;
    const own = await gql<{ customerStatement: { customerCode: string; state: string } }>(
      url,
      '{ customerStatement { customerCode state } }',
      {},
      customer,
    );
    expect(own.data?.customerStatement).toEqual({ customerCode: 'API1', state: 'AWAITING_ANSWER' });
    // A link reads its statement, not periods: neither its own nor another through `period`.
    for (const id of [period.id, other.id])
      expect(
        codes(await gql(url, 'query ($id: ID) { period(id: $id) { status } }', { id }, customer)),
      ).toEqual(['FORBIDDEN']);
    expect(codes(await gql(url, '{ customers { edges { node { code } } } }', {}, customer))).toEqual([
      'FORBIDDEN',
    ]);
    const expired = signCustomerLink(SECRETS.linkSecret, {
      periodId: period.id,
      customerCode: 'API1',
      round: 1,
      exp: 1,
    });
    expect(codes(await gql(url, '{ me { kind } }', {}, `Customer ${expired}`))).toEqual(['UNAUTHENTICATED']);
    // A staff member cannot answer in the customer's name.
    expect(codes(await gql(url, 'mutation { confirmStatement { id } }', {}, bearer.CLERK))).toEqual([
      'FORBIDDEN',
    ]);

    const confirmed = await gql(
      url,
      'mutation { confirmStatement(comment: "核对无误") { id } }',
      {},
      customer,
    );
    expect(confirmed.errors).toBeUndefined();
    await waitForPeriodStatus('API1', PeriodStatus.CLOSED);
    const again = await gql(url, 'mutation { confirmStatement { id } }', {}, customer);
    expect(codes(again)).toEqual(['WRONG_STATE']);
  });

  it('accepts an integrator API key until it is revoked', async () => {
    const { key, record } = await issueApiKey(db.dataSource, 'erp-sync', ['read']);
    const stored = JSON.stringify(record);
    expect(stored).not.toContain(key.split('_').slice(2).join('_')); // only the hash is kept
    const listed = await gql<{ customers: { edges: Array<{ node: { code: string } }> } }>(
      url,
      '{ customers(first: 1) { edges { node { code } } } }',
      {},
      `Bearer ${key}`,
    );
    expect(listed.data?.customers.edges.map((edge) => edge.node.code)).toEqual(['API1']);
    expect(
      codes(
        await gql(
          url,
          'mutation { openPeriod(customerCode: "API1", period: "2026-11") { id } }',
          {},
          `Bearer ${key}`,
        ),
      ),
    ).toEqual(['FORBIDDEN']);
    await revokeApiKey(db.dataSource, record.id);
    expect(codes(await gql(url, '{ me { kind } }', {}, `Bearer ${key}`))).toEqual(['UNAUTHENTICATED']);
  });

  it('pages customers with stable cursors', async () => {
    const page = (after?: string) =>
      gql<{
        customers: {
          edges: Array<{ cursor: string; node: { code: string } }>;
          pageInfo: { hasNextPage: boolean; endCursor: string };
        };
      }>(
        url,
        'query ($after: String) { customers(first: 1, after: $after) { edges { cursor node { code } } pageInfo { hasNextPage endCursor } } }',
        { after },
        bearer.CLERK,
      );
    const first = await page();
    const second = await page(first.data!.customers.pageInfo.endCursor);
    expect(first.data!.customers.edges[0].node.code).toBe('API1');
    expect(second.data!.customers.edges[0].node.code).toBe('API2');
    expect(second.data!.customers.pageInfo.hasNextPage).toBe(false);
    expect(
      codes(await gql(url, '{ customers(first: 100000) { edges { cursor } } }', {}, bearer.CLERK)),
    ).toEqual(['BAD_USER_INPUT']);
    expect(
      codes(await gql(url, '{ customers(after: "bm9wZQ") { edges { cursor } } }', {}, bearer.CLERK)),
    ).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses deep queries and oversized bodies, and hides internals in errors', async () => {
    const deep = await gql(
      url,
      '{ customers { edges { node { periods { edges { node { customer { periods { edges { node { customer { periods { edges { node { customer { code } } } } } } } } } } } } } } } }',
      {},
      bearer.CLERK,
    );
    expect(codes(deep)).toEqual(['QUERY_TOO_DEEP']);
    const huge = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: bearer.CLERK },
      body: JSON.stringify({ query: '{ me { kind } }', variables: { pad: 'x'.repeat(100 * 1024) } }),
    });
    expect(huge.status).toBe(413);
    const injection = await gql(url, PERIOD, { c: "API1' OR '1'='1", p: '2026-10' }, bearer.CLERK);
    expect(injection.errors).toBeUndefined();
    expect(injection.data).toEqual({ period: null });
    const bad = await gql(url, 'query { period(id: "1; DROP TABLE customers") { id } }', {}, bearer.CLERK);
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(JSON.stringify(bad)).not.toMatch(/SELECT|stack|at .*\.ts/);
  });
});
