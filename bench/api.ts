import 'reflect-metadata';
import type { ChildProcess } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { issueApiKey } from '../auth/api-keys';
import { signUserToken } from '../auth/user-token';
import { Permission } from '../auth/policy';
import type { UserRole } from '../contract/enums';
import { choosePort } from '../temporal/dev-server';
import { openBenchEnvironment } from './_bench-environment';
import { numberArg, printResult, stringArg } from './_cli';
import { seedApiBench, settleSeed, type ApiSeedSize } from './_api-seed';
import {
  BENCH_AUDIT_CHAIN_KEY,
  databaseUrl,
  projectRoot,
  startApiProcess,
  stopProcess,
} from './_api-process';
import { post, type LoadResult } from './_http-load';
import type { QueueLoadJob } from './_queue-load-worker';

export interface ApiBenchOptions extends ApiSeedSize {
  clients: number;
  warmupSeconds: number;
  seconds: number;
  /** Entries in the one upsert batch (the API takes at most 10,000). */
  upsertEntries: number;
  /** Other client counts to measure first (reported under `sweep`). */
  sweep?: number[];
  /** API_PROCESSES for the API (default 1, as `npm run start:api` runs without the variable). */
  apiProcesses?: number;
  log?: (message: string) => void;
}

export interface ApiBenchResult {
  bench: 'api';
  customers: number;
  periods: number;
  tasks: number;
  clients: number;
  apiProcesses: number;
  requests: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  rps: number;
  upsertEntries: number;
  upsert10kSeconds: number;
  resend10kSeconds: number;
  seedSeconds: number;
  sweep?: Array<{ clients: number; rps: number; p50Ms: number; p99Ms: number }>;
}

/** What a clerk's screen asks for: the first page of the queue, each task with its period and customer. */
export const MY_QUEUE_QUERY = `query MyQueue {
  myTasks(first: 50) {
    edges {
      cursor
      node {
        id queue type status title dueAt priority assigneeId
        period { id key status periodStart periodEnd customer { id code name } }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

const UPSERT_MUTATION = `mutation Load($entries: [LedgerEntryInput!]!) {
  upsertLedgerEntries(entries: $entries) { created unchanged items { index outcome id } }
}`;

const TOKEN_SECRET = 'bench-token-secret-'.padEnd(40, 'x');
const LINK_SECRET = 'bench-link-secret-'.padEnd(40, 'x');

/**
 * The load generator on a thread of its own (dist/bench/_queue-load-worker.js): its garbage
 * collections pause only it, never against this process's heap of seed and ORM state. In the
 * benchmark's main thread the ~50 MB/s of answer buffers set off a full collection every ~250 ms,
 * 4–15 ms each over that heap, and every request in flight was timed through the pause.
 */
function runQueueLoad(job: QueueLoadJob): Promise<LoadResult> {
  const worker = new Worker(path.join(projectRoot(), 'dist', 'bench', '_queue-load-worker.js'), {
    workerData: job,
  });
  return new Promise<LoadResult>((resolve, reject) => {
    worker.once('message', (message: { result?: LoadResult; error?: string }) =>
      message.result ? resolve(message.result) : reject(new Error(message.error)),
    );
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the load generator exited (${code}) without a result`)));
  }).finally(() => void worker.terminate());
}

/** A batch of new entries for the first hundred customers, as an ERP would send it. */
function ledgerBatch(entries: number, customers: number) {
  return Array.from({ length: entries }, (_, i) => ({
    customerCode: `C${String(1 + (i % Math.min(100, customers))).padStart(6, '0')}`,
    source: 'bench-erp',
    externalId: `ERP-${String(i + 1).padStart(7, '0')}`,
    entryDate: `2026-11-${String(1 + (i % 28)).padStart(2, '0')}`,
    docNo: `INV-2611-${String(i + 1).padStart(6, '0')}`,
    reference: `PO-${(i * 37) % 100_000}`,
    description: i % 3 === 0 ? '货款 goods' : null,
    kind: i % 10 === 9 ? 'RECEIPT' : 'INVOICE',
    amount: `${i % 10 === 9 ? '-' : ''}${100 + ((i * 7919) % 90_000)}.${String(i % 100).padStart(2, '0')}`,
    currency: 'CNY',
  }));
}

export async function runApiBench(options: ApiBenchOptions): Promise<ApiBenchResult> {
  const log = options.log ?? (() => undefined);
  const apiProcesses = options.apiProcesses ?? 1;
  const { db, dataSource, dataDir, temporal, close } = await openBenchEnvironment('api');
  let api: ChildProcess | undefined;
  try {
    log(`seeding ${options.customers} customers, ${options.periods} periods, ${options.tasks} tasks`);
    const seedStart = performance.now();
    const users = await seedApiBench(dataSource, options);
    const seedSeconds = (performance.now() - seedStart) / 1000;
    log(`seeded in ${seedSeconds.toFixed(1)} s`);
    await settleSeed(dataSource, log);
    const integrator = await issueApiKey(dataSource, 'bench ERP', [Permission.WRITE_LEDGER]);

    const started = await startApiProcess({
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl(db),
      TEMPORAL_ADDRESS: temporal.address,
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: String(await choosePort(0)),
      AUTH_TOKEN_SECRET: TOKEN_SECRET,
      CUSTOMER_LINK_SECRET: LINK_SECRET,
      AUDIT_CHAIN_KEY: BENCH_AUDIT_CHAIN_KEY,
      RECON_DATA_DIR: dataDir,
      API_PROCESSES: String(apiProcesses),
    });
    api = started.child;

    // One person per client: each sees their own queue (managers see theirs and the clerks').
    const exp = Date.now() / 1000 + 3600;
    const bearer = users.map(
      (u) =>
        `Bearer ${signUserToken(TOKEN_SECRET, { sub: u.id, role: u.role as UserRole, name: `User ${u.id}`, exp })}`,
    );
    const body = JSON.stringify({ query: MY_QUEUE_QUERY });
    const queueLoad = (clients: number) =>
      runQueueLoad({
        url: started.url,
        clients,
        warmupSeconds: options.warmupSeconds,
        seconds: options.seconds,
        authorizations: bearer,
        users,
        body,
      });
    // Optional: the same query at other concurrencies first, to show where latency turns into queueing.
    const sweep: Array<{ clients: number; rps: number; p50Ms: number; p99Ms: number }> = [];
    for (const clients of options.sweep ?? []) {
      const { rps, p50Ms, p99Ms } = await queueLoad(clients);
      sweep.push({ clients, rps, p50Ms, p99Ms });
      log(`my queue at ${clients} clients: ${JSON.stringify(sweep[sweep.length - 1])}`);
    }
    log(
      `my queue: ${options.clients} clients, ${options.warmupSeconds} s warm-up, ${options.seconds} s measured`,
    );
    const load = await queueLoad(options.clients);
    log(`my queue: ${JSON.stringify(load)}`);

    const entries = ledgerBatch(options.upsertEntries, options.customers);
    const upsert = async (expect: 'CREATED' | 'UNCHANGED') => {
      const payload = Buffer.from(JSON.stringify({ query: UPSERT_MUTATION, variables: { entries } }));
      const begin = performance.now();
      const answer = await post(
        new URL(started.url),
        undefined,
        { authorization: `Bearer ${integrator.key}` },
        payload,
      );
      const seconds = (performance.now() - begin) / 1000;
      const result = JSON.parse(answer.body) as {
        errors?: unknown[];
        data?: {
          upsertLedgerEntries: { created: number; unchanged: number; items: Array<{ outcome: string }> };
        };
      };
      const items = result.data?.upsertLedgerEntries.items ?? [];
      if (
        answer.status !== 200 ||
        result.errors ||
        items.length !== entries.length ||
        items.some((i) => i.outcome !== expect)
      )
        throw new Error(`upsert (${expect}) failed (${answer.status}): ${answer.body.slice(0, 500)}`);
      return seconds;
    };
    const upsertSeconds = await upsert('CREATED');
    const resendSeconds = await upsert('UNCHANGED');
    const [{ n }] = (await dataSource.query(
      "SELECT COUNT(*) AS n FROM ledger_entries WHERE source = 'bench-erp'",
    )) as Array<{ n: string }>;
    if (Number(n) !== entries.length)
      throw new Error(`expected ${entries.length} ledger entries, found ${n}`);
    log(
      `upsert of ${entries.length}: ${upsertSeconds.toFixed(3)} s; the same batch again: ${resendSeconds.toFixed(3)} s`,
    );

    return {
      bench: 'api',
      customers: options.customers,
      periods: options.periods,
      tasks: options.tasks,
      clients: options.clients,
      apiProcesses,
      requests: load.requests,
      p50Ms: load.p50Ms,
      p90Ms: load.p90Ms,
      p99Ms: load.p99Ms,
      maxMs: load.maxMs,
      rps: load.rps,
      upsertEntries: entries.length,
      upsert10kSeconds: Number(upsertSeconds.toFixed(3)),
      resend10kSeconds: Number(resendSeconds.toFixed(3)),
      seedSeconds: Number(seedSeconds.toFixed(1)),
      ...(sweep.length ? { sweep } : {}),
    };
  } finally {
    if (api) await stopProcess(api);
    await close();
  }
}

if (require.main === module) {
  printResult(
    runApiBench({
      customers: numberArg('customers', 10_000),
      periods: numberArg('periods', 100_000),
      tasks: numberArg('tasks', 1_000_000),
      clerks: numberArg('clerks', 40),
      managers: numberArg('managers', 10),
      clients: numberArg('clients', 50),
      warmupSeconds: numberArg('warmup', 3),
      seconds: numberArg('seconds', 20),
      upsertEntries: numberArg('upsert', 10_000),
      sweep: (stringArg('sweep') ?? '').split(',').filter(Boolean).map(Number),
      apiProcesses: stringArg('api-processes') ? numberArg('api-processes', 1) : undefined,
      log: (message) => console.error(message),
    }),
  );
}
