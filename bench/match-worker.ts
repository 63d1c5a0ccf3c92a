import { parentPort, workerData } from 'node:worker_threads';
import { reconcile, type MatchLine, type ReconcileInput } from '../matching';
import { generate, type SyntheticRow, type Truth } from '../synthetic/generate';
import { score, type Score } from '../synthetic/score';

/** One slice of the match benchmark: generate (before the clock), then match when told to. */
interface Slice {
  firstCustomer: number;
  customers: number;
  linesPerCustomer: number;
  seed: number;
}

const toLine = (row: SyntheticRow): MatchLine => ({
  id: row.id,
  date: row.date,
  ...(row.doc_no ? { docNo: row.doc_no } : {}),
  ...(row.reference ? { reference: row.reference } : {}),
  kind: row.kind,
  amount: row.amount,
  currency: row.currency,
});

const slice = workerData as Slice;
const data = generate({ ...slice, seed: slice.seed + slice.firstCustomer });
const sides = new Map<string, { ours: MatchLine[]; theirs: MatchLine[] }>();
const side = (customer: string) =>
  sides.get(customer) ?? sides.set(customer, { ours: [], theirs: [] }).get(customer)!;
for (const row of data.ledger) side(row.customer).ours.push(toLine(row));
for (const row of data.statement) side(row.customer).theirs.push(toLine(row));
const inputs: ReconcileInput[] = [...data.balances].map(([customer, balances]) => ({
  ...side(customer),
  period: { start: `${data.truth.month}-01`, end: `${data.truth.month}-31` },
  ...balances,
}));
const lines = data.ledger.length + data.statement.length;
data.ledger.length = 0;
data.statement.length = 0;

parentPort!.postMessage({ type: 'ready', lines });
// Truth per customer, so each result can be scored and dropped right away (memory stays flat).
const truthOf = new Map<string, Pick<Truth, 'groups' | 'differences'>>();
const truthFor = (customer: string) =>
  truthOf.get(customer) ?? truthOf.set(customer, { groups: [], differences: [] }).get(customer)!;
for (const group of data.truth.groups) truthFor(group.customer).groups.push(group);
for (const difference of data.truth.differences) truthFor(difference.customer).differences.push(difference);
const customers = [...data.balances.keys()];

parentPort!.once('message', () => {
  const total: Score = {
    truthGroups: 0,
    engineGroups: 0,
    correctGroups: 0,
    plantedDifferences: 0,
    classifiedRight: 0,
  };
  let tied = 0;
  const started = process.hrtime.bigint();
  inputs.forEach((input, i) => {
    const result = reconcile(input);
    if (result.bridge.tied) tied += 1;
    const s = score([result], truthFor(customers[i]));
    for (const key of Object.keys(total) as Array<keyof Score>) total[key] += s[key];
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  parentPort!.postMessage({ type: 'done', seconds, score: total, tied });
});
