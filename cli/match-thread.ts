import { parentPort, workerData } from 'node:worker_threads';
import { naturalCompare } from '../matching/prepare';
import { inferPeriod, readSideFile } from './match-files';
import { renderDocument } from './match-output';
import { checkOptions, reconcileCustomer, shardOf } from './match-run';
import { WINDOW, type StartMessage, type ThreadData, type ThreadMessage } from './match-threads';

// One matching thread of `recon match` (see match-threads.ts).

const { options, shard, shards, control } = workerData as ThreadData;
const written = new Int32Array(control);
const send = (message: ThreadMessage) => parentPort!.postMessage(message);

async function run(): Promise<void> {
  const checked = checkOptions(options);
  const mine = (customer: string) => shardOf(customer, shards) === shard;
  // The first thread checks every row (its first bad row is the one reported, as on one thread) and
  // says the period; the others read only their customers' rows.
  const checkAll = shard === 0;
  const [ours, theirs] = await Promise.all([
    readSideFile(options.ledger, mine, checkAll),
    readSideFile(options.statement, mine, checkAll),
  ]);
  // Only the first thread read every row: its period and customer list are the ones used.
  if (checkAll) {
    const period = inferPeriod({ start: options.periodStart, end: options.periodEnd }, [ours, theirs]);
    const customers = [...new Set([...ours.sides.keys(), ...theirs.sides.keys()])].sort(naturalCompare);
    send({ type: 'ready', period, customers });
  } else send({ type: 'ready' });
  const { period, customers } = await new Promise<StartMessage>((resolve) =>
    parentPort!.once('message', resolve),
  );
  for (let index = 0; index < customers.length; index += 1) {
    const customer = customers[index];
    if (!mine(customer)) continue;
    // At most WINDOW customers ahead of what is written.
    for (let done = Atomics.load(written, 0); index >= done + WINDOW; done = Atomics.load(written, 0))
      Atomics.wait(written, 0, done, 1000);
    const documents = reconcileCustomer(customer, ours.sides, theirs.sides, period, checked).map((d) =>
      renderDocument(d, options.format, options.summary === true),
    );
    send({ type: 'customer', index, documents });
  }
}

run().catch((error: unknown) =>
  send({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
);
