import http from 'node:http';
import { performance } from 'node:perf_hooks';

export interface LoadOptions {
  url: string;
  /** Concurrent clients; each has its own keep-alive connection and sends its next request when the last one answers. */
  clients: number;
  /** Requests before this many seconds are warm-up and not counted. */
  warmupSeconds: number;
  seconds: number;
  /** The request client `i` sends: its headers and JSON body. */
  request(client: number): { headers: Record<string, string>; body: string };
  /** Throws when an answer is wrong (a failed request fails the benchmark, not just its figures). */
  check(status: number, body: string, client: number): void;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  rps: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** Closed-loop load like autocannon's: N clients, each waiting for its answer before asking again. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const target = new URL(options.url);
  const latencies: number[] = [];
  const begin = performance.now();
  const measureFrom = begin + options.warmupSeconds * 1000;
  const end = measureFrom + options.seconds * 1000;

  const client = async (index: number) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const { headers, body } = options.request(index);
    const payload = Buffer.from(body);
    try {
      for (;;) {
        const sent = performance.now();
        if (sent >= end) return;
        const answer = await post(target, agent, headers, payload);
        const took = performance.now() - sent;
        options.check(answer.status, answer.body, index);
        if (sent >= measureFrom) latencies.push(took);
      }
    } finally {
      agent.destroy();
    }
  };
  await Promise.all(Array.from({ length: options.clients }, (_, i) => client(i)));

  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)];
  const round = (ms: number) => Number(ms.toFixed(2));
  return {
    requests: latencies.length,
    seconds: options.seconds,
    rps: Math.round(latencies.length / options.seconds),
    p50Ms: round(at(0.5)),
    p90Ms: round(at(0.9)),
    p99Ms: round(at(0.99)),
    maxMs: round(latencies[latencies.length - 1]),
  };
}

/** One POST; resolves with the status and the whole body. */
export function post(
  target: URL,
  agent: http.Agent | undefined,
  headers: Record<string, string>,
  payload: Buffer,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': payload.length, ...headers },
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
