import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { formatAmount, parseAmount } from '../../formats/amount';
import { currencyDecimals, normalizeCurrency } from '../../formats/currency';
import { isIsoDate } from '../../formats/date';
import { reconcile, validateRuleSettings, type ReconcileResult, type RuleSettings } from '../../matching';
import { naturalCompare } from '../../matching/prepare';
import { ExitCode, UsageError } from '../exit-codes';
import { existingFile } from '../paths';
import { balancesOf, inferPeriod, readSideFile, type SideFile } from '../match-files';
import { createOutput, type MatchDocument } from '../match-output';

type Format = 'json' | 'ndjson' | 'table';

interface MatchOptions {
  ledger: string;
  statement: string;
  rules?: string;
  decisions?: string;
  format: Format;
  summary?: boolean;
  periodStart?: string;
  periodEnd?: string;
  ourOpening: string;
  theirOpening: string;
  rate: string[];
  baseCurrency: string;
  progress?: boolean;
}

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
    .action(async (options: MatchOptions) => {
      process.exitCode = await runMatch(options);
    });
}

export async function runMatch(options: MatchOptions): Promise<number> {
  for (const file of [options.ledger, options.statement, options.rules, options.decisions])
    if (file !== undefined) existingFile(file);
  const checked = checkOptions(options);
  const [ours, theirs] = await Promise.all([readSideFile(options.ledger), readSideFile(options.statement)]);
  const period = inferPeriod({ start: options.periodStart, end: options.periodEnd }, [ours, theirs]);
  if (period.start > period.end)
    throw new UsageError(`the period starts (${period.start}) after it ends (${period.end})`);
  const customers = [...new Set([...ours.sides.keys(), ...theirs.sides.keys()])].sort(naturalCompare);
  const output = createOutput(options.format, options.summary === true, {
    period,
    rates: checked.rates,
    baseCurrency: checked.baseCurrency,
    progress: options.progress !== false && process.stderr.isTTY === true,
    customers: customers.length,
  });
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

interface Checked {
  rules?: RuleSettings;
  rejected: Array<{ ours: string[]; theirs: string[] }>;
  ourOpening: string;
  theirOpening: string;
  rates: Map<string, string>;
  baseCurrency: string;
}

function checkOptions(options: MatchOptions): Checked {
  if (!['json', 'ndjson', 'table'].includes(options.format))
    throw new UsageError(`--format is table, json or ndjson, not ${JSON.stringify(options.format)}`);
  for (const [flag, value] of [
    ['--period-start', options.periodStart],
    ['--period-end', options.periodEnd],
  ] as const) {
    if (value !== undefined && !isIsoDate(value))
      throw new UsageError(`${flag} ${JSON.stringify(value)} is not a calendar date YYYY-MM-DD`);
  }
  const amount = (flag: string, value: string) => {
    const parsed = parseAmount(value);
    if (!parsed.ok)
      throw new UsageError(`${flag} ${JSON.stringify(value)} is not an amount: ${parsed.reason}`);
    return parsed.value;
  };
  const rates = new Map<string, string>();
  for (const text of options.rate) {
    const [code, rate] = text.split('=');
    const currency = normalizeCurrency(code ?? '');
    if (!currency || rate === undefined)
      throw new UsageError(`--rate ${JSON.stringify(text)} is not CUR=rate`);
    rates.set(currency, amount('--rate', rate));
  }
  const baseCurrency = normalizeCurrency(options.baseCurrency);
  if (!baseCurrency)
    throw new UsageError(`--base-currency ${JSON.stringify(options.baseCurrency)} is not a currency code`);
  return {
    rules: options.rules ? validateRuleSettings(readJson(options.rules)) : undefined,
    rejected: options.decisions ? readDecisions(options.decisions) : [],
    ourOpening: amount('--our-opening', options.ourOpening),
    theirOpening: amount('--their-opening', options.theirOpening),
    rates,
    baseCurrency,
  };
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: not a JSON document (${(error as Error).message})`);
  }
}

function readDecisions(file: string): Array<{ ours: string[]; theirs: string[] }> {
  const doc = readJson(file) as { rejected?: unknown };
  const ids = (v: unknown) => Array.isArray(v) && v.every((id) => typeof id === 'string');
  if (typeof doc !== 'object' || doc === null || Object.keys(doc).some((k) => k !== 'rejected'))
    throw new Error(`${file}: expected {"rejected": [{"ours": [ids], "theirs": [ids]}]}`);
  const rejected = doc.rejected ?? [];
  if (!Array.isArray(rejected) || !rejected.every((r) => r && ids(r.ours) && ids(r.theirs)))
    throw new Error(`${file}: rejected must be a list of {"ours": [ids], "theirs": [ids]}`);
  return rejected as Array<{ ours: string[]; theirs: string[] }>;
}

function reconcileCustomer(
  customer: string,
  ours: SideFile,
  theirs: SideFile,
  period: { start: string; end: string },
  checked: Checked,
): MatchDocument[] {
  const currencies = [
    ...new Set([
      ...(ours.get(customer)?.currencies.keys() ?? []),
      ...(theirs.get(customer)?.currencies.keys() ?? []),
    ]),
  ].sort();
  return currencies.map((currency) => {
    const mine = ours.get(customer)?.currencies.get(currency);
    const other = theirs.get(customer)?.currencies.get(currency);
    const our = balancesOf(mine, checked.ourOpening, period.end);
    const their = balancesOf(other, checked.theirOpening, period.end);
    const result: ReconcileResult = reconcile({
      ours: mine?.lines ?? [],
      theirs: other?.lines ?? [],
      period,
      ourOpening: our.opening,
      ourClosing: our.closing,
      theirOpening: their.opening,
      theirClosing: their.closing,
      rules: checked.rules,
      rejected: checked.rejected,
    });
    return { customer, currency, result };
  });
}

/** Amounts for people: grouped, padded to the currency's decimals. */
export const displayAmount = (amount: string, currency: string) =>
  formatAmount(amount, currencyDecimals(currency));
