import 'reflect-metadata';
import os from 'node:os';
import type { ChildProcess } from 'node:child_process';
import { Client, Connection } from '@temporalio/client';
import { issueApiKey } from '../auth/api-keys';
import { Permission } from '../auth/policy';
import { signUserToken } from '../auth/user-token';
import { OPEN_PERIODS_WORKFLOW, type OpenPeriodsInput, type OpenPeriodsResult } from '../contract/period';
import type { UserRole } from '../contract/enums';
import { choosePort } from '../temporal/dev-server';
import { openBenchEnvironment } from './_bench-environment';
import {
  BENCH_AUDIT_CHAIN_KEY,
  databaseUrl,
  startApiProcess,
  startPackageScript,
  stopProcess,
} from './_api-process';
import { numberArg, printResult } from './_cli';
import { cpuSeconds, cpuSince } from './_cpu-time';
import { residentMb, rssTrend, sampleRss, type RssSample, type RssTrend } from './_rss-sampler';
import { seedSoak, soakDifferences, type SoakSeedSize } from './_soak-seed';
import { SoakRecorder, type OperationFigures, type SoakError } from './_soak-recorder';
import { clerk, integrator, manager, type StaffCounts, type StaffPace } from './_soak-staff';

export interface SoakOptions extends SoakSeedSize {
  /** How long the people and the integrator work; the fan-out starts with them. */
  seconds: number;
  thinkMs: number;
  idleMs: number;
  batchEntries: number;
  batchEveryMs: number;
  sampleSeconds: number;
  log?: (message: string) => void;
}

export interface SoakResult {
  bench: 'soak';
  customers: number;
  clerks: number;
  managers: number;
  seconds: number;
  errors: number;
  errorSamples: SoakError[];
  /** Seconds until the fan-out workflow had opened every period, null if it had not by the end. */
  fanOutSeconds: number | null;
  /** Periods the fan-out had opened by the end (all of them once fanOutSeconds is set). */
  periodsOpened: number;
  /** Seconds until every period had left matching (IN_REVIEW or further), null if not by the end. */
  settledSeconds: number | null;
  periodsByStatus: Record<string, number>;
  differences: number;
  work: StaffCounts;
  tasksLeftClaimed: number;
  operations: Record<string, OperationFigures>;
  rss: { api: RssTrend; worker: RssTrend };
  rssSamples: RssSample[];
  /**
   * CPU seconds (user + system, every thread) each process used while the people worked: the API,
   * the worker, the Temporal dev server; null where /proc could not be read.
   */
  cpuSeconds: Record<string, number | null>;
  /** The worker's CPU milliseconds per period it opened (fan-out and people together). */
  workerCpuMsPerPeriod: number | null;
  loadAverage: number[];
}

const TOKEN_SECRET = 'soak-token-secret-'.padEnd(40, 'x');
const LINK_SECRET = 'soak-link-secret-'.padEnd(40, 'x');
const TASK_QUEUE = 'recon-soak';
const MONTH = '2026-10';

/**
 * The monthly fan-out of N periods on a worker process while clerks and managers work the queues
 * over the API (another process) and an integrator upserts ledger batches; every request timed per
 * operation, every failed one counted, both processes' RSS sampled.
 */
export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const log = options.log ?? (() => undefined);
  const { db, dataSource, dataDir, temporal, close } = await openBenchEnvironment('soak', { poolSize: 4 });
  const children: ChildProcess[] = [];
  let connection: Connection | undefined;
  try {
    const seedStart = Date.now();
    const users = await seedSoak(dataSource, options);
    log(`seeded ${options.customers} customers in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);
    const integratorKey = await issueApiKey(dataSource, 'soak ERP', [Permission.WRITE_LEDGER]);

    const env = {
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl(db),
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_TASK_QUEUE: TASK_QUEUE,
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: String(await choosePort(0)),
      AUTH_TOKEN_SECRET: TOKEN_SECRET,
      CUSTOMER_LINK_SECRET: LINK_SECRET,
      AUDIT_CHAIN_KEY: BENCH_AUDIT_CHAIN_KEY,
      RECON_DATA_DIR: dataDir,
      BACKUP_SCHEDULE: 'off',
      LOG_LEVEL: 'warn',
    };
    const api = await startApiProcess(env);
    children.push(api.child);
    const worker = await startPackageScript('start:worker', env, /Recon worker polling/);
    children.push(worker.child);
    log(`API at ${api.url}; worker up`);

    const exp = Date.now() / 1000 + 24 * 3600;
    const bearer = (u: { id: string; role: string }) =>
      `Bearer ${signUserToken(TOKEN_SECRET, { sub: u.id, role: u.role as UserRole, name: `Soak ${u.id}`, exp })}`;
    const recorder = new SoakRecorder(new URL(api.url), (e) => log(`error: ${JSON.stringify(e)}`));
    const counts: StaffCounts = {
      timing: 0,
      proposed: 0,
      approved: 0,
      reviewsCompleted: 0,
      batches: 0,
      resent: 0,
    };
    const begin = Date.now();
    const deadline = begin + options.seconds * 1000;
    const pace: StaffPace = {
      thinkMs: options.thinkMs,
      idleMs: options.idleMs,
      stopped: () => Date.now() >= deadline,
    };
    const rss = sampleRss({ api: api.child.pid!, worker: worker.child.pid! }, options.sampleSeconds * 1000);
    const cpuPids = { api: api.child.pid, worker: worker.child.pid, temporal: temporal.pid };
    const cpuAtStart = Object.fromEntries(
      Object.entries(cpuPids).map(([name, pid]) => [name, pid === undefined ? null : cpuSeconds(pid)]),
    );

    // The schedule's action, started now instead of at 02:00 on the 1st.
    connection = await Connection.connect({ address: temporal.address });
    const fanOut = new Client({ connection }).workflow.start(OPEN_PERIODS_WORKFLOW, {
      taskQueue: TASK_QUEUE,
      workflowId: `recon-open-periods-soak-${MONTH}`,
      args: [{ month: MONTH } satisfies OpenPeriodsInput],
    });
    // Watched by polling (never a long-poll left open when the soak ends): the fan-out's latest
    // run (it continues as new) COMPLETED, and every period past matching.
    const handle = await fanOut;
    let fanOutSeconds: number | null = null;
    let settledSeconds: number | null = null;
    const sinceBegin = () => Number(((Date.now() - begin) / 1000).toFixed(1));
    const watch = (async () => {
      while (Date.now() < deadline && (fanOutSeconds === null || settledSeconds === null)) {
        if (fanOutSeconds === null && (await handle.describe()).status.name === 'COMPLETED') {
          fanOutSeconds = sinceBegin();
          const result = (await handle.result()) as OpenPeriodsResult;
          log(`fan-out opened ${result.opened} periods in ${fanOutSeconds} s`);
        }
        const [row] = (await dataSource.query(
          "SELECT COUNT(*) AS n FROM reconciliation_periods WHERE status NOT IN ('OPEN', 'EXTRACTING', 'MATCHING')",
        )) as Array<{ n: string }>;
        if (settledSeconds === null && Number(row.n) === options.customers) settledSeconds = sinceBegin();
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    })();
    const progress = setInterval(() => {
      const t = Math.round((Date.now() - begin) / 1000);
      const rssNow = `RSS api ${residentMb(api.child.pid!)} MB, worker ${residentMb(worker.child.pid!)} MB`;
      void dataSource
        .query('SELECT COUNT(*) AS n FROM reconciliation_periods')
        .then(
          (rows: Array<{ n: string }>) => rows[0].n,
          () => '?',
        )
        .then((n) =>
          log(`${t} s: ${recorder.errorTotal()} errors, ${n} periods, ${rssNow}, ${JSON.stringify(counts)}`),
        );
    }, 30_000);

    const clerks = users.filter((u) => u.role === 'CLERK');
    const managers = users.filter((u) => u.role === 'MANAGER');
    await Promise.all([
      ...clerks.map((u) => clerk(recorder, bearer(u), pace, counts)),
      ...managers.map((u) => manager(recorder, bearer(u), pace, counts)),
      integrator(recorder, `Bearer ${integratorKey.key}`, pace, counts, {
        entries: options.batchEntries,
        everyMs: options.batchEveryMs,
        customers: options.customers,
      }),
      watch,
    ]);
    clearInterval(progress);
    const rssSamples = rss.stop();
    const cpuUsed = cpuSince(cpuPids, cpuAtStart);
    const [{ n: opened }] = (await dataSource.query(
      'SELECT COUNT(*) AS n FROM reconciliation_periods',
    )) as Array<{ n: string }>;

    const statusRows = (await dataSource.query(
      'SELECT status, COUNT(*) AS n FROM reconciliation_periods GROUP BY status ORDER BY status',
    )) as Array<{ status: string; n: string }>;
    const periodsByStatus = Object.fromEntries(statusRows.map((r) => [r.status, Number(r.n)]));
    if (periodsByStatus.FAILED)
      recorder.fail('periods', 0, 'FAILED', `${periodsByStatus.FAILED} periods FAILED`);
    const [{ n: claimedLeft }] = (await dataSource.query(
      "SELECT COUNT(*) AS n FROM tasks WHERE status = 'CLAIMED'",
    )) as Array<{ n: string }>;
    recorder.close();
    return {
      bench: 'soak',
      customers: options.customers,
      clerks: options.clerks,
      managers: options.managers,
      seconds: options.seconds,
      errors: recorder.errorTotal(),
      errorSamples: recorder.errors,
      fanOutSeconds,
      periodsOpened: Number(opened),
      settledSeconds,
      periodsByStatus,
      differences: soakDifferences(options),
      work: counts,
      tasksLeftClaimed: Number(claimedLeft),
      operations: recorder.figures(),
      rss: { api: rssTrend(rssSamples, 'api'), worker: rssTrend(rssSamples, 'worker') },
      rssSamples,
      cpuSeconds: cpuUsed,
      workerCpuMsPerPeriod:
        cpuUsed.worker === null || Number(opened) === 0
          ? null
          : Math.round((cpuUsed.worker * 1000) / Number(opened)),
      loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
    };
  } finally {
    // A failing step of the teardown is said, not thrown: it must not take the figures with it.
    const step = (what: string, run: () => Promise<void> | undefined) =>
      Promise.resolve(run()).catch((error: unknown) => log(`teardown: ${what} failed: ${String(error)}`));
    await step('closing the Temporal connection', () => connection?.close());
    for (const child of children.reverse()) await step('stopping a process', () => stopProcess(child));
    await step('dropping the environment', close);
  }
}

if (require.main === module) {
  printResult(
    runSoak({
      customers: numberArg('customers', 10_000),
      linesPerSide: numberArg('lines', 3),
      differenceEvery: numberArg('difference-every', 5),
      clerks: numberArg('clerks', 20),
      managers: numberArg('managers', 5),
      seconds: numberArg('seconds', 420),
      thinkMs: numberArg('think-ms', 200),
      idleMs: numberArg('idle-ms', 2000),
      batchEntries: numberArg('batch', 500),
      batchEveryMs: numberArg('batch-every-ms', 2000),
      sampleSeconds: numberArg('sample-seconds', 15),
      log: (message) => console.error(message),
    }),
  );
}
