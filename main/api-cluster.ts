import cluster, { type Worker } from 'node:cluster';
import { startMetricsServer } from '../api/metrics/metrics-server';

/** What an API process tells its supervisor once it listens. */
export interface ApiReady {
  type: 'recon-api-ready';
  graphqlUrl: string;
}

export const isApiReady = (message: unknown): message is ApiReady =>
  typeof message === 'object' && message !== null && (message as ApiReady).type === 'recon-api-ready';

/** A process that dies this soon after its start is failing, not crashing once: stop instead of looping. */
const MIN_UPTIME_MS = 10_000;

/**
 * The supervisor of API_PROCESSES API processes on one port (node:cluster hands each new
 * connection to the next process). It serves nothing itself: it prints the URL once all of them
 * listen, replaces one that crashes, stops them all on SIGINT/SIGTERM, and exits with an error if
 * one cannot start. Each process boots as `npm run start:api` alone would (migrations take a lock).
 */
export function superviseApiProcesses(
  processes: number,
  metrics: { host: string; port: number } | null = null,
): void {
  let ready = 0;
  let stopping = false;
  let exitCode = 0;
  const startedAt = new Map<Worker, number>();
  const fork = () => startedAt.set(cluster.fork(), Date.now());

  cluster.on('message', (_worker, message: unknown) => {
    if (!isApiReady(message)) return;
    ready += 1;
    if (ready !== processes) return;
    console.log(`Recon API: ${message.graphqlUrl} (${processes} processes)`);
    // The sum of every process's counters, served by the supervisor (each process's own registry answers it).
    if (metrics)
      startMetricsServer(metrics).then(
        (server) => console.log(`Metrics: ${server.url}`),
        (error: unknown) => {
          console.error(`Recon API: ${(error as Error).message}`);
          stopAll(1);
        },
      );
  });
  cluster.on('exit', (worker, code, signal) => {
    const uptime = Date.now() - (startedAt.get(worker) ?? 0);
    startedAt.delete(worker);
    if (stopping) {
      if (startedAt.size === 0) process.exit(exitCode);
      return;
    }
    if (ready < processes || uptime < MIN_UPTIME_MS) {
      console.error(`Recon API: a process exited during start-up (${signal ?? code}); stopping`);
      stopAll(1);
      return;
    }
    console.error(`Recon API: process ${worker.process.pid} died (${signal ?? code}); starting another`);
    fork();
  });

  const stopAll = (code: number) => {
    stopping = true;
    exitCode = Math.max(exitCode, code);
    if (startedAt.size === 0) process.exit(exitCode);
    for (const worker of startedAt.keys()) worker.process.kill('SIGTERM');
  };
  process.on('SIGINT', () => stopAll(0));
  process.on('SIGTERM', () => stopAll(0));

  for (let i = 0; i < processes; i++) fork();
}
