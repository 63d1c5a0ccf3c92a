import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, getNamedType, isObjectType } from 'graphql';
import { Customer } from '../../entities/customer.entity';
import { ReconciliationPeriod } from '../../entities/reconciliation-period.entity';
import { startApiHarness, type ApiHarness } from '../api/api-harness';

/**
 * #17.9 for every list: each connection of the schema takes Relay's four arguments. The lists that
 * read backwards answer `last`/`before`; the others refuse them with BAD_USER_INPUT naming the
 * argument (before: `last` was an unknown argument on some lists and worked on others).
 */
const BACKWARD = [
  'Period.differences',
  'Period.matchGroups',
  'Period.tasks',
  'Period.auditTrail',
  'Customer.periods',
];

const schema = buildSchema(readFileSync(path.resolve(__dirname, '../../schema.graphql'), 'utf8'));
const connections = Object.values(schema.getTypeMap())
  .filter(isObjectType)
  .filter((type) => !type.name.startsWith('__'))
  .flatMap((type) =>
    Object.values(type.getFields())
      .filter((field) => getNamedType(field.type).name.endsWith('Connection'))
      .map((field) => ({ name: `${type.name}.${field.name}`, args: field.args.map((arg) => arg.name) })),
  );

/** How to reach each forward-only connection, with `$args` where its paging arguments go. */
const QUERIES: Record<string, string> = {
  'Query.auditEvents': '{ auditEvents($args) { edges { cursor } } }',
  'Query.customers': '{ customers($args) { edges { cursor } } }',
  'Query.ledgerEntries': '{ ledgerEntries(customerCode: "CN", $args) { edges { cursor } } }',
  'Query.myTasks': '{ myTasks($args) { edges { cursor } } }',
  'Query.pendingAdjustments': '{ pendingAdjustments($args) { edges { cursor } } }',
  'Query.periods': '{ periods($args) { edges { cursor } } }',
  'Query.webhookDeliveries': '{ webhookDeliveries($args) { edges { cursor } } }',
  'Query.workTasks': '{ workTasks($args) { edges { cursor } } }',
  'Period.ledgerEntries': '{ period(id: "$period") { ledgerEntries($args) { edges { cursor } } } }',
  'Period.statementLines': '{ period(id: "$period") { statementLines($args) { edges { cursor } } } }',
};

describe('every connection pages the same way', () => {
  let h: ApiHarness;
  let periodId: string;

  beforeAll(async () => {
    h = await startApiHarness('sec_connections');
    const customer = await h.db.dataSource
      .getRepository(Customer)
      .save({ code: 'CN', name: '连接客户', currency: 'CNY' });
    const period = await h.db.dataSource.getRepository(ReconciliationPeriod).save({
      customerId: customer.id,
      periodStart: '2026-10-01',
      periodEnd: '2026-10-31',
      workflowId: 'recon-CN-2026-10',
      currency: 'CNY',
    });
    periodId = period.id;
  });
  afterAll(() => h?.stop());

  it('every connection in the schema takes first, after, last and before', () => {
    expect(connections.length).toBeGreaterThanOrEqual(15);
    for (const { name, args } of connections)
      expect({
        name,
        args: ['first', 'after', 'last', 'before'].filter((arg) => !args.includes(arg)),
      }).toEqual({
        name,
        args: [],
      });
    // Each one is either a backward list or refuses backward paging here: none is left out.
    expect(connections.map((c) => c.name).sort()).toEqual([...BACKWARD, ...Object.keys(QUERIES)].sort());
  });

  it.each(Object.keys(QUERIES))('%s refuses last and before, naming the argument', async (name) => {
    for (const [argument, value] of [
      ['last', '2'],
      ['before', '"aWQ6MQ"'],
    ] as const) {
      const query = QUERIES[name].replace('$args', `${argument}: ${value}`).replace('$period', periodId);
      const answer = await h.call(query, {}, h.bearer.ADMIN);
      expect(answer.errors?.map((error) => error.extensions)).toEqual([
        {
          code: 'BAD_USER_INPUT',
          problems: [{ index: -1, field: argument, reason: expect.any(String) as unknown }],
        },
      ]);
      expect(answer.errors?.[0].message).toContain(`${name}(${argument}:)`);
    }
    // Forwards, the same list answers.
    const forwards = await h.call(
      QUERIES[name].replace('$args', 'first: 2').replace('$period', periodId),
      {},
      h.bearer.ADMIN,
    );
    expect(forwards.errors).toBeUndefined();
  });

  it('the backward lists answer last', async () => {
    const answer = await h.call(
      `{ period(id: "${periodId}") { differences(last: 2) { pageInfo { hasPreviousPage } } } }`,
      {},
      h.bearer.ADMIN,
    );
    expect(answer.errors).toBeUndefined();
  });
});
