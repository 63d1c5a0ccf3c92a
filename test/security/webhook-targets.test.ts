import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { TaskQueue, TaskType } from '../../contract/enums';
import { publishEvent, type WebhookEvents } from '../../webhooks';
import { codes, startApiHarness, type ApiHarness } from '../api/api-harness';

/**
 * #17 point 18 (SSRF): a webhook may not target loopback, private or link-local addresses (v4 and v6,
 * by any spelling, or by a name that resolves to one) unless WEBHOOK_ALLOW_PRIVATE_HOSTS names them.
 * Checked when subscribing and again when delivering (the socket connects to the address checked);
 * redirects are not followed; the delivery log says a status or a kind of failure, never the
 * receiver's body or the library's message.
 */
const SUBSCRIBE = `mutation ($n: String!, $u: String!) {
  createWebhookSubscription(name: $n, url: $u, eventTypes: []) { subscription { id url } } }`;
const DELIVERIES = `query ($s: ID) { webhookDeliveries(subscriptionId: $s) {
  edges { node { status attempts log { statusCode error } } } } }`;
type Deliveries = {
  webhookDeliveries: {
    edges: Array<{
      node: {
        status: string;
        attempts: number;
        log: Array<{ statusCode: number | null; error: string | null }>;
      };
    }>;
  };
};

const TASK: WebhookEvents['task.created'] = {
  taskId: '1',
  periodId: '1',
  workflowId: 'recon-S1-2026-10',
  queue: TaskQueue.CLERK,
  type: TaskType.REVIEW_DIFFERENCE,
  title: 'a task',
  dueAt: '2026-11-02T09:00:00.000Z',
};

/** A receiver on loopback: counts requests; `/redirect` answers 302 to the metadata address, `/leak` 500 with a body. */
async function startReceiver() {
  const paths: string[] = [];
  const server = http.createServer((req, res) => {
    paths.push(req.url ?? '');
    req.resume();
    if (req.url === '/redirect') {
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    } else if (req.url === '/leak') {
      res.writeHead(500, { 'content-type': 'text/plain' }).end('SECRET-INTERNAL-BODY root:x:0:0');
    } else res.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { port, paths, stop: () => new Promise((resolve) => server.close(resolve)) };
}

const PRIVATE_URLS = [
  'http://127.0.0.1/',
  'http://127.1.2.3:8080/',
  'http://2130706433/',
  'http://0x7f000001/',
  'http://0.0.0.0/',
  'http://10.0.0.5/',
  'http://172.16.3.4/',
  'http://192.168.1.1/',
  'http://169.254.169.254/latest/meta-data/',
  'http://100.64.0.1/',
  'http://[::1]/',
  'http://[::]/',
  'http://[::ffff:127.0.0.1]/',
  'http://[::ffff:a9fe:a9fe]/',
  'http://[64:ff9b::a00:1]/',
  'http://[fe80::1]/',
  'http://[fd12:3456::1]/',
  'http://localhost:4000/',
  'http://LocalHost/',
];

describe('webhook targets (#17.18, SSRF)', () => {
  let strict: ApiHarness;
  let allowing: ApiHarness;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    receiver = await startReceiver();
    const webhooks = { pollMs: 50, maxAttempts: 1, retryDelay: () => 0 };
    [strict, allowing] = await Promise.all([
      startApiHarness('webhook-ssrf', { webhooks }),
      startApiHarness('webhook-allow', { webhooks, webhookAllowPrivateHosts: ['127.0.0.1', '10.0.0.0/8'] }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([strict?.stop(), allowing?.stop()]);
    await receiver?.stop();
  });

  it.each(PRIVATE_URLS)(
    'refuses %s when subscribing (BAD_USER_INPUT naming url), stores nothing',
    async (url) => {
      const answer = await strict.call(SUBSCRIBE, { n: 'x', u: url }, strict.bearer.ADMIN);
      expect(codes(answer)).toEqual(['BAD_USER_INPUT']);
      expect(answer.errors![0].extensions).toMatchObject({ problems: [{ field: 'url' }] });
      expect(answer.errors![0].message).toMatch(/private address|WEBHOOK_ALLOW_PRIVATE_HOSTS/);
      const [row] = (await strict.db.dataSource.query(
        'SELECT COUNT(*) AS n FROM webhook_subscriptions',
      )) as Array<{
        n: string;
      }>;
      expect(Number(row.n)).toBe(0);
    },
  );

  it('takes what the allow-list names, and only that', async () => {
    for (const url of [`http://127.0.0.1:${receiver.port}/ok`, 'http://10.1.2.3/']) {
      expect(codes(await allowing.call(SUBSCRIBE, { n: 'ok', u: url }, allowing.bearer.ADMIN))).toEqual([]);
    }
    for (const url of [
      'http://127.0.0.2/',
      'http://[::1]/',
      'http://192.168.0.1/',
      'http://169.254.169.254/',
    ]) {
      const answer = await allowing.call(SUBSCRIBE, { n: 'no', u: url }, allowing.bearer.ADMIN);
      expect([url, codes(answer)]).toEqual([url, ['BAD_USER_INPUT']]);
    }
  });

  it('checks again when delivering: a stored private URL is not called, by address or by name', async () => {
    // Rows stored before the rule (or before the allow-list changed) are refused at delivery time.
    const ids: string[] = [];
    for (const host of ['127.0.0.1', 'localhost']) {
      const result = (await strict.db.dataSource.query(
        `INSERT INTO webhook_subscriptions (name, url, event_types, secret, active, created_by)
         VALUES (?, ?, '[]', 'whsec_test', 1, 'user:1')`,
        [host, `http://${host}:${receiver.port}/stored-${host}`],
      )) as { insertId: number };
      ids.push(String(result.insertId));
    }
    await strict.db.dataSource.transaction((manager) => publishEvent(manager, 'task.created', TASK));
    for (const id of ids) {
      const log = await settled(strict, id);
      expect(log).toEqual([
        { statusCode: null, error: expect.stringMatching(/^refused: .*private address/) },
      ]);
    }
    expect(receiver.paths.filter((path) => path.startsWith('/stored-'))).toEqual([]);
  });

  it('does not follow redirects and does not echo the receiver’s body', async () => {
    const ids: Record<string, string> = {};
    for (const path of ['redirect', 'leak']) {
      const created = await allowing.call<{ createWebhookSubscription: { subscription: { id: string } } }>(
        SUBSCRIBE,
        { n: path, u: `http://127.0.0.1:${receiver.port}/${path}` },
        allowing.bearer.ADMIN,
      );
      ids[path] = created.data!.createWebhookSubscription.subscription.id;
    }
    await allowing.db.dataSource.transaction((manager) => publishEvent(manager, 'task.created', TASK));
    expect(await settled(allowing, ids.redirect)).toEqual([
      { statusCode: 302, error: 'HTTP 302 (redirects are not followed)' },
    ]);
    expect(await settled(allowing, ids.leak)).toEqual([{ statusCode: 500, error: 'HTTP 500' }]);
    expect(receiver.paths.filter((path) => path === '/redirect')).toHaveLength(1);
    const [row] = (await allowing.db.dataSource.query(
      "SELECT COUNT(*) AS n FROM webhook_attempts WHERE error LIKE '%SECRET%' OR error LIKE '%169.254%'",
    )) as Array<{ n: string }>;
    expect(Number(row.n)).toBe(0);
  });
});

/** The delivery log of a subscription's one delivery, once it has been tried. */
async function settled(h: ApiHarness, subscriptionId: string) {
  for (let i = 0; i < 300; i++) {
    const answer = await h.call<Deliveries>(DELIVERIES, { s: subscriptionId }, h.bearer.ADMIN);
    const node = answer.data?.webhookDeliveries.edges[0]?.node;
    if (node && node.attempts > 0) return node.log;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`subscription ${subscriptionId}: no delivery attempted`);
}
