import { signUserToken } from '../../auth/user-token';
import { PeriodStatus, TaskQueue, TaskType } from '../../contract/enums';
import { Customer } from '../../entities/customer.entity';
import { ReconciliationPeriod } from '../../entities/reconciliation-period.entity';
import { Task } from '../../entities/task.entity';
import { WEB_APP_ROOT, type RunningApi } from '../../api/server';
import { gql } from '../support/api-client';
import { startHarnessApi, TEST_SECRETS } from '../support/harness-api';
import { newContext } from './support/browser';
import { secondStep, STAFF, STAFF_PASSWORD, startBrowserStack, type BrowserStack } from './support/stack';

describe('in the browser: GraphiQL offline at /graphql, live events over the same-origin WebSocket', () => {
  let stack: BrowserStack;
  /** The stack's API with GraphiQL switched on (as outside production by default). */
  let api: RunningApi;

  beforeAll(async () => {
    stack = await startBrowserStack('e2e_graphiql_live');
    api = await startHarnessApi(stack.harness, { webRoot: WEB_APP_ROOT, graphiql: true, webhooks: false });
  }, 180_000);

  afterAll(async () => {
    await api?.stop();
    await stack?.stop();
  });

  const signedIn = async (who: keyof typeof STAFF) => {
    const { context, problems } = await newContext(stack.browser, api.url, 'en-US');
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel('E-mail').fill(STAFF[who].email);
    await page.getByLabel('Password').fill(STAFF_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await secondStep(page, who, 'en-US');
    await page.getByTestId('current-user').waitFor();
    return { context, page, problems };
  };

  it('GraphiQL loads from this origin only, under the strict CSP, and runs a query as the signed-in user', async () => {
    const { context, page, problems } = await signedIn('admin');
    const answer = await page.goto('/graphql');
    expect(answer!.headers()['content-security-policy']).toMatch(/^default-src 'self'; script-src 'self';/);
    await page.locator('.graphiql-container').waitFor();
    await page.getByRole('button', { name: /execute query/i }).click();
    await page.locator('.result-window').getByText('"role": "ADMIN"').waitFor();
    expect(problems.list).toEqual([]);
    await context.close();
  });

  it('a signed-in page receives a task event over the WebSocket (cookie, same origin, CSP connect-src)', async () => {
    const { context, page, problems } = await signedIn('clerk');
    const ds = stack.harness.db.dataSource;
    const customer = await ds
      .getRepository(Customer)
      .save({ code: 'WS1', name: '客户 WS1', currency: 'CNY' });
    const period = await ds.getRepository(ReconciliationPeriod).save({
      customerId: customer.id,
      periodStart: '2026-10-01',
      periodEnd: '2026-10-31',
      workflowId: 'recon-WS1-2026-10',
      status: PeriodStatus.IN_REVIEW,
      currency: 'CNY',
    });
    const task = await ds.getRepository(Task).save({
      periodId: period.id,
      workflowId: period.workflowId,
      idempotencyKey: 'e2e-live-1',
      queue: TaskQueue.CLERK,
      type: TaskType.REVIEW_DIFFERENCE,
      title: 'difference e2e',
      dueAt: new Date('2026-11-02T09:00:00Z'),
    });
    // The page opens the socket as the app's Apollo link does: same origin, the session cookie.
    const received = page.evaluate(
      () =>
        new Promise<unknown>((resolve, reject) => {
          const socket = new WebSocket(`ws://${window.location.host}/graphql`, 'graphql-transport-ws');
          socket.onerror = () => reject(new Error('socket error'));
          socket.onclose = (event) => reject(new Error(`closed ${event.code} ${event.reason}`));
          socket.onopen = () => socket.send(JSON.stringify({ type: 'connection_init' }));
          socket.onmessage = (message) => {
            const data = JSON.parse(String(message.data)) as { type: string; payload?: unknown };
            if (data.type === 'connection_ack') {
              socket.send(
                JSON.stringify({
                  id: '1',
                  type: 'subscribe',
                  payload: { query: 'subscription { taskEvents { action taskId } }' },
                }),
              );
              (window as unknown as { subscribed: boolean }).subscribed = true;
            } else if (data.type === 'next') resolve(data.payload);
          };
        }),
    );
    await page.waitForFunction(() => (window as unknown as { subscribed?: boolean }).subscribed === true);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const bearer = `Bearer ${signUserToken(TEST_SECRETS.tokenSecret, {
      sub: stack.userIds.clerk2,
      role: STAFF.clerk2.role,
      name: STAFF.clerk2.name,
      exp: Date.now() / 1000 + 600,
    })}`;
    const claimed = await gql(
      api.graphqlUrl,
      'mutation ($id: ID!) { claimTask(id: $id) { id } }',
      { id: task.id },
      bearer,
    );
    expect(claimed.errors).toBeUndefined();
    expect(await received).toEqual({ data: { taskEvents: { action: 'task.claimed', taskId: task.id } } });
    expect(problems.list).toEqual([]);
    await context.close();
  });
});
