import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import mysql, { type Connection, type RowDataPacket } from 'mysql2/promise';
import { DEFAULT_DATABASE_URL, parseDatabaseUrl } from '../../config/config';
import {
  formatIssue,
  importLedgerFile,
  importStatementFile,
  ImportFileError,
  loadTemplate,
  readStatementFile,
  saveTemplate,
  TemplateError,
  type ImportIssue,
  type ImportMode,
  type MappingTemplate,
  parseTemplate,
  rejectsCsv,
} from '../../imports';
import { serverAddress } from '../../db/server-address';

interface LedgerOptions {
  customer: string;
  source: string;
  template?: string;
  templateName?: string;
  period?: string;
  from?: string;
  to?: string;
  mode: string;
  rejects?: string;
  json?: boolean;
}

interface StatementOptions {
  customer?: string;
  template?: string;
  templateName?: string;
  period?: string;
  from?: string;
  to?: string;
  opening?: string;
  closing?: string;
  mode: string;
  rejects?: string;
  dryRun?: boolean;
  currency: string;
  json?: boolean;
}

/**
 * `recon import statement <file>`: a customer's statement file (CSV/XLSX) into the database by a
 * mapping template; `--dry-run` only reads and validates it. `recon import ledger <file>`: an ERP
 * export of our receivables. `recon import template save|show`.
 * Exit codes: 0 imported (or already imported), 1 rejected, 2 unusable template or options.
 */
export function register(program: Command): void {
  const command = program
    .command('import')
    .description('Import customer statement files (CSV, XLSX) / 导入客户对账单文件');

  command
    .command('statement <file>')
    .description('import one statement file by a mapping template')
    .option('-c, --customer <code>', 'customer code (or numeric id)')
    .option('-t, --template <file.json>', 'mapping template as a JSON file')
    .option('-n, --template-name <name>', 'mapping template saved in the database')
    .option('-p, --period <YYYY-MM>', 'statement month (lines outside are rejected)')
    .option('--from <YYYY-MM-DD>', 'period start')
    .option('--to <YYYY-MM-DD>', 'period end')
    .option('--opening <amount>', 'opening balance', '0')
    .option('--closing <amount>', 'closing balance (default: opening + lines)')
    .option('-m, --mode <mode>', 'all (one bad row rejects the file) or valid (import good rows)', 'all')
    .option('-r, --rejects <file.csv>', 'write rejected rows, with reasons, to this CSV')
    .option('--dry-run', 'read and validate only; no database')
    .option('--currency <code>', 'statement currency for --dry-run', 'CNY')
    .option('--json', 'print the result as JSON')
    .action((file: string, options: StatementOptions) => run(() => importStatement(file, options)));

  command
    .command('ledger <file>')
    .description('import an ERP export of our receivables for one customer (entries keyed by id or doc no.)')
    .requiredOption('-c, --customer <code>', 'customer code (or numeric id)')
    .requiredOption('-s, --source <name>', 'the system the export comes from, e.g. SAP')
    .option('-t, --template <file.json>', 'mapping template as a JSON file')
    .option('-n, --template-name <name>', 'mapping template saved in the database')
    .option('-p, --period <YYYY-MM>', 'month the entries must fall in')
    .option('--from <YYYY-MM-DD>', 'period start')
    .option('--to <YYYY-MM-DD>', 'period end')
    .option('-m, --mode <mode>', 'all or valid', 'all')
    .option('-r, --rejects <file.csv>', 'write rejected rows, with reasons, to this CSV')
    .option('--json', 'print the result as JSON')
    .action((file: string, options: LedgerOptions) => run(() => importLedger(file, options)));

  const templates = command.command('template').description('mapping templates saved in the database');
  templates
    .command('save <name> <file.json>')
    .description('validate and save a template (a new version if it exists)')
    .option('-c, --customer <code>', 'the customer it belongs to; shared when omitted')
    .action((name: string, file: string, options: { customer?: string }) =>
      run(async () => {
        await withDatabase(async (conn) => {
          const customerId = options.customer ? (await findCustomer(conn, options.customer)).id : null;
          const saved = await saveTemplate(conn, customerId, name, readJson(file));
          console.log(`saved template "${saved.name}" version ${saved.version} (id ${saved.id})`);
        });
        return 0;
      }),
    );
  templates
    .command('show <name>')
    .description("print a saved template (the customer's own, else the shared one)")
    .option('-c, --customer <code>', 'customer code')
    .action((name: string, options: { customer?: string }) =>
      run(async () => {
        await withDatabase(async (conn) => {
          const customerId = options.customer ? (await findCustomer(conn, options.customer)).id : null;
          const stored = await loadTemplate(conn, customerId, name);
          if (!stored) throw new UsageError(`no template "${name}"`);
          console.log(JSON.stringify(stored.template, null, 2));
        });
        return 0;
      }),
    );
}

async function importStatement(file: string, options: StatementOptions): Promise<number> {
  const mode = parseMode(options.mode);
  const period = parsePeriod(options);
  if (options.dryRun) {
    const template = fileTemplate(options);
    const { summary } = await readStatementFile({ path: file }, template, {
      currency: options.currency,
      period: period ?? undefined,
    });
    const ok = summary.issues.length === 0;
    print(options, { status: ok ? 'VALID' : 'INVALID', ...summary, rejects: undefined });
    if (!options.json) {
      console.log(
        `${summary.format} ${summary.encoding ?? summary.sheetName ?? ''}: ${summary.lineCount} lines, total ${summary.total}`,
      );
      printIssues(summary.issues);
    }
    if (options.rejects && !ok)
      writeFileSync(options.rejects, rejectsCsv(summary.columns, summary.rejects, summary.issues));
    return ok ? 0 : 1;
  }
  if (!options.customer) throw new UsageError('--customer is required (or use --dry-run)');
  const customerCode = options.customer;
  return withDatabase(async (conn) => {
    const customer = await findCustomer(conn, customerCode);
    const template = options.templateName
      ? await storedTemplate(conn, customer.id, options.templateName)
      : fileTemplate(options);
    const result = await importStatementFile(conn, {
      customerId: customer.id,
      file: { path: file },
      template,
      periodStart: period?.start,
      periodEnd: period?.end,
      openingBalance: options.opening,
      closingBalance: options.closing,
      mode,
    });
    if (result.status !== 'DUPLICATE' && result.rejectsCsv && options.rejects)
      writeFileSync(options.rejects, result.rejectsCsv);
    print(options, { ...result, rejectsCsv: undefined });
    if (!options.json) {
      if (result.status === 'IMPORTED') {
        console.log(
          `imported ${result.lineCount} lines into statement ${result.statementId} (${result.periodStart}..${result.periodEnd}), ` +
            `total ${result.total}, closing ${result.closingBalance}${result.unexplained === '0' ? '' : `, unexplained ${result.unexplained}`}`,
        );
        if (result.rejectedRowCount > 0) console.log(`${result.rejectedRowCount} rows rejected`);
      } else if (result.status === 'DUPLICATE') {
        console.log(
          `already imported (import ${result.importFileId}, statement ${result.statementId ?? '-'}): nothing to do`,
        );
      } else {
        console.log(`rejected: nothing was written`);
      }
      if (result.status !== 'DUPLICATE') printIssues(result.issues);
    }
    return result.status === 'REJECTED' ? 1 : 0;
  });
}

async function importLedger(file: string, options: LedgerOptions): Promise<number> {
  const mode = parseMode(options.mode);
  const period = parsePeriod(options);
  return withDatabase(async (conn) => {
    const customer = await findCustomer(conn, options.customer);
    const template = options.templateName
      ? await storedTemplate(conn, customer.id, options.templateName)
      : fileTemplate(options);
    const result = await importLedgerFile(conn, {
      customerId: customer.id,
      source: options.source,
      file: { path: file },
      template,
      periodStart: period?.start,
      periodEnd: period?.end,
      mode,
    });
    if (result.status !== 'DUPLICATE' && result.rejectsCsv && options.rejects) {
      writeFileSync(options.rejects, result.rejectsCsv);
    }
    if (options.json) console.log(JSON.stringify({ ...result, rejectsCsv: undefined }, null, 2));
    else if (result.status === 'IMPORTED') {
      console.log(
        `loaded ${result.inserted} new entries (${result.alreadyPresent} already there), total ${result.total}` +
          (result.rejectedRowCount > 0 ? `; ${result.rejectedRowCount} rows rejected` : ''),
      );
      printIssues(result.issues);
    } else if (result.status === 'DUPLICATE') {
      console.log(`already imported (import ${result.importFileId}): nothing to do`);
    } else {
      console.log('rejected: nothing was written');
      printIssues(result.issues);
    }
    return result.status === 'REJECTED' ? 1 : 0;
  });
}

class UsageError extends Error {}

/** Runs an action and turns its outcome into the exit code; errors become one readable line. */
function run(action: () => Promise<number>): Promise<void> {
  return action().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      if (error instanceof TemplateError) {
        console.error('invalid template:');
        for (const problem of error.problems)
          console.error(`  ${problem.field || '(template)'}: ${problem.reason}`);
      } else if (error instanceof UsageError || error instanceof ImportFileError) {
        console.error(error.message);
      } else {
        console.error(error);
        process.exitCode = 1;
        return;
      }
      process.exitCode = 2;
    },
  );
}

function print(options: StatementOptions, value: object): void {
  if (options.json) console.log(JSON.stringify(value, null, 2));
}

function printIssues(issues: readonly ImportIssue[]): void {
  const shown = issues.slice(0, 50);
  for (const issue of shown) console.log(`  ${formatIssue(issue)}`);
  if (issues.length > shown.length)
    console.log(`  … and ${issues.length - shown.length} more (see --rejects)`);
}

function parseMode(mode: string): ImportMode {
  if (mode === 'all') return 'ALL_OR_NOTHING';
  if (mode === 'valid') return 'VALID_ROWS';
  throw new UsageError(`--mode must be "all" or "valid", not "${mode}"`);
}

function parsePeriod(
  options: Pick<StatementOptions, 'period' | 'from' | 'to'>,
): { start: string; end: string } | null {
  if (options.period) {
    const match = /^(\d{4})-(\d{2})$/.exec(options.period);
    if (!match) throw new UsageError('--period must look like 2026-01');
    const [year, month] = [Number(match[1]), Number(match[2])];
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return { start: `${options.period}-01`, end: `${options.period}-${String(last).padStart(2, '0')}` };
  }
  if (options.from || options.to) {
    if (!options.from || !options.to) throw new UsageError('give both --from and --to');
    return { start: options.from, end: options.to };
  }
  return null;
}

function fileTemplate(options: { template?: string }): MappingTemplate {
  if (!options.template)
    throw new UsageError('give --template <file.json> (or --template-name with a database)');
  return parseTemplate(readJson(options.template));
}

async function storedTemplate(conn: Connection, customerId: number, name: string): Promise<MappingTemplate> {
  const stored = await loadTemplate(conn, customerId, name);
  if (!stored) throw new UsageError(`no mapping template "${name}" for this customer or shared`);
  return stored.template;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function findCustomer(conn: Connection, codeOrId: string): Promise<{ id: number; currency: string }> {
  const [rows] = await conn.query<RowDataPacket[]>(
    'SELECT id, currency FROM customers WHERE code = ? OR id = ? LIMIT 1',
    [codeOrId, /^\d+$/.test(codeOrId) ? Number(codeOrId) : -1],
  );
  const row = rows[0];
  if (!row) throw new UsageError(`no customer "${codeOrId}"`);
  return { id: Number(row.id), currency: String(row.currency) };
}

async function withDatabase<T>(work: (conn: Connection) => Promise<T>): Promise<T> {
  const db = parseDatabaseUrl(process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL);
  const conn = await mysql.createConnection({
    ...serverAddress(db),
    user: db.user,
    password: db.password,
    database: db.database,
    supportBigNumbers: true,
    bigNumberStrings: true,
  });
  try {
    return await work(conn);
  } finally {
    await conn.end();
  }
}
