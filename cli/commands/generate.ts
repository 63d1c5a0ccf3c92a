import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { monthRange } from '../../formats/date';
import { csvField } from '../../imports/csv-writer';
import { generate, type SyntheticRow } from '../../synthetic/generate';
import { UsageError } from '../exit-codes';
import { COLUMNS } from '../match-files';

const positive = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} must be a positive integer`);
  return n;
};

const FILES = ['ledger.csv', 'statement.csv', 'truth.json'];
/** Customers generated and written at a time: memory stays flat whatever the size, and a slice small
 * enough (~5,000 lines) dies young in the garbage collector instead of being copied and promoted. */
const SLICE = 50;

interface GenerateOptions {
  customers: number;
  lines: number;
  seed: number;
  out: string;
  month: string;
  force?: boolean;
}

/** `recon generate`: a synthetic month with ground truth, for tests, benchmarks and demos. */
export function register(program: Command): void {
  program
    .command('generate')
    .description('write ledger.csv, statement.csv and truth.json for N customers (seeded, reproducible)')
    .requiredOption('--customers <n>', 'number of customers (required)', positive('--customers'))
    .requiredOption('--lines <m>', 'our ledger lines per customer (required)', positive('--lines'))
    .requiredOption(
      '--out <dir>',
      'output folder (required; refused if it holds generated files, unless --force)',
    )
    .option('--seed <s>', 'random seed', positive('--seed'), 1)
    .option('--month <YYYY-MM>', 'the month to generate', '2026-10')
    .option('--force', 'overwrite ledger.csv, statement.csv and truth.json in --out')
    .action(async (options: GenerateOptions) => {
      try {
        monthRange(options.month);
      } catch {
        throw new UsageError(`--month ${JSON.stringify(options.month)} is not a month YYYY-MM`);
      }
      const existing = FILES.filter((f) => existsSync(path.join(options.out, f)));
      if (existing.length > 0 && !options.force)
        throw new UsageError(
          `${options.out} already holds ${existing.join(', ')}: choose another folder or add --force to overwrite`,
        );
      const summary = await writeMonth(options);
      console.log(
        `wrote ${summary.ledger} ledger lines, ${summary.statement} statement lines, ${summary.groups} true groups and ${summary.differences} planted differences to ${options.out}`,
      );
    });
}

async function writeMonth(options: GenerateOptions) {
  mkdirSync(options.out, { recursive: true });
  const open = (name: string) => createWriteStream(path.join(options.out, name));
  const ledger = open('ledger.csv');
  const statement = open('statement.csv');
  const truth = open('truth.json');
  const header = `\uFEFF${COLUMNS.join(',')}\r\n`;
  await write(ledger, header);
  await write(statement, header);
  await write(truth, `{"seed":${options.seed},"month":${JSON.stringify(options.month)},"groups":[`);
  const { start, end } = monthRange(options.month);
  const totals = { ledger: 0, statement: 0, groups: 0, differences: 0 };
  const differences: string[] = [];
  for (let first = 0; first < options.customers; first += SLICE) {
    // Each slice has its own seed, derived from the seed and its first customer: reproducible.
    const data = generate({
      customers: Math.min(SLICE, options.customers - first),
      linesPerCustomer: options.lines,
      seed: options.seed + first,
      firstCustomer: first,
      month: options.month,
    });
    const currencyOf = new Map<string, string>();
    for (const row of data.ledger) currencyOf.set(row.customer, row.currency);
    for (const row of data.statement)
      if (!currencyOf.has(row.customer)) currencyOf.set(row.customer, row.currency);
    const balances = (which: 'our' | 'their') => {
      let text = '';
      for (const [customer, b] of data.balances) {
        const currency = currencyOf.get(customer) ?? 'CNY';
        const opening = which === 'our' ? b.ourOpening : b.theirOpening;
        const closing = which === 'our' ? b.ourClosing : b.theirClosing;
        text += `,${customer},${start},,,,opening_balance,${opening},${currency}\r\n`;
        text += `,${customer},${end},,,,closing_balance,${closing},${currency}\r\n`;
      }
      return text;
    };
    await write(ledger, balances('our') + rowsText(data.ledger));
    await write(statement, balances('their') + rowsText(data.statement));
    const groups = data.truth.groups.map((g) => JSON.stringify(g)).join(',');
    if (groups) await write(truth, `${totals.groups > 0 ? ',' : ''}${groups}`);
    for (const d of data.truth.differences) differences.push(JSON.stringify(d));
    totals.ledger += data.ledger.length;
    totals.statement += data.statement.length;
    totals.groups += data.truth.groups.length;
    totals.differences += data.truth.differences.length;
  }
  await write(truth, `],"differences":[${differences.join(',')}]}\n`);
  await Promise.all([ledger, statement, truth].map(close));
  return totals;
}

function rowsText(rows: SyntheticRow[]): string {
  const parts: string[] = [];
  for (const row of rows) {
    parts.push(
      `${csvField(row.id)},${csvField(row.customer)},${row.date},${csvField(row.doc_no)},${csvField(row.reference)},${csvField(row.description)},${row.kind},${row.amount},${row.currency}\r\n`,
    );
  }
  return parts.join('');
}

async function write(stream: WriteStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

function close(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) =>
    stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
}
