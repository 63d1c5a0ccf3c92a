import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { TaskQueue, TaskType, PeriodStatus } from '../../contract/enums';
import { WebhookEvent } from '../../entities/webhook-event.entity';
import { publishEvent, verifyWebhook, type WebhookEvents } from '../../webhooks';
import { codes, startApiHarness, type ApiHarness } from './api-harness';

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** An integrator's endpoint: answers each path with the next status of its script (then 200). */
async function startReceiver(script: Record<string, number[]>) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body });
      res.statusCode = script[req.url ?? '']?.shift() ?? 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, received, stop: () => new Promise((r) => server.close(r)) };
}

const TASK: WebhookEvents['task.created'] = {
  taskId: '41',
  periodId: '7',
  workflowId: 'recon-W1-2026-10',
  queue: TaskQueue.CLERK,
  type: TaskType.REVIEW_DIFFERENCE,
  title: 'Missing in our books: INV-9 100.00',
  dueAt: '2026-11-02T09:00:00.000Z',
};

const DELIVERIES = `query ($s: ID) { webhookDeliveries(subscriptionId: $s) {
  edges { node { id status attempts eventId log { attemptNo statusCode error } } } } }`;
type Deliveries = {
  webhookDeliveries: {
    edges: Array<{
      node: { id: string; status: string; attempts: number; log: Array<{ statusCode: number | null }> };
    }>;
  };
};

describe('signed webhooks from the outbox, with retries and a delivery log', () => {
  let h: ApiHarness;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const subs: Record<string, { id: string; secret: string }> = {};

  beforeAll(async () => {
    receiver = await startReceiver({ '/flaky': [500], '/down': [503, 503, 503, 503] });
    // The receiver listens on loopback, which webhooks reach only when configuration allows it.
    h = await startApiHarness('webhooks', {
      webhooks: { pollMs: 50, maxAttempts: 3, retryDelay: () => 0 },
      webhookAllowPrivateHosts: ['127.0.0.1'],
    });
    for (const [name, types] of [
      ['flaky', ['task.created']],
      ['down', []],
    ] as const) {
      const res = await h.call<{
        createWebhookSubscription: { secret: string; subscription: { id: string } };
      }>(
        'mutation ($n: String!, $u: String!, $t: [String!]!) { createWebhookSubscription(name: $n, url: $u, eventTypes: $t) { secret subscription { id } } }',
        { n: name, u: `${receiver.url}/${name}`, t: types },
        h.bearer.ADMIN,
      );
      subs[name] = {
        id: res.data!.createWebhookSubscription.subscription.id,
        secret: res.data!.createWebhookSubscription.secret,
      };
    }
  });

  afterAll(async () => {
    await h?.stop();
    await receiver?.stop();
  });

  async function settled(subscriptionId: string) {
    for (let i = 0; i < 100; i += 1) {
      const res = await h.call<Deliveries>(DELIVERIES, { s: subscriptionId }, h.bearer.ADMIN);
      const nodes = res.data!.webhookDeliveries.edges.map((e) => e.node);
      if (nodes.length && nodes.every((n) => n.status !== 'PENDING')) return nodes;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('deliveries never settled');
  }

  it('delivers an event committed with its change, signed, retrying until the receiver answers 2xx', async () => {
    const first = await h.db.dataSource.transaction((m) =>
      publishEvent(m, 'task.created', TASK, 'task:41:created'),
    );
    expect(first).toMatch(/^\d+$/);
    // A retried activity publishes the same key again: nothing new.
    expect(
      await h.db.dataSource.transaction((m) => publishEvent(m, 'task.created', TASK, 'task:41:created')),
    ).toBeNull();
    // A change that rolls back takes its event with it.
    await expect(
      h.db.dataSource.transaction(async (m) => {
        await publishEvent(m, 'task.created', { ...TASK, taskId: '42' }, 'task:42:created');
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await h.db.dataSource.getRepository(WebhookEvent).count()).toBe(1);

    const [delivery] = await settled(subs.flaky.id);
    expect(delivery).toMatchObject({ status: 'DELIVERED', attempts: 2 });
    expect(delivery.log.map((a) => a.statusCode)).toEqual([500, 200]);
    const requests = receiver.received.filter((r) => r.path === '/flaky');
    expect(requests).toHaveLength(2);
    for (const request of requests) {
      const headers = {
        signature: request.headers['recon-signature'] as string,
        timestamp: request.headers['recon-timestamp'] as string,
      };
      expect(verifyWebhook(subs.flaky.secret, headers, request.body)).toBe(true);
      expect(verifyWebhook(subs.down.secret, headers, request.body)).toBe(false);
      expect(verifyWebhook(subs.flaky.secret, headers, request.body.replace('INV-9', 'INV-8'))).toBe(false);
    }
    expect(JSON.parse(requests[1].body)).toEqual({
      id: first,
      type: 'task.created',
      occurredAt: expect.any(String),
      data: TASK,
    });
  });

  it('gives up after the last retry, keeps every attempt, and sends again on request', async () => {
    const change: WebhookEvents['period.status_changed'] = {
      periodId: '7',
      workflowId: 'recon-W1-2026-10',
      customerCode: 'W1',
      periodKey: '2026-10',
      from: PeriodStatus.MATCHING,
      to: PeriodStatus.IN_REVIEW,
    };
    // The "down" endpoint (every type) got the task event too, and gave up on it after 3 tries.
    const [failed] = await settled(subs.down.id);
    expect(failed).toMatchObject({ status: 'FAILED', attempts: 3 });
    expect(failed.log.map((a) => a.statusCode)).toEqual([503, 503, 503]);
    await h.db.dataSource.transaction((m) =>
      publishEvent(m, 'period.status_changed', change, 'period:7:IN_REVIEW:1'),
    );
    const down = await settled(subs.down.id);
    expect(down.map((d) => [d.status, d.log.map((a) => a.statusCode)])).toEqual([
      ['DELIVERED', [503, 200]],
      ['FAILED', [503, 503, 503]],
    ]);
    // The flaky endpoint only wanted task events.
    expect(await settled(subs.flaky.id)).toHaveLength(1);

    const again = await h.call<{ redeliverWebhook: { status: string } }>(
      'mutation ($id: ID!) { redeliverWebhook(id: $id) { status } }',
      { id: failed.id },
      h.bearer.ADMIN,
    );
    expect(again.data?.redeliverWebhook.status).toBe('PENDING');
    const redelivered = (await settled(subs.down.id)).find((d) => d.id === failed.id);
    expect(redelivered).toMatchObject({ status: 'DELIVERED', attempts: 1 });
  });

  it('queues nothing for a paused endpoint, and checks what an admin registers', async () => {
    await h.call(
      'mutation ($id: ID!) { setWebhookSubscriptionActive(id: $id, active: false) { active } }',
      { id: subs.flaky.id },
      h.bearer.ADMIN,
    );
    await h.db.dataSource.transaction((m) =>
      publishEvent(m, 'task.created', { ...TASK, taskId: '43' }, 'task:43:created'),
    );
    const flaky = await settled(subs.flaky.id);
    expect(flaky).toHaveLength(1);
    const bad = await h.call(
      'mutation { createWebhookSubscription(name: "x", url: "http://127.0.0.1/", eventTypes: ["task.deleted"]) { secret } }',
      {},
      h.bearer.ADMIN,
    );
    expect(bad.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [{ field: 'eventTypes' }],
    });
    const listed = await h.call(
      '{ webhookSubscriptions { id name url eventTypes active } }',
      {},
      h.bearer.ADMIN,
    );
    expect(JSON.stringify(listed)).not.toContain(subs.flaky.secret);
    expect(codes(await h.call('{ webhookSubscriptions { id } }', {}, h.bearer.MANAGER))).toEqual([
      'FORBIDDEN',
    ]);
  });
});
