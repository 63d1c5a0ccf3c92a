import { parentPort, workerData } from 'node:worker_threads';
import {
  ReadError,
  readSideFile,
  type PlainFile,
  type ReadShare,
  type RoutedRows,
  type SideFileRead,
} from './match-files';
import { encodeRendered, renderDocument, type RenderedDocument } from './match-output';
import { checkOptions, reconcileCustomer, shardOf } from './match-run';
import {
  WINDOW,
  type FileMessage,
  type StartMessage,
  type ThreadData,
  type ThreadMessage,
} from './match-threads';

// One matching thread of `recon match` (see match-threads.ts).

const { options, shard, shards, control } = workerData as ThreadData;
const written = new Int32Array(control);
const send = (message: ThreadMessage) => parentPort!.postMessage(message);
// This thread's messages in order: the statement's bytes may come while the ledger is being read.
const inbox: unknown[] = [];
let waiting: ((message: unknown) => void) | undefined;
parentPort!.on('message', (message: unknown) => {
  const resolve = waiting;
  waiting = undefined;
  if (resolve) resolve(message);
  else inbox.push(message);
});
const next = <T>() =>
  inbox.length > 0
    ? Promise.resolve(inbox.shift() as T)
    : new Promise<T>((resolve) => (waiting = resolve as (message: unknown) => void));
/** A Buffer again (a shared Uint8Array arrives as a plain one). */
const bytesOf = (plain: PlainFile | undefined): PlainFile | undefined =>
  plain && {
    bytes: Buffer.from(plain.bytes.buffer, plain.bytes.byteOffset, plain.bytes.byteLength),
    start: plain.start,
  };

/**
 * A plain file's rows as the main thread deals them to this thread, a deal at a time; kept, so a
 * second reading (dates that read either way, see readSideFile) starts from the first again.
 */
class Dealt {
  private readonly deals: RoutedRows[] = [];
  private more = true;
  /** The main thread refuses this file (see FileMessage). */
  refused = false;

  constructor(first: Extract<FileMessage, { routed: RoutedRows }>) {
    this.take(first);
  }

  private take(message: Extract<FileMessage, { routed: RoutedRows }>): void {
    this.deals.push(message.routed);
    this.more = message.more;
    this.refused = message.last === true;
  }

  async *rows(): AsyncGenerator<RoutedRows> {
    for (let i = 0; ; i += 1) {
      while (i >= this.deals.length) {
        if (!this.more) return;
        this.take(await next<Extract<FileMessage, { routed: RoutedRows }>>());
      }
      yield this.deals[i];
    }
  }
}

/**
 * The ledger, then the statement, as on one thread (a plain file: only the rows the main thread
 * dealt to this one); undefined once a failure is sent (its place is [file, row, check]). A plain
 * file's bytes stay held: its lines are decoded from them when matched.
 */
async function readShare(share: ReadShare): Promise<SideFileRead[] | undefined> {
  const reads: SideFileRead[] = [];
  for (const [index, file] of [options.ledger, options.statement].entries()) {
    try {
      const message = await next<FileMessage>();
      if (message.plain === undefined) {
        reads.push(await readSideFile(file, undefined, share));
        continue;
      }
      const dealt = new Dealt(message);
      reads.push(await readSideFile(file, bytesOf(message.plain), share, () => dealt.rows()));
      if (dealt.refused) break; // the main thread refuses this file: a later one cannot be reported
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // A problem of the whole file (its encoding) ranks after its rows.
      const [row, check] = error instanceof ReadError ? error.at : [Infinity, 0];
      send({ type: 'failed', message, at: [index, row, check] });
      return undefined;
    }
  }
  return reads;
}

async function run(): Promise<void> {
  const checked = checkOptions(options);
  const mine = (key: string) => shardOf(key, shards) === shard;
  const share = { keep: mine, checksId: (idHash: number) => idHash % shards === shard, shares: shards };
  const reads = await readShare(share);
  if (!reads) return;
  // The main thread refused the ledger: it waits for this thread's earlier bad row, if any.
  if (reads.length < 2) return send({ type: 'ready', customers: [], spans: [] });
  const [ours, theirs] = reads;
  const customers = [...new Set([...ours.sides.keys(), ...theirs.sides.keys()])];
  send({
    type: 'ready',
    customers,
    spans: reads.map(({ dates, lineRange, dateOrder }) => ({ dates, lineRange, dateOrder })),
  });
  const { period, customers: all } = await next<StartMessage>();
  for (let index = 0; index < all.length; index += 1) {
    const customer = all[index];
    if (!mine(customer)) continue;
    // At most WINDOW customers ahead of what is written.
    if (index >= Atomics.load(written, 0) + WINDOW) batch.send();
    for (let done = Atomics.load(written, 0); index >= done + WINDOW; done = Atomics.load(written, 0))
      Atomics.wait(written, 0, done, 1000);
    const documents = reconcileCustomer(customer, ours.sides, theirs.sides, period, checked).map((d) =>
      renderDocument(d, options.format, options.summary === true),
    );
    batch.add(index, documents);
  }
  batch.send();
}

/**
 * The customers matched and not yet sent: sent together, in one buffer, every BATCH customers (a
 * message costs both threads ~0.1 ms; one a customer was ~6 % of a thread's time), and before the
 * thread waits for the output (the customer it holds may be the one the output waits for).
 */
class Batch {
  private indexes: number[] = [];
  private documents: RenderedDocument[][] = [];
  private chars = 0;

  add(index: number, documents: RenderedDocument[]): void {
    this.indexes.push(index);
    this.documents.push(documents);
    for (const d of documents) this.chars += d.rest.length + d.table.length;
    if (this.indexes.length >= BATCH || this.chars >= BATCH_CHARS) this.send();
  }

  send(): void {
    if (this.indexes.length === 0) return;
    const { documents: encoded, buffer } = encodeRendered(this.documents.flat());
    let at = 0;
    const documents = this.documents.map((each) => encoded.slice(at, (at += each.length)));
    parentPort!.postMessage({ type: 'customers', indexes: this.indexes, documents } satisfies ThreadMessage, [
      buffer,
    ]);
    this.indexes = [];
    this.documents = [];
    this.chars = 0;
  }
}

const BATCH = 32;
/**
 * Rendered text (its `length`: UTF-8 bytes, or UTF-16 units where it is still a string) that sends
 * a batch before it has BATCH customers: buffers of a MB or more,
 * made in one thread and freed in another, were kept by the allocator (+150 MB peak RSS).
 */
const BATCH_CHARS = 1 << 18;
const batch = new Batch();

run().catch((error: unknown) =>
  send({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
);
