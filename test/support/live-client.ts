import type { FormattedExecutionResult } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface LiveSubscription<T> {
  /** The next message (a result, or the errors the server sent), waiting up to `timeoutMs`. */
  next(timeoutMs?: number): Promise<FormattedExecutionResult<T, unknown> | { errors: unknown }>;
  /** Resolves when the server completes the subscription. */
  completed: Promise<void>;
  /** Messages received and not taken yet. */
  pending(): number;
  stop(): void;
}

export interface LiveClient {
  client: Client;
  /** Resolves with the close event's code and reason when the socket closes. */
  closed: Promise<{ code: number; reason: string }>;
  /** Resolves once the server acknowledged the connection (after authentication). */
  connected: Promise<void>;
  subscribe<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ): LiveSubscription<T>;
  dispose(): Promise<void>;
}

/**
 * A real graphql-ws client over the `ws` package, for tests: HTTP headers of the upgrade (a
 * browser's cookie and Origin) or connectionParams (an integrator's authorization), no retries.
 */
export function liveClient(
  graphqlUrl: string,
  options: { authorization?: string; headers?: Record<string, string> } = {},
): LiveClient {
  let onClosed!: (event: { code: number; reason: string }) => void;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => (onClosed = resolve));
  let onConnected!: () => void;
  let onRefused!: (error: Error) => void;
  const connected = new Promise<void>((resolve, reject) => {
    onConnected = resolve;
    onRefused = reject;
  });
  connected.catch(() => undefined);
  const headers = options.headers ?? {};
  class HeaderedWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  }
  const client = createClient({
    url: graphqlUrl.replace(/^http/, 'ws'),
    webSocketImpl: HeaderedWebSocket,
    connectionParams: options.authorization ? { authorization: options.authorization } : undefined,
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => undefined,
    on: {
      connected: () => onConnected(),
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: string };
        onClosed({ code, reason: String(reason) });
        onRefused(new Error(`closed before it was acknowledged: ${code} ${String(reason)}`));
      },
    },
  });
  return {
    client,
    closed,
    connected,
    subscribe<T>(query: string, variables: Record<string, unknown> = {}) {
      const received: Array<FormattedExecutionResult<T, unknown> | { errors: unknown }> = [];
      const waiters: Array<() => void> = [];
      let onCompleted!: () => void;
      const completed = new Promise<void>((resolve) => (onCompleted = resolve));
      const wake = () => waiters.splice(0).forEach((wake) => wake());
      const stop = client.subscribe<T>(
        { query, variables },
        {
          next: (value) => {
            received.push(value);
            wake();
          },
          error: (errors) => {
            received.push({ errors });
            wake();
            onCompleted();
          },
          complete: () => onCompleted(),
        },
      );
      return {
        completed,
        pending: () => received.length,
        stop,
        async next(timeoutMs = 10_000) {
          const deadline = Date.now() + timeoutMs;
          while (received.length === 0) {
            const left = deadline - Date.now();
            if (left <= 0) throw new Error(`no message within ${timeoutMs} ms`);
            await new Promise<void>((resolve) => {
              const timer = setTimeout(resolve, left);
              waiters.push(() => {
                clearTimeout(timer);
                resolve();
              });
            });
          }
          return received.shift()!;
        },
      };
    },
    dispose: async () => {
      await client.dispose();
    },
  };
}
