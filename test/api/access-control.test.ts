import { Customer } from '../../entities/customer.entity';
import { PeriodStatus } from '../../contract/enums';
import { ReconciliationPeriod } from '../../entities/reconciliation-period.entity';
import { recordSentLink } from '../support/customer-links';
import { codes, SECRETS, startApiHarness, type ApiHarness } from './api-harness';

type Who = 'ANON' | 'CLERK' | 'MANAGER' | 'AUDITOR' | 'ADMIN' | 'KEY' | 'CUSTOMER';
const STAFF_READ: Who[] = ['CLERK', 'MANAGER', 'AUDITOR', 'ADMIN', 'KEY'];

/**
 * Every operation of the domain modules with who may run it. Inputs are harmless (unknown ids,
 * invalid values), so an allowed call fails later with NOT_FOUND or BAD_USER_INPUT, or succeeds
 * reading; a refused one must fail with FORBIDDEN (UNAUTHENTICATED without credentials).
 */
const OPERATIONS: Array<[string, string, Who[]]> = [
  [
    'customer detail',
    '{ customer(code: "AC1") { balance openPeriods { id } ruleSettings effectiveRuleSettings workflowSettings } }',
    STAFF_READ,
  ],
  [
    'update settings',
    'mutation { updateCustomerSettings(code: "AC1", ruleSettings: { dateWindowDays: -1 }) { id } }',
    ['ADMIN'],
  ],
  ['ledger query', '{ ledgerEntries(customerCode: "AC1") { totals { count } } }', STAFF_READ],
  [
    'ledger upsert',
    'mutation { upsertLedgerEntries(entries: [{ customerCode: "AC1", source: "x", externalId: "1", entryDate: "bad", kind: "INVOICE", amount: "1", currency: "CNY" }]) { created } }',
    ['ADMIN'],
  ],
  [
    'statement',
    'mutation { submitStatement(input: { customerCode: "AC1", periodStart: "bad", periodEnd: "2026-10-31", currency: "CNY", openingBalance: "0", closingBalance: "0", sourceRef: "r", lines: [] }) { created } }',
    ['CLERK', 'MANAGER', 'ADMIN'],
  ],
  ['my queue', '{ myTasks { edges { cursor } } }', ['CLERK', 'MANAGER', 'AUDITOR', 'ADMIN']],
  ['task counts', '{ taskCounts { count } }', STAFF_READ],
  ['claim', 'mutation { claimTask(id: "999999") { id } }', ['CLERK', 'MANAGER', 'ADMIN']],
  [
    'complete',
    'mutation { completeTask(id: "999999", outcome: "done") { id } }',
    ['CLERK', 'MANAGER', 'ADMIN'],
  ],
  ['users', '{ users { id } }', ['ADMIN']],
  [
    'create user',
    'mutation { createUser(input: { email: "bad", displayName: "x", role: CLERK, password: "x" }) { id } }',
    ['ADMIN'],
  ],
  ['update user', 'mutation { updateUser(id: "999999", active: false) { id } }', ['ADMIN']],
  ['api keys', '{ apiKeys { id } apiKeyScopes }', ['ADMIN']],
  ['create key', 'mutation { createApiKey(name: "", scopes: []) { key } }', ['ADMIN']],
  ['revoke key', 'mutation { revokeApiKey(id: "999999") { id } }', ['ADMIN']],
  ['audit log', '{ auditEvents(first: 1) { edges { cursor } } }', ['AUDITOR', 'ADMIN']],
  ['verify chain', '{ verifyAuditChain { ok } }', ['AUDITOR', 'ADMIN']],
  [
    'webhooks',
    '{ webhookSubscriptions { id } webhookEventTypes webhookDeliveries { edges { cursor } } }',
    ['ADMIN'],
  ],
  ['subscribe', 'mutation { createWebhookSubscription(name: "x", url: "ftp://x") { secret } }', ['ADMIN']],
  ['redeliver', 'mutation { redeliverWebhook(id: "999999") { id } }', ['ADMIN']],
];

describe('authorisation of the domain modules, per role, over HTTP', () => {
  let h: ApiHarness;
  const auth = {} as Record<Who, string | undefined>;
  let periodId: string;

  beforeAll(async () => {
    h = await startApiHarness('access');
    const customer = await h.db.dataSource
      .getRepository(Customer)
      .save({ code: 'AC1', name: '客户 AC1', currency: 'CNY' });
    const period = await h.db.dataSource.getRepository(ReconciliationPeriod).save({
      customerId: customer.id,
      periodStart: '2026-10-01',
      periodEnd: '2026-10-31',
      workflowId: 'recon-AC1-2026-10',
      status: PeriodStatus.AWAITING_CUSTOMER,
      currency: 'CNY',
    });
    periodId = period.id;
    const key = await h.call<{ createApiKey: { key: string } }>(
      'mutation { createApiKey(name: "reader", scopes: ["read"]) { key } }',
      {},
      h.bearer.ADMIN,
    );
    Object.assign(auth, h.bearer, {
      ANON: undefined,
      KEY: `Bearer ${key.data!.createApiKey.key}`,
      CUSTOMER: await recordSentLink(h.db.dataSource, SECRETS.linkSecret, { periodId, customerCode: 'AC1' }),
    });
  });

  afterAll(() => h?.stop());

  it.each(OPERATIONS)('%s: allowed exactly to its roles', async (_name, query, allowed) => {
    for (const who of Object.keys(auth) as Who[]) {
      const answer = codes(await h.call(query, {}, auth[who]));
      const refusal = who === 'ANON' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
      if (allowed.includes(who)) expect([who, answer]).not.toEqual([who, expect.arrayContaining([refusal])]);
      else expect([who, answer]).toEqual([who, expect.arrayContaining([refusal])]);
    }
  });

  it('lets neither an auditor nor a clerk change anything of the domain modules', async () => {
    const before = await h.auditCount();
    for (const who of ['AUDITOR', 'CLERK'] as const) {
      for (const [, query] of OPERATIONS.filter(
        ([name]) => !['statement', 'claim', 'complete'].includes(name),
      )) {
        if (query.startsWith('mutation'))
          expect(codes(await h.call(query, {}, auth[who]))).toContain('FORBIDDEN');
      }
    }
    expect(await h.auditCount()).toBe(before);
  });

  it('gives a customer link its own statement and nothing about the period or the customer beyond it', async () => {
    const own = await h.call<{ customerStatement: { customerCode: string } }>(
      '{ customerStatement { customerCode } }',
      {},
      auth.CUSTOMER,
    );
    expect(own.data?.customerStatement.customerCode).toBe('AC1');
    expect(
      codes(await h.call('query ($id: ID) { period(id: $id) { status } }', { id: periodId }, auth.CUSTOMER)),
    ).toEqual(['FORBIDDEN']);
    for (const field of ['balance', 'openPeriods { id }', 'ruleSettings', 'workflowSettings']) {
      const leak = await h.call(
        `query ($id: ID) { period(id: $id) { customer { ${field} } } }`,
        { id: periodId },
        auth.CUSTOMER,
      );
      expect(codes(leak)).toEqual(['FORBIDDEN']);
    }
  });

  it('answers login without credentials, and nothing else of its module', async () => {
    const res = await h.call('mutation { login(email: "nobody@recon.test", password: "x") { token } }');
    expect(codes(res)).toEqual(['UNAUTHENTICATED']);
    expect(res.errors![0].message).toBe('invalid email or password');
  });
});
