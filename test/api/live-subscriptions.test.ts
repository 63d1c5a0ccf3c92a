import WebSocket from 'ws';
import { hashToken, signCustomerLink } from '../../auth/customer-link';
import { ConfirmationStatus, PeriodStatus, TaskQueue, TaskType } from '../../contract/enums';
import { CustomerConfirmation } from '../../entities/customer-confirmation.entity';
import { Money } from '../../money/decimal';
import { Customer } from '../../entities/customer.entity';
import { ReconciliationPeriod } from '../../entities/reconciliation-period.entity';
import { Task } from '../../entities/task.entity';
import { LIVE_LIMITS } from '../../api/subscriptions/ws-server';
import { liveClient, type LiveClient } from '../support/live-client';
import { PASSWORD, SECRETS, startApiHarness, type ApiHarness } from './api-harness';

const TASKS = 'subscription { taskEvents { id action taskId periodId occurredAt } }';
const PERIOD = 'subscription ($p: ID) { periodEvents(periodId: $p) { id action periodId status } }';
const APPROVALS = 'subscription { approvalEvents { id action adjustmentId } }';
const CSRF = { 'x-recon-csrf': '1' };

type TaskEvents = { taskEvents: { id: string; action: string; taskId: string | null; periodId: string } };
type PeriodEvents = { periodEvents: { action: string; periodId: string; status: string | null } };

const errorCodes = (message: { errors?: unknown }) =>
  ((message.errors ?? []) as Array<{ extensions?: { code?: string } }>).map((e) => e.extensions?.code);

describe('GraphQL subscriptions over graphql-ws (same server and port, authenticated, per-event checks)', () => {
  let h: ApiHarness;
  let periodId: string;
  let otherPeriodId: string;
  const taskIds: Record<string, string> = {};
  const clients: LiveClient[] = [];
  const connect = (options: Parameters<typeof liveClient>[1]) => {
    const client = liveClient(h.api.graphqlUrl, options);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    h = await startApiHarness('live', { liveEvents: { pollMs: 40 } });
    const ds = h.db.dataSource;
    const [customer, other] = await ds.getRepository(Customer).save([
      { code: 'LV1', name: '客户 LV1', currency: 'CNY' },
      { code: 'LV2', name: '客户 LV2', currency: 'CNY' },
    ]);
    const periods = await ds.getRepository(ReconciliationPeriod).save(
      [customer, other].map((c) => ({
        customerId: c.id,
        periodStart: '2026-10-01',
        periodEnd: '2026-10-31',
        workflowId: `recon-${c.code}-2026-10`,
        status: PeriodStatus.IN_REVIEW,
        currency: 'CNY',
      })),
    );
    [periodId, otherPeriodId] = periods.map((p) => p.id);
    for (const [name, queue] of [
      ['clerk1', TaskQueue.CLERK],
      ['clerk2', TaskQueue.CLERK],
      ['clerk3', TaskQueue.CLERK],
      ['manager1', TaskQueue.MANAGER],
    ] as const) {
      const task = await ds.getRepository(Task).save({
        periodId,
        workflowId: periods[0].workflowId,
        idempotencyKey: `live-${name}`,
        queue,
        type: TaskType.REVIEW_DIFFERENCE,
        title: `difference ${name}`,
        dueAt: new Date('2026-11-02T09:00:00Z'),
      });
      taskIds[name] = task.id;
    }
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
  });

  afterAll(() => h?.stop());

  const claim = async (taskId: string, bearer: string) => {
    const answer = await h.call(
      'mutation ($id: ID!) { claimTask(id: $id) { id status } }',
      { id: taskId },
      bearer,
    );
    expect(answer.errors).toBeUndefined();
  };

  it('delivers a task event and a period event after a mutation, to an integrator authenticated in connectionParams', async () => {
    const live = connect({ authorization: h.bearer.CLERK });
    await live.connected;
    const tasks = live.subscribe<TaskEvents>(TASKS);
    const period = live.subscribe<PeriodEvents>(PERIOD, { p: periodId });
    const otherPeriod = live.subscribe<PeriodEvents>(PERIOD, { p: otherPeriodId });
    // The subscriptions are registered once the server has read the log's head: give it a tick.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await claim(taskIds.clerk1, h.bearer.CLERK);
    const taskEvent = (await tasks.next()) as { data: TaskEvents };
    expect(taskEvent.data.taskEvents).toMatchObject({
      action: 'task.claimed',
      taskId: taskIds.clerk1,
      periodId,
      occurredAt: expect.any(String),
    });
    const periodEvent = (await period.next()) as { data: PeriodEvents };
    expect(periodEvent.data.periodEvents).toEqual({
      id: taskEvent.data.taskEvents.id,
      action: 'task.claimed',
      periodId,
      status: null,
    });
    // Another period's subscriber heard nothing.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(otherPeriod.pending()).toBe(0);
  });

  it('re-checks visibility per event: a clerk does not see the managers’ queue, a manager does', async () => {
    const clerk = connect({ authorization: h.bearer.CLERK });
    const manager = connect({ authorization: h.bearer.MANAGER });
    await Promise.all([clerk.connected, manager.connected]);
    const clerkTasks = clerk.subscribe<TaskEvents>(TASKS);
    const managerTasks = manager.subscribe<TaskEvents>(TASKS);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await claim(taskIds.manager1, h.bearer.MANAGER);
    await claim(taskIds.clerk2, h.bearer.CLERK);
    const first = (await managerTasks.next()) as { data: TaskEvents };
    expect(first.data.taskEvents.taskId).toBe(taskIds.manager1);
    expect(((await managerTasks.next()) as { data: TaskEvents }).data.taskEvents.taskId).toBe(taskIds.clerk2);
    // The clerk's first event is the clerks' task: the managers' one was not delivered.
    expect(((await clerkTasks.next()) as { data: TaskEvents }).data.taskEvents.taskId).toBe(taskIds.clerk2);
  });

  it('refuses connections without credentials or with credentials that do not verify', async () => {
    for (const options of [
      {},
      { authorization: 'Bearer not-a-token' },
      { authorization: 'Bearer rk_unknown' },
    ]) {
      const live = connect(options);
      expect((await live.closed).code).toBe(4401);
    }
  });

  it('refuses wrong roles at subscribe time with FORBIDDEN', async () => {
    const auditor = connect({ authorization: h.bearer.AUDITOR });
    await auditor.connected;
    expect(errorCodes(await auditor.subscribe(TASKS).next())).toEqual(['FORBIDDEN']);
    expect(errorCodes(await auditor.subscribe(APPROVALS).next())).toEqual(['FORBIDDEN']);
    // The auditor may read periods.
    const periodSub = auditor.subscribe(PERIOD, { p: periodId });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(periodSub.pending()).toBe(0);

    // A customer's link follows nothing live, not even its own period: the socket is refused.
    const link = signCustomerLink(SECRETS.linkSecret, {
      periodId,
      customerCode: 'LV1',
      round: 1,
      exp: Math.floor(Date.now() / 1000) + 600,
    });
    // Links are credentials only once stored for the period's round, as sending a statement does.
    await h.db.dataSource.getRepository(CustomerConfirmation).save({
      periodId,
      round: 1,
      status: ConfirmationStatus.SENT,
      balance: new Money('0'),
      linkTokenHash: hashToken(link),
      sentAt: new Date(),
    });
    // The link is valid (it reads its statement over HTTP)…
    const statement = await h.call('{ customerStatement { periodId } }', {}, `Customer ${link}`);
    expect(statement.errors).toBeUndefined();
    // …but its socket is closed before anything can be subscribed.
    const customer = connect({ authorization: `Customer ${link}` });
    expect((await customer.closed).code).toBe(4403);
  });

  it('takes only subscriptions, refuses bad documents with their codes', async () => {
    const live = connect({ authorization: h.bearer.ADMIN });
    await live.connected;
    expect(errorCodes(await live.subscribe('{ me { kind } }').next())).toEqual(['BAD_REQUEST']);
    expect(errorCodes(await live.subscribe('subscription { nope }').next())).toEqual([
      'GRAPHQL_VALIDATION_FAILED',
    ]);
    expect(errorCodes(await live.subscribe('subscription {').next())).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(errorCodes(await live.subscribe(PERIOD, { p: 'x' }).next())).toEqual(['BAD_USER_INPUT']);
  });

  it('accepts the browser’s session cookie from its own origin only, and ends the subscription at sign-out', async () => {
    const signIn = await fetch(h.api.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...CSRF },
      body: JSON.stringify({
        query: 'mutation ($e: String!, $p: String!) { signIn(email: $e, password: $p) { expiresAt } }',
        variables: { e: 'clerk@recon.test', p: PASSWORD },
      }),
    });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
    expect(cookie).toMatch(/^recon_session=/);

    // Another site's page cannot open the socket with the user's cookie.
    const evil = new WebSocket(h.api.graphqlUrl.replace('http', 'ws'), 'graphql-transport-ws', {
      headers: { cookie, origin: 'https://evil.example' },
    });
    const refusedStatus = await new Promise<number | undefined>((resolve) => {
      evil.on('unexpected-response', (_req, res) => resolve(res.statusCode));
      evil.on('open', () => resolve(undefined));
      evil.on('error', () => undefined);
    });
    expect(refusedStatus).toBe(403);

    const live = connect({ headers: { cookie, origin: h.api.url } });
    await live.connected;
    const tasks = live.subscribe<TaskEvents>(TASKS);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await claim(taskIds.clerk3, h.bearer.CLERK);
    expect(((await tasks.next()) as { data: TaskEvents }).data.taskEvents.taskId).toBe(taskIds.clerk3);

    const signOut = await fetch(h.api.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...CSRF, cookie, origin: h.api.url },
      body: JSON.stringify({ query: 'mutation { signOut }' }),
    });
    expect(signOut.status).toBe(200);
    // The next event finds the session gone: one UNAUTHENTICATED error, then the stream ends.
    await h.call(
      'mutation ($id: ID!) { releaseTask(id: $id) { id } }',
      { id: taskIds.clerk3 },
      h.bearer.CLERK,
    );
    expect(errorCodes(await tasks.next())).toEqual(['UNAUTHENTICATED']);
    await tasks.completed;
  });

  it('limits connections per user and the size of a message', async () => {
    const open: LiveClient[] = [];
    for (let i = 0; i < LIVE_LIMITS.connectionsPerPrincipal; i++)
      open.push(connect({ authorization: h.bearer.MANAGER }));
    await Promise.all(open.map((client) => client.connected));
    const oneTooMany = connect({ authorization: h.bearer.MANAGER });
    expect((await oneTooMany.closed).code).toBe(4429);
    // Another user is not counted against the manager.
    const admin = connect({ authorization: h.bearer.ADMIN });
    await admin.connected;

    const big = connect({ authorization: h.bearer.ADMIN });
    await big.connected;
    big.subscribe(`subscription { periodEvents { id } } # ${'x'.repeat(LIVE_LIMITS.maxMessageBytes)}`);
    expect((await big.closed).code).toBe(1009);
  });
});
