import WebSocket from 'ws';
import { MAX_ALIASES } from '../../api/alias-limit';
import { MAX_QUERY_TOKENS } from '../../api/server';
import { LIVE_LIMITS } from '../../api/subscriptions/ws-server';
import { captureLogs } from '../../observability/logger';
import { liveClient, type LiveClient } from '../support/live-client';
import { startApiHarness, type ApiHarness } from '../api/api-harness';

/**
 * Subscriptions over graphql-ws take the same limits as queries over HTTP (#17 probe): tokens,
 * aliases, depth and cost; at most LIVE_LIMITS.subscriptionsPerConnection per socket; a socket that
 * never authenticates is closed within seconds; an oversized or broken frame closes the socket and
 * is logged as the client's fault in one line, not as an internal error with a stack trace.
 */
describe('limits of the WebSocket endpoint (#17 probe)', () => {
  let h: ApiHarness;
  const clients: LiveClient[] = [];
  const connect = async (authorization: string) => {
    const client = liveClient(h.api.graphqlUrl, { authorization });
    clients.push(client);
    await client.connected;
    return client;
  };
  const errorCodes = (message: { errors?: unknown }) =>
    ((message.errors ?? []) as Array<{ extensions?: { code?: string } }>).map((e) => e.extensions?.code);

  beforeAll(async () => {
    h = await startApiHarness('live_limits', { liveEvents: { pollMs: 40 } });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
  });
  afterAll(() => h?.stop());

  it('refuses too many aliases and too many tokens, as POST /graphql does', async () => {
    const live = await connect(h.bearer.ADMIN);
    const aliases = Array.from({ length: MAX_ALIASES + 1 }, (_, i) => `a${i}: id`).join(' ');
    // Before: accepted, and every event resolved and sent each alias.
    expect(errorCodes(await live.subscribe(`subscription { periodEvents { ${aliases} } }`).next())).toEqual([
      'TOO_MANY_ALIASES',
    ]);
    const typenames = '__typename '.repeat(MAX_QUERY_TOKENS);
    expect(typenames.length).toBeLessThan(LIVE_LIMITS.maxMessageBytes);
    expect(
      errorCodes(await live.subscribe(`subscription { periodEvents { id ${typenames} } }`).next()),
    ).toEqual(['GRAPHQL_PARSE_FAILED']);
    // Nested past what the recursive parser's stack takes: refused on its text, before parsing.
    const deep = `subscription { periodEvents { id ${'a { '.repeat(2_400)}b${' }'.repeat(2_400)} } }`;
    expect(errorCodes(await live.subscribe(deep).next())).toEqual(['QUERY_TOO_DEEP']);
    // Within the limits a subscription is taken (no answer until an event).
    const fine = live.subscribe('subscription { periodEvents { id action } }');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fine.pending()).toBe(0);
  });

  it(`takes at most ${LIVE_LIMITS.subscriptionsPerConnection} subscriptions per connection`, async () => {
    const live = await connect(h.bearer.MANAGER);
    const subscriptions = Array.from({ length: LIVE_LIMITS.subscriptionsPerConnection }, () =>
      live.subscribe('subscription { taskEvents { id } }'),
    );
    const extra = live.subscribe('subscription { taskEvents { id } }');
    // Before: FORBIDDEN, as if the caller lacked a permission; it is a limit, and says which.
    const refused = (await extra.next()) as {
      errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
    };
    expect(errorCodes(refused)).toEqual(['TOO_MANY_SUBSCRIPTIONS']);
    expect(refused.errors?.[0].message).toMatch(/at most 20 subscriptions per connection/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(subscriptions.map((s) => s.pending())).toEqual(subscriptions.map(() => 0));
  });

  it('closes a socket that never authenticates within seconds', async () => {
    const socket = new WebSocket(h.api.graphqlUrl.replace(/^http/, 'ws'), 'graphql-transport-ws');
    const started = Date.now();
    const code = await new Promise<number>((resolve) =>
      socket.on('close', (closeCode) => resolve(closeCode)),
    );
    expect(code).toBe(4408); // graphql-ws: connection initialisation timeout
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('closes on an oversized or broken frame with its code and logs it as the client’s, without a stack', async () => {
    const logged: string[] = [];
    const restore = captureLogs((line: string) => void logged.push(line));
    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const big = await connect(h.bearer.ADMIN);
      big.subscribe(`subscription { periodEvents { id } } # ${'x'.repeat(LIVE_LIMITS.maxMessageBytes)}`);
      expect((await big.closed).code).toBe(1009);

      // A text frame that is not UTF-8: the protocol's 1007, the client's fault too.
      const raw = new WebSocket(h.api.graphqlUrl.replace(/^http/, 'ws'), 'graphql-transport-ws');
      await new Promise((resolve) => raw.on('open', resolve));
      const closed = new Promise<number>((resolve) => raw.on('close', (code) => resolve(code)));
      raw.on('error', () => undefined);
      raw.send(Buffer.from([0xc3, 0x28]), { binary: false }); // ws sends it unchecked
      expect(await closed).toBe(1007);
      await new Promise((resolve) => setTimeout(resolve, 100));

      // Before: graphql-ws printed "Internal error emitted on a WebSocket socket…" with the error's stack.
      expect(consoleError.mock.calls.map((call) => String(call[0]))).toEqual([]);
      const lines = logged.filter((line) => line.includes('WebSocket'));
      expect(lines.map((line) => /WS_ERR_\w+/.exec(line)?.[0])).toEqual([
        'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH',
        'WS_ERR_INVALID_UTF8',
      ]);
      expect(lines.join('\n')).not.toMatch(/\n\s+at |\.ts:\d+/);
    } finally {
      consoleError.mockRestore();
      restore();
    }
  });
});
