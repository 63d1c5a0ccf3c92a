import http from 'node:http';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { nearestRank } from './_percentiles';

export interface LoadOptions {
  url: string;
  /** Concurrent clients; each has its own keep-alive connection and sends its next request when the last one answers. */
  clients: number;
  /** Requests before this many seconds are warm-up and not counted. */
  warmupSeconds: number;
  seconds: number;
  /** The request client `i` sends: its headers and JSON body. */
  request(client: number): { headers: Record<string, string>; body: string };
  /**
   * Throws when an answer is wrong (a failed request fails the benchmark, not just its figures).
   * The body comes as bytes: decoding every 20 KB answer into a string would spend the shared
   * machine's CPU in the load generator; checks decode what they read in depth.
   */
  check(status: number, body: Buffer, client: number): void;
}

export interface LoadResult {
  /** Answers in the measured seconds. */
  requests: number;
  /** Answers in all, warm-up included (CPU time per answer divides by this). */
  answered: number;
  seconds: number;
  rps: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
}

/**
 * Closed-loop load like autocannon's: N clients, each on its own keep-alive connection, waiting for
 * its answer before asking again. The load generator shares the machine with the server, so it is
 * as lean as autocannon: each client's request bytes are built once, and answers are framed by
 * their Content-Length (or chunks) without Node's HTTP client machinery.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const target = new URL(options.url);
  const latencies: number[] = [];
  let answered = 0;
  const begin = performance.now();
  const measureFrom = begin + options.warmupSeconds * 1000;
  const end = measureFrom + options.seconds * 1000;

  const client = async (index: number) => {
    const { headers, body } = options.request(index);
    const connection = await KeepAliveConnection.open(target, rawRequest(target, headers, body));
    try {
      for (;;) {
        const sent = performance.now();
        if (sent >= end) return;
        const answer = await connection.exchange();
        const took = performance.now() - sent;
        answered += 1;
        options.check(answer.status, answer.body, index);
        if (sent >= measureFrom) latencies.push(took);
      }
    } finally {
      connection.close();
    }
  };
  await Promise.all(Array.from({ length: options.clients }, (_, i) => client(i)));

  latencies.sort((a, b) => a - b);
  const at = (q: number) => nearestRank(latencies, q);
  const round = (ms: number) => Number(ms.toFixed(2));
  return {
    requests: latencies.length,
    answered,
    seconds: options.seconds,
    rps: Math.round(latencies.length / options.seconds),
    p50Ms: round(at(0.5)),
    p90Ms: round(at(0.9)),
    p99Ms: round(at(0.99)),
    maxMs: round(latencies[latencies.length - 1] ?? 0),
  };
}

function rawRequest(target: URL, headers: Record<string, string>, body: string): Buffer {
  const payload = Buffer.from(body);
  const lines = [
    `POST ${target.pathname}${target.search} HTTP/1.1`,
    `host: ${target.host}`,
    'content-type: application/json',
    `content-length: ${payload.length}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), payload]);
}

const HEADER_END = Buffer.from('\r\n\r\n');

/** One keep-alive HTTP/1.1 connection sending the same request again and again. */
class KeepAliveConnection {
  private buffered: Buffer = Buffer.alloc(0);
  private waiting: {
    resolve(answer: { status: number; body: Buffer }): void;
    reject(e: Error): void;
  } | null = null;
  private failure: Error | null = null;

  private constructor(
    private readonly socket: net.Socket,
    private readonly request: Buffer,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.buffered = this.buffered.length ? Buffer.concat([this.buffered, chunk]) : chunk;
      this.deliver();
    });
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(new Error('the server closed the connection')));
  }

  static open(target: URL, request: Buffer): Promise<KeepAliveConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: target.hostname, port: Number(target.port) || 80 }, () => {
        socket.off('error', reject);
        resolve(new KeepAliveConnection(socket, request));
      });
      socket.once('error', reject);
    });
  }

  exchange(): Promise<{ status: number; body: Buffer }> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.write(this.request);
    });
  }

  close(): void {
    this.socket.removeAllListeners('close');
    this.socket.destroy();
  }

  /** Hands over one whole answer once its bytes are in. */
  private deliver(): void {
    if (!this.waiting) return;
    const headerEnd = this.buffered.indexOf(HEADER_END);
    if (headerEnd < 0) return;
    const head = this.buffered.toString('latin1', 0, headerEnd);
    const status = Number(head.slice(9, 12));
    const length = /\r\ncontent-length: *(\d+)/i.exec(head);
    const start = headerEnd + HEADER_END.length;
    let body: Buffer;
    let consumed: number;
    if (length) {
      consumed = start + Number(length[1]);
      if (this.buffered.length < consumed) return;
      body = this.buffered.subarray(start, consumed);
    } else if (/\r\ntransfer-encoding: *chunked/i.test(head)) {
      const chunks = dechunk(this.buffered, start);
      if (!chunks) return;
      ({ body, consumed } = chunks);
    } else {
      this.fail(new Error(`an answer without a length: ${head}`));
      return;
    }
    // A view, not a copy: later chunks are appended into new buffers, never into this one.
    const answer = { status, body };
    this.buffered = this.buffered.subarray(consumed);
    const waiting = this.waiting;
    this.waiting = null;
    waiting.resolve(answer);
  }

  private fail(error: Error): void {
    this.failure = error;
    this.waiting?.reject(error);
    this.waiting = null;
  }
}

/** A chunked body from `start`, or null while it is incomplete. */
function dechunk(data: Buffer, start: number): { body: Buffer; consumed: number } | null {
  const parts: Buffer[] = [];
  let at = start;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd < 0) return null;
    const size = parseInt(data.toString('latin1', at, lineEnd), 16);
    const from = lineEnd + 2;
    if (data.length < from + size + 2) return null;
    if (size === 0) return { body: Buffer.concat(parts), consumed: from + 2 };
    parts.push(data.subarray(from, from + size));
    at = from + size + 2;
  }
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
