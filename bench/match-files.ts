/**
 * `npm run bench -- match-files [--customers N] [--lines M] [--seed S] [--data DIR]`: what a user
 * runs, file in, result out. `recon generate` writes N customers × M ledger lines (default
 * 10,000 × 100: 1M lines a side) into DIR (default bench-data/), timed; then `recon match --format
 * json` reads both CSVs, matches, classifies, bridges and writes the result to a file, timed in its
 * own process with its peak RSS; then the peer, DuckDB, joins the same two files on customer +
 * normalised reference + amount (exact only) and writes the pairs to a file, timed the same way.
 * Last line: {"bench":"match-files","lines":…,"seconds":…,"peakRssMb":…,"duckdbSeconds":…,"ratio":…}.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { numberArg, printResult, stringArg } from './_cli';

export interface MatchFilesBenchOptions {
  customers: number;
  linesPerCustomer: number;
  seed: number;
  /** Where the generated files and the outputs go (bench-data/ in the working directory by default). */
  dataDir: string;
}

export interface MatchFilesBenchResult {
  bench: 'match-files';
  /** Lines of both files together (balance rows not counted). */
  lines: number;
  customers: number;
  /** `recon match … --format json > file`, wall clock of the whole process. */
  seconds: number;
  peakRssMb: number;
  /** CPU time of the match process (user + system, all threads): steadier than wall time on a shared machine. */
  cpuSeconds: number;
  outputMb: number;
  duckdbSeconds: number;
  duckdbPeakRssMb: number;
  duckdbCpuSeconds: number;
  duckdbPairs: number;
  /** seconds / duckdbSeconds: the target is ≤ 1.5. */
  ratio: number;
  /** `recon generate` for the same files (our ledger lines: customers × lines). */
  generateSeconds: number;
  generateCpuSeconds: number;
  generateLedgerLines: number;
  /** The machine's 1-minute load average when the run ended (2 cores: above 2 means shared). */
  loadAverage: number;
}

const DIST = path.resolve(__dirname, '..');
const RECON = path.join(DIST, 'cli', 'recon.js');
const PEAK = path.join(__dirname, '_peak-rss.js');
const DUCKDB = path.join(__dirname, '_duckdb-join.js');

interface Run {
  seconds: number;
  peakRssMb: number;
  cpuSeconds: number;
  stdout: string;
}

/** Runs node on `args` in its own process: wall time, and its peak RSS as the process saw it. */
async function timed(args: string[], stdoutFile?: string): Promise<Run> {
  const rssFile = path.join(path.dirname(stdoutFile ?? RECON), `.peak-${process.pid}-${Date.now()}`);
  const out = stdoutFile ? openSync(stdoutFile, 'w') : 'pipe';
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, ['--require', PEAK, ...args], {
    env: { ...process.env, RECON_PEAK_RSS_FILE: rssFile },
    stdio: ['ignore', out, 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (typeof out === 'number') closeSync(out);
  if (code !== 0) throw new Error(`${args.slice(0, 2).join(' ')} exited ${code}: ${stderr.slice(-2000)}`);
  const usage = JSON.parse(readFileSync(rssFile, 'utf8')) as { maxRssKb: number; cpuMicros: number };
  rmSync(rssFile, { force: true });
  return { seconds, peakRssMb: Math.round(usage.maxRssKb / 1024), cpuSeconds: usage.cpuMicros / 1e6, stdout };
}

const round = (n: number, digits = 3) => Math.round(n * 10 ** digits) / 10 ** digits;

export async function runMatchFilesBench(options: MatchFilesBenchOptions): Promise<MatchFilesBenchResult> {
  const dir = path.join(
    options.dataDir,
    `match-files-${options.customers}x${options.linesPerCustomer}-s${options.seed}`,
  );
  mkdirSync(dir, { recursive: true });
  const ledger = path.join(dir, 'ledger.csv');
  const statement = path.join(dir, 'statement.csv');
  const generate = await timed([
    RECON,
    'generate',
    '--customers',
    String(options.customers),
    '--lines',
    String(options.linesPerCustomer),
    '--seed',
    String(options.seed),
    '--out',
    dir,
    '--force',
  ]);
  const written = /wrote (\d+) ledger lines, (\d+) statement lines/.exec(generate.stdout);
  if (!written) throw new Error(`recon generate said: ${generate.stdout}`);
  const lines = Number(written[1]) + Number(written[2]);

  const result = path.join(dir, 'result.json');
  // Exit 0: every customer's bridge tied (3 would say one did not).
  const match = await timed(
    [RECON, 'match', '--ledger', ledger, '--statement', statement, '--format', 'json'],
    result,
  );
  const pairsFile = path.join(dir, 'duckdb-pairs.csv');
  const duckdb = await timed([DUCKDB, ledger, statement, pairsFile]);
  const pairs = Number(JSON.parse(duckdb.stdout.trim().split('\n').pop()!).pairs);
  return {
    bench: 'match-files',
    lines,
    customers: options.customers,
    seconds: round(match.seconds),
    peakRssMb: match.peakRssMb,
    cpuSeconds: round(match.cpuSeconds),
    outputMb: round(statSync(result).size / 2 ** 20, 1),
    duckdbSeconds: round(duckdb.seconds),
    duckdbPeakRssMb: duckdb.peakRssMb,
    duckdbCpuSeconds: round(duckdb.cpuSeconds),
    duckdbPairs: pairs,
    ratio: round(match.seconds / duckdb.seconds, 2),
    generateSeconds: round(generate.seconds),
    generateCpuSeconds: round(generate.cpuSeconds),
    generateLedgerLines: Number(written[1]),
    loadAverage: round(os.loadavg()[0], 2),
  };
}

if (require.main === module) {
  printResult(
    runMatchFilesBench({
      customers: numberArg('customers', 10_000),
      linesPerCustomer: numberArg('lines', 100),
      seed: numberArg('seed', 1),
      dataDir: path.resolve(stringArg('data') ?? 'bench-data'),
    }),
  );
}
