import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { toCsv } from '../../imports/csv-writer';
import { generate, type SyntheticRow } from '../../synthetic/generate';
import { COLUMNS } from '../match-files';

const positive = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer`);
  return n;
};

/** `recon generate`: a synthetic month with ground truth, for tests, benchmarks and demos. */
export function register(program: Command): void {
  program
    .command('generate')
    .description('write ledger.csv, statement.csv and truth.json for N customers (seeded, reproducible)')
    .requiredOption('--customers <n>', 'number of customers', positive('--customers'))
    .requiredOption('--lines <m>', 'our ledger lines per customer', positive('--lines'))
    .option('--seed <s>', 'random seed', positive('--seed'), 1)
    .requiredOption('--out <dir>', 'output folder')
    .action((options: { customers: number; lines: number; seed: number; out: string }) => {
      const data = generate({
        customers: options.customers,
        linesPerCustomer: options.lines,
        seed: options.seed,
      });
      mkdirSync(options.out, { recursive: true });
      const rows = (list: SyntheticRow[]) => list.map((r) => COLUMNS.map((c) => r[c]));
      const balanceRows = (which: 'our' | 'their') =>
        [...data.balances].flatMap(([customer, b]) => {
          const currency =
            (
              data.ledger.find((r) => r.customer === customer) ??
              data.statement.find((r) => r.customer === customer)
            )?.currency ?? 'CNY';
          return [
            [
              '',
              customer,
              '',
              '',
              '',
              '',
              'opening_balance',
              which === 'our' ? b.ourOpening : b.theirOpening,
              currency,
            ],
            [
              '',
              customer,
              '',
              '',
              '',
              '',
              'closing_balance',
              which === 'our' ? b.ourClosing : b.theirClosing,
              currency,
            ],
          ];
        });
      writeFileSync(
        path.join(options.out, 'ledger.csv'),
        toCsv([[...COLUMNS], ...balanceRows('our'), ...rows(data.ledger)]),
      );
      writeFileSync(
        path.join(options.out, 'statement.csv'),
        toCsv([[...COLUMNS], ...balanceRows('their'), ...rows(data.statement)]),
      );
      writeFileSync(path.join(options.out, 'truth.json'), JSON.stringify(data.truth, null, 2));
      console.log(
        `wrote ${data.ledger.length} ledger lines, ${data.statement.length} statement lines, ${data.truth.groups.length} true groups and ${data.truth.differences.length} planted differences to ${options.out}`,
      );
    });
}
