import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { reconcile, type MatchLine, type ReconcileInput } from '../matching';
import { generate, type SyntheticRow } from '../synthetic/generate';
import { indexTruth, scoreIndexed, type Score, type TruthIndex } from '../synthetic/score';

/** One slice of the match benchmark: generate (before the clock), then match when told to. */
interface Slice {
  firstCustomer: number;
  customers: number;
  linesPerCustomer: number;
  seed: number;
}

// One string per distinct date: the generator writes each row's date afresh (a month has 31).
const dates = new Map<string, string>();
const toLine = (row: SyntheticRow): MatchLine => ({
  id: row.id,
  date: dates.get(row.date) ?? (dates.set(row.date, row.date), row.date),
  ...(row.doc_no ? { docNo: row.doc_no } : {}),
  ...(row.reference ? { reference: row.reference } : {}),
  kind: row.kind,
  amount: row.amount,
  currency: row.currency,
});

const slice = workerData as Slice;
// Each customer is generated on its own (seeded by its number, so the data are the same whatever
// the number of threads) and its rows die young: only the engine's input and the truth are held.
const inputs: Array<ReconcileInput | undefined> = [];
// Each customer's truth indexed by line id before the clock: scoring is the harness's work.
const truthOf = new Map<string, TruthIndex>();
const customers: string[] = [];
let lines = 0;
for (let c = slice.firstCustomer; c < slice.firstCustomer + slice.customers; c += 1) {
  const data = generate({
    customers: 1,
    firstCustomer: c,
    linesPerCustomer: slice.linesPerCustomer,
    seed: slice.seed + c,
  });
  for (const [customer, balances] of data.balances) {
    inputs.push({
      ours: data.ledger.map(toLine),
      theirs: data.statement.map(toLine),
      period: { start: `${data.truth.month}-01`, end: `${data.truth.month}-31` },
      ...balances,
    });
    truthOf.set(customer, indexTruth(data.truth));
    customers.push(customer);
  }
  lines += data.ledger.length + data.statement.length;
}
const truthFor = (customer: string) => truthOf.get(customer) ?? indexTruth({ groups: [], differences: [] });
// What garbage generating left is collected before the clock (`npm run bench` runs node with
// --expose-gc): else a full collection of it may fall inside the matching (~0.5 s on one thread at
// full size), a cost of the harness and not of the engine.
(globalThis as { gc?: () => void }).gc?.();
parentPort!.postMessage({ type: 'ready', lines });

parentPort!.once('message', () => {
  const total: Score = {
    truthGroups: 0,
    engineGroups: 0,
    correctGroups: 0,
    plantedDifferences: 0,
    classifiedRight: 0,
  };
  let tied = 0;
  const cpuStarted = threadCpuSeconds();
  const started = process.hrtime.bigint();
  for (let i = 0; i < inputs.length; i += 1) {
    const result = reconcile(inputs[i]!);
    // Matched and scored: the customer's input and truth go (the live heap shrinks as the run goes).
    inputs[i] = undefined;
    if (result.bridge.tied) tied += 1;
    const s = scoreIndexed(result, truthFor(customers[i]));
    truthOf.delete(customers[i]);
    for (const key of Object.keys(total) as Array<keyof Score>) total[key] += s[key];
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpuSeconds = threadCpuSeconds() - cpuStarted;
  parentPort!.postMessage({ type: 'done', seconds, cpuSeconds, score: total, tied });
});

/**
 * CPU seconds this thread has used (user + system, /proc/thread-self/stat in clock ticks of 1/100 s):
 * on a shared machine the figure to compare, where wall time also measures the neighbours.
 */
function threadCpuSeconds(): number {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN; // not Linux
  }
}
