import { codes, startPlatformStack, type PlatformStack } from './platform-stack';

/**
 * Probe (December 2026): a key scoped `webhook:write` alone (docs/security.md: it "cannot read
 * periods, customers or the ledger") subscribed its own endpoint to every event and so received
 * what `read` guards: each period's customer and status (period.status_changed), every clerk task's
 * title (task.created), each customer's credit limit and exposure (credit.over_limit). The live
 * subscriptions over the WebSocket carry the same events and already need `read`. A subscription is
 * a standing read of those events: creating one (or resuming one) needs `read` as well.
 */
describe('a webhook subscription is a read of the events it receives (probe)', () => {
  let stack: PlatformStack;
  const SUBSCRIBE = `mutation ($u: String!) {
    createWebhookSubscription(name: "mine", url: $u, eventTypes: []) { subscription { id } } }`;
  const RESUME = `mutation ($id: ID!) { setWebhookSubscriptionActive(id: $id, active: true) { id active } }`;
  const PAUSE = `mutation ($id: ID!) { setWebhookSubscriptionActive(id: $id, active: false) { id active } }`;
  const URL = 'http://127.0.0.1:9/hook';

  beforeAll(async () => {
    stack = await startPlatformStack('webhook_read', { webhookAllowPrivateHosts: ['127.0.0.1'] });
  });
  afterAll(() => stack?.stop());

  it('refuses a key without `read` with FORBIDDEN, and subscribes one with both scopes', async () => {
    const writeOnly = await stack.apiKey('webhook:write');
    const refused = await stack.call(SUBSCRIBE, { u: URL }, writeOnly);
    expect(codes(refused)).toEqual(['FORBIDDEN']);
    expect(refused.errors?.[0]?.message).toContain('read');

    const reader = await stack.apiKey('webhook:write', 'read');
    const created = await stack.call<{ createWebhookSubscription: { subscription: { id: string } } }>(
      SUBSCRIBE,
      { u: URL },
      reader,
    );
    expect(codes(created)).toEqual([]);
    const id = created.data!.createWebhookSubscription.subscription.id;
    expect(codes(await stack.call(PAUSE, { id }, reader))).toEqual([]);

    // Pausing is not a read; resuming starts the events again, so it is one.
    expect(codes(await stack.call(PAUSE, { id }, writeOnly))).toEqual([]);
    expect(codes(await stack.call(RESUME, { id }, writeOnly))).toEqual(['FORBIDDEN']);
    const resumed = await stack.call<{ setWebhookSubscriptionActive: { active: boolean } }>(
      RESUME,
      { id },
      reader,
    );
    expect(resumed.data?.setWebhookSubscriptionActive.active).toBe(true);
  });
});
