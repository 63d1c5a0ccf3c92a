import type { Command } from 'commander';
import { formatAmount } from '../../formats/amount';
import { readPlainCsvFile } from '../../formats/csv-file';
import { currencyDecimals } from '../../formats/currency';
import { naturalCompare } from '../../matching/line-order';
import { ExitCode } from '../exit-codes';
import { inferPeriod, readSideFile } from '../match-files';
import { checkOptions, openOutput, reconcileCustomer, threadCount, type MatchOptions } from '../match-run';
import { runThreaded } from '../match-threads';
import { existingFile } from '../paths';

/** `recon match`: the engine on two CSV files, per customer and currency. */
export function register(program: Command): void {
  program
    .command('match')
    .description('match our ledger against a customer statement (CSV) and print the balance bridge')
    .requiredOption(
      '--ledger <file>',
      'our ledger (required): id,customer,date,doc_no,reference,description,kind,amount,currency',
    )
    .requiredOption(
      '--statement <file>',
      'their statement (required), same columns; opening/closing balance rows (期初余额/期末余额) optional',
    )
    .option('--rules <file>', 'rule settings JSON (see docs/matching.md); unknown keys are refused')
    .option(
      '--decisions <file>',
      'a clerk\'s earlier decisions: {"rejected": [{"ours": [ids], "theirs": [ids]}]}',
    )
    .option(
      '--format <format>',
      'table, json or ndjson (one JSON document per customer and currency)',
      'table',
    )
    .option('--summary', 'totals only (lines, groups, differences by kind, bridges), in the format chosen')
    .option(
      '--period-start <date>',
      "YYYY-MM-DD (default: the opening balance rows' date, else the earliest line)",
    )
    .option(
      '--period-end <date>',
      "YYYY-MM-DD (default: the closing balance rows' date, else the latest line)",
    )
    .option('--our-opening <amount>', 'our opening balance where the ledger has no opening balance row', '0')
    .option(
      '--their-opening <amount>',
      'their opening balance where the statement has no opening balance row',
      '0',
    )
    .option(
      '--rate <CUR=rate>',
      'exchange rate to --base-currency for the converted summary, e.g. USD=7.1234 (repeatable)',
      (value: string, all: string[]) => [...all, value],
      [],
    )
    .option('--base-currency <code>', 'currency of the converted summary', 'CNY')
    .option('--no-progress', 'no progress bar on stderr (shown only when stderr is a terminal)')
    .option(
      '--threads <n>',
      'matching threads: auto (one per core, at most 2) or a count; 1 = on the main thread',
      'auto',
    )
    .action(async (options: MatchOptions) => {
      process.exitCode = await runMatch(options);
    });
}

export async function runMatch(options: MatchOptions): Promise<number> {
  for (const file of [options.ledger, options.statement, options.rules, options.decisions])
    if (file !== undefined) existingFile(file);
  const checked = checkOptions(options);
  const threads = threadCount(options.threads);
  // Threads run the compiled files (dist/); from TypeScript sources (tests in-process) it stays here.
  if (threads > 1 && __filename.endsWith('.js')) return runThreaded(options, threads);
  // The ledger, then the statement: a bad row in the ledger is reported first.
  const ours = await readSideFile(options.ledger, readPlainCsvFile(options.ledger));
  const theirs = await readSideFile(options.statement, readPlainCsvFile(options.statement));
  const period = inferPeriod({ start: options.periodStart, end: options.periodEnd }, [ours, theirs]);
  const customers = [...new Set([...ours.sides.keys(), ...theirs.sides.keys()])].sort(naturalCompare);
  const output = openOutput(options, checked, period, customers.length);
  let tied = true;
  for (const customer of customers) {
    for (const document of reconcileCustomer(customer, ours.sides, theirs.sides, period, checked)) {
      if (!document.result.bridge.tied) tied = false;
      await output.write(document);
    }
    output.customerDone();
  }
  await output.end();
  return tied ? ExitCode.OK : ExitCode.FINDING;
}

/** Amounts for people: grouped, padded to the currency's decimals. */
export const displayAmount = (amount: string, currency: string) =>
  formatAmount(amount, currencyDecimals(currency));
