import { appendAudit } from '../../audit/audit-log';
import { startApiServer, type RunningApi } from '../../api/server';
import {
  ActorType,
  DifferenceKind,
  MatchGroupState,
  TaskQueue,
  TaskType,
  UserRole,
} from '../../contract/enums';
import { Customer } from '../../entities/customer.entity';
import { Difference } from '../../entities/difference.entity';
import { MatchGroup } from '../../entities/match-group.entity';
import { ReconciliationPeriod } from '../../entities/reconciliation-period.entity';
import { Task } from '../../entities/task.entity';
import { Money } from '../../money/decimal';
import { codes, gql, type GraphQLResponse } from '../support/api-client';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { staffTokens, TEST_SECRETS } from '../support/harness-api';

/**
 * #17.9: Relay pagination on the lists of a period and of a customer, over HTTP on the real API
 * and MariaDB: forwards and backwards, pages that never clamp silently (the probe's `first:1000`
 * gave 120 periods, `first:-5` one), and cursors this list did not give out refused.
 */

interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}
interface Connection {
  edges: Array<{ cursor: string; node: { id: string } }>;
  pageInfo: PageInfo;
}

let db: TestDatabase;
let api: RunningApi;
let admin: string;
let periodId: string;
const periodIds: string[] = [];
const ids: Record<'differences' | 'matchGroups' | 'tasks' | 'auditTrail', string[]> = {
  differences: [],
  matchGroups: [],
  tasks: [],
  auditTrail: [],
};

beforeAll(async () => {
  db = await createTestDatabase('sec_pagination');
  api = await startApiServer({
    dataSource: db.dataSource,
    periods: undefined as never,
    temporalHealthy: async () => true,
    twoFactorRoles: [], // its admin token has no second factor
    auth: TEST_SECRETS,
    host: '127.0.0.1',
    port: 0,
    maxBodyBytes: 64 * 1024,
  });
  admin = (await staffTokens(db.dataSource, [['admin', UserRole.ADMIN]])).admin;
  const customer = await db.dataSource
    .getRepository(Customer)
    .save({ code: 'PG', name: '分页客户', currency: 'CNY' });
  for (let month = 1; month <= 5; month += 1) {
    const key = `2026-0${month}`;
    const period = await db.dataSource.getRepository(ReconciliationPeriod).save({
      customerId: customer.id,
      periodStart: `${key}-01`,
      periodEnd: `${key}-28`,
      workflowId: `recon-PG-${key}`,
      currency: 'CNY',
    });
    periodIds.push(period.id);
  }
  periodId = periodIds[4];
  const matchRun = 0;
  for (let i = 0; i < 7; i += 1) {
    const difference = await db.dataSource.getRepository(Difference).save({
      periodId,
      matchRun,
      differenceKey: `d${i}`,
      kind: DifferenceKind.TIMING,
      amount: new Money(`${i}.50`),
      ourIds: [],
      theirIds: [],
      explanation: `difference ${i}`,
    });
    ids.differences.push(difference.id);
  }
  for (let i = 0; i < 5; i += 1) {
    const group = await db.dataSource.getRepository(MatchGroup).save({
      periodId,
      matchRun,
      groupKey: `g${i}`,
      rule: 'EXACT',
      confidence: '1',
      state: MatchGroupState.SUGGESTED,
      residual: new Money('0'),
      evidence: `group ${i}`,
    });
    ids.matchGroups.push(group.id);
  }
  for (let i = 0; i < 4; i += 1) {
    const task = await db.dataSource.getRepository(Task).save({
      periodId,
      workflowId: `recon-PG-2026-05`,
      idempotencyKey: `t${i}`,
      queue: TaskQueue.CLERK,
      type: TaskType.REVIEW_DIFFERENCE,
      title: `task ${i}`,
      // Due in reverse order of creation: the list is soonest due first, not id order.
      dueAt: new Date(Date.UTC(2026, 5, 10 - i)),
    });
    ids.tasks.unshift(task.id);
  }
  for (let i = 0; i < 6; i += 1) {
    const event = await appendAudit(db.dataSource.manager, {
      actorType: ActorType.SYSTEM,
      actorId: 'system',
      action: 'period.step',
      entityType: 'period',
      entityId: periodId,
      periodId,
      after: { step: i },
    });
    ids.auditTrail.push(event.id);
  }
});

afterAll(async () => {
  await api?.stop();
  await db?.drop();
});

const PAGE_FIELDS =
  'edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';

async function periodList(
  field: keyof typeof ids,
  args: string,
): Promise<GraphQLResponse<{ period: Record<string, Connection> }>> {
  return gql(
    api.graphqlUrl,
    `{ period(id: "${periodId}") { ${field}${args ? `(${args})` : ''} { ${PAGE_FIELDS} } } }`,
    {},
    admin,
  );
}

async function page(field: keyof typeof ids, args: string): Promise<Connection> {
  const response = await periodList(field, args);
  expect(response.errors).toBeUndefined();
  return response.data!.period[field];
}

const nodeIds = (connection: Connection) => connection.edges.map((edge) => edge.node.id);

describe.each(['differences', 'matchGroups', 'tasks', 'auditTrail'] as const)('Period.%s', (field) => {
  it('pages forwards and backwards with Relay cursors and page info', async () => {
    const all = ids[field];
    const walked: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const current: Connection = await page(field, `first: 3${after ? `, after: "${after}"` : ''}`);
      walked.push(...nodeIds(current));
      expect(current.pageInfo.hasPreviousPage).toBe(after !== null);
      expect(current.pageInfo.startCursor).toBe(current.edges[0].cursor);
      expect(current.pageInfo.endCursor).toBe(current.edges.at(-1)!.cursor);
      pages += 1;
      if (!current.pageInfo.hasNextPage) break;
      after = current.pageInfo.endCursor;
    }
    expect(walked).toEqual(all);
    expect(pages).toBe(Math.ceil(all.length / 3));

    const tail = await page(field, 'last: 2');
    expect(nodeIds(tail)).toEqual(all.slice(-2));
    expect(tail.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    const before = await page(field, `last: 2, before: "${tail.pageInfo.startCursor}"`);
    expect(nodeIds(before)).toEqual(all.slice(-4, -2));
    expect(before.pageInfo).toMatchObject({ hasPreviousPage: all.length > 4, hasNextPage: true });
    const between = await page(
      field,
      `first: 10, after: "${before.pageInfo.startCursor}", before: "${tail.pageInfo.endCursor}"`,
    );
    expect(nodeIds(between)).toEqual(all.slice(-3, -1));
  });

  it('refuses page sizes out of range, naming the argument and the maximum, instead of clamping', async () => {
    for (const [args, message] of [
      ['first: 1000', `Period.${field}(first:) must be between 1 and 200 (got 1000)`],
      ['first: -5', `Period.${field}(first:) must be between 1 and 200 (got -5)`],
      ['first: 0', `Period.${field}(first:) must be between 1 and 200 (got 0)`],
      ['last: 201', `Period.${field}(last:) must be between 1 and 200 (got 201)`],
      ['first: 2, last: 2', `Period.${field}: give first or last, not both`],
    ]) {
      const response = await periodList(field, args);
      expect([args, codes(response)]).toEqual([args, ['BAD_USER_INPUT']]);
      expect(response.errors![0].message).toBe(message);
    }
  });

  it('refuses a forged cursor, and one of another list', async () => {
    const other = field === 'tasks' ? 'differences' : 'tasks';
    const foreign = (await page(other, 'first: 1')).pageInfo.endCursor!;
    const own = (await page(field, 'first: 1')).pageInfo.endCursor!;
    for (const cursor of [
      'not-a-cursor',
      Buffer.from('id:1 OR 1=1').toString('base64url'),
      Buffer.from(`${Buffer.from(own, 'base64url').toString()} `).toString('base64url'),
      `${own}==`,
      foreign,
    ]) {
      const response = await periodList(field, `first: 2, after: "${cursor}"`);
      expect([cursor, codes(response)]).toEqual([cursor, ['BAD_USER_INPUT']]);
      expect(response.errors![0].message).toMatch(/after:\) is not a cursor of this list/);
    }
  });
});

describe('Customer.periods', () => {
  const periods = (args: string) =>
    gql<{ customer: { periods: Connection } }>(
      api.graphqlUrl,
      `{ customer(code: "PG") { periods(${args}) { ${PAGE_FIELDS} } } }`,
      {},
      admin,
    );

  it('pages newest first, forwards and backwards', async () => {
    const newestFirst = [...periodIds].reverse();
    const first = (await periods('first: 2')).data!.customer.periods;
    expect(nodeIds(first)).toEqual(newestFirst.slice(0, 2));
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const next = (await periods(`first: 2, after: "${first.pageInfo.endCursor}"`)).data!.customer.periods;
    expect(nodeIds(next)).toEqual(newestFirst.slice(2, 4));
    const oldest = (await periods('last: 1')).data!.customer.periods;
    expect(nodeIds(oldest)).toEqual([periodIds[0]]);
    expect(oldest.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const all = (await periods('first: 120')).data!.customer.periods;
    expect(nodeIds(all)).toEqual(newestFirst);
  });

  it('refuses first:1000 and first:-5 (before: 120 periods and one)', async () => {
    for (const [args, message] of [
      ['first: 1000', 'Customer.periods(first:) must be between 1 and 120 (got 1000)'],
      ['first: -5', 'Customer.periods(first:) must be between 1 and 120 (got -5)'],
    ]) {
      const response = await periods(args);
      expect(codes(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.errors![0].message).toBe(message);
    }
  });
});

test('the other connections answer startCursor and hasPreviousPage too', async () => {
  const first = await gql<{ customers: Connection }>(
    api.graphqlUrl,
    `{ customers(first: 1) { ${PAGE_FIELDS} } }`,
    {},
    admin,
  );
  expect(first.data!.customers.pageInfo).toMatchObject({
    hasPreviousPage: false,
    startCursor: first.data!.customers.edges[0].cursor,
  });
});
