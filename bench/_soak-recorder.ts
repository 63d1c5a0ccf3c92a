import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { nearestRank } from './_percentiles';

/** One operation's figures over the soak. */
export interface OperationFigures {
  count: number;
  errors: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** A failed request, kept whole enough to say what went wrong (the first few per operation). */
export interface SoakError {
  operation: string;
  status: number;
  code: string;
  message: string;
}

const KEPT_ERRORS_PER_OPERATION = 5;

/**
 * Times every GraphQL request of the soak by operation, and counts as an error every answer that
 * is not HTTP 200 with data and no `errors`: a refusal the actors did not expect is a failure, not
 * noise (the soak must end with zero).
 */
export class SoakRecorder {
  private readonly latencies = new Map<string, number[]>();
  private readonly errorCounts = new Map<string, number>();
  readonly errors: SoakError[] = [];
  // Idle sockets are dropped after 4 s, before the server's keep-alive timeout (Node's 5 s) closes
  // them: a request sent on a socket the server is closing at that moment fails with ECONNRESET.
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 64, timeout: 4000 });

  constructor(
    private readonly url: URL,
    /** Told of each error kept, as it happens (a long soak's log shows them before its end). */
    private readonly onError: (error: SoakError) => void = () => undefined,
  ) {}

  /** Sends one operation; resolves with its data, or null when it failed (counted and kept). */
  async request<T>(
    operation: string,
    authorization: string,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<T | null> {
    const payload = Buffer.from(JSON.stringify({ query, variables }));
    const begin = performance.now();
    let status = 0;
    let body = '';
    try {
      ({ status, body } = await this.post(authorization, payload));
    } catch (error) {
      body = JSON.stringify({ errors: [{ message: String(error), extensions: { code: 'NETWORK' } }] });
    }
    this.time(operation, performance.now() - begin);
    let parsed: { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> } = {};
    try {
      parsed = JSON.parse(body) as typeof parsed;
    } catch {
      parsed = { errors: [{ message: body.slice(0, 200), extensions: { code: 'NOT_JSON' } }] };
    }
    if (status === 200 && !parsed.errors && parsed.data) return parsed.data;
    const first = parsed.errors?.[0];
    this.fail(operation, status, first?.extensions?.code ?? 'NO_DATA', first?.message ?? body.slice(0, 200));
    return null;
  }

  /** Counts a failure found by checking an answer (a wrong count, a wrong outcome). */
  fail(operation: string, status: number, code: string, message: string): void {
    const count = (this.errorCounts.get(operation) ?? 0) + 1;
    this.errorCounts.set(operation, count);
    if (count > KEPT_ERRORS_PER_OPERATION) return;
    const error = { operation, status, code, message };
    this.errors.push(error);
    this.onError(error);
  }

  errorTotal(): number {
    let total = 0;
    for (const count of this.errorCounts.values()) total += count;
    return total;
  }

  figures(): Record<string, OperationFigures> {
    const result: Record<string, OperationFigures> = {};
    const names = new Set([...this.latencies.keys(), ...this.errorCounts.keys()]);
    for (const name of [...names].sort()) {
      const sorted = [...(this.latencies.get(name) ?? [])].sort((a, b) => a - b);
      const at = (q: number) => nearestRank(sorted, q);
      const round = (ms: number) => Number(ms.toFixed(1));
      result[name] = {
        count: sorted.length,
        errors: this.errorCounts.get(name) ?? 0,
        p50Ms: round(at(0.5)),
        p99Ms: round(at(0.99)),
        maxMs: round(sorted[sorted.length - 1] ?? 0),
      };
    }
    return result;
  }

  close(): void {
    this.agent.destroy();
  }

  private time(operation: string, ms: number): void {
    const list = this.latencies.get(operation);
    if (list) list.push(ms);
    else this.latencies.set(operation, [ms]);
  }

  private post(authorization: string, payload: Buffer): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: this.url.hostname,
          port: this.url.port,
          path: this.url.pathname,
          method: 'POST',
          agent: this.agent,
          headers: {
            'content-type': 'application/json',
            'content-length': payload.length,
            authorization,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }
}
