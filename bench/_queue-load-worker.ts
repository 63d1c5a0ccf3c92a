import { parentPort, workerData } from 'node:worker_threads';
import type { SeededUser } from './_api-seed';
import { runLoad } from './_http-load';
import { queueAnswerChecker } from './_queue-check';

/** What the API benchmark hands its load generator (see runQueueLoad in api.ts). */
export interface QueueLoadJob {
  url: string;
  clients: number;
  warmupSeconds: number;
  seconds: number;
  /** One Authorization header per seeded user; client i sends `authorizations[i % n]`. */
  authorizations: string[];
  users: SeededUser[];
  body: string;
}

const job = workerData as QueueLoadJob;
const check = queueAnswerChecker(job.users);
runLoad({
  url: job.url,
  clients: job.clients,
  warmupSeconds: job.warmupSeconds,
  seconds: job.seconds,
  request: (client) => ({
    headers: { authorization: job.authorizations[client % job.authorizations.length] },
    body: job.body,
  }),
  check,
}).then(
  (result) => parentPort!.postMessage({ result }),
  (error: unknown) =>
    parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) }),
);
