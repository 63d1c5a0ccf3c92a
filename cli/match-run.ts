import { readFileSync } from 'node:fs';
import os from 'node:os';
import { parseAmount } from '../formats/amount';
import { normalizeCurrency } from '../formats/currency';
import { isIsoDate } from '../formats/date';
import { validateRuleSettings, type ReconcileResult, type RuleSettings } from '../matching';
import { reconcilePrepared } from '../matching/engine';
import { KeyNumbers } from '../matching/keys';
import { LinePreparer } from '../matching/prepare';
import { UsageError } from './exit-codes';
import { balancesOf, fnv1a, preparedOf, type SideFile } from './match-files';
import { createOutput, type MatchDocument, type OutputContext } from './match-output';

// `recon match`'s options and one customer's matching, shared by the command and its matching
// threads (cli/match-threads.ts, cli/match-thread.ts).

export type Format = 'json' | 'ndjson' | 'table';

export interface MatchOptions {
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
  /** Matching threads: "auto" (one per core, at most 2) or a count; 1 matches on the main thread. */
  threads?: string;
}

export interface Checked {
  rules?: RuleSettings;
  rejected: Array<{ ours: string[]; theirs: string[] }>;
  ourOpening: string;
  theirOpening: string;
  rates: Map<string, string>;
  baseCurrency: string;
}

export function checkOptions(options: MatchOptions): Checked {
  threadCount(options.threads);
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

export function reconcileCustomer(
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
    // One numbering of documents for both sides (as reconcile's), ours numbered first.
    const keys = new KeyNumbers();
    const ourLines = preparedOf(mine, new LinePreparer('ours', keys));
    const theirLines = preparedOf(other, new LinePreparer('theirs', keys));
    const our = balancesOf(mine, ourLines, checked.ourOpening, period.end);
    const their = balancesOf(other, theirLines, checked.theirOpening, period.end);
    const result: ReconcileResult = reconcilePrepared(
      {
        period,
        ourOpening: our.opening,
        ourClosing: our.closing,
        theirOpening: their.opening,
        theirClosing: their.closing,
        rules: checked.rules,
        rejected: checked.rejected,
      },
      ourLines,
      theirLines,
    );
    return { customer, currency, result };
  });
}

/** The run's output once the period is known (both paths: one thread or several); a reversed period is usage. */
export function openOutput(
  options: MatchOptions,
  checked: Checked,
  period: OutputContext['period'],
  customers: number,
): ReturnType<typeof createOutput> {
  if (period.start > period.end)
    throw new UsageError(`the period starts (${period.start}) after it ends (${period.end})`);
  return createOutput(options.format, options.summary === true, {
    period,
    rates: checked.rates,
    baseCurrency: checked.baseCurrency,
    progress: options.progress !== false && process.stderr.isTTY === true,
    customers,
  });
}

/** `--threads`: "auto" is one per core, at most 2 (reading is repeated per thread: more gain little). */
export function threadCount(value: string | undefined): number {
  if (value === undefined || value === 'auto') return Math.min(2, os.availableParallelism());
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw new UsageError(`--threads is auto or a whole number from 1 to 64, not ${JSON.stringify(value)}`);
  return n;
}

/** Which of `shards` matching threads matches a customer (FNV-1a of its name): spreads runs of customers. */
export function shardOf(customer: string, shards: number): number {
  return fnv1a(customer) % shards;
}
