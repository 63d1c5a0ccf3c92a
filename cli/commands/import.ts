import { SYSTEM_ACTORS } from '../../contract/actor';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import mysql, { type Connection, type RowDataPacket } from 'mysql2/promise';
import { DEFAULT_DATABASE_URL, parseDatabaseUrl } from '../../config/config';
import {
  calendarRange,
  importLedgerFile,
  importStatementFile,
  ImportFileError,
  listTemplates,
  loadTemplate,
  readStatementFile,
  rejectsData,
  rejectsFileFor,
  saveTemplate,
  TEMPLATE_EXAMPLES,
  TemplateError,
  type ImportMode,
  type MappingTemplate,
  parseTemplate,
} from '../../imports';
import { serverAddress } from '../../db/server-address';
import { parseAmount } from '../../formats/amount';
import { isIsoDate, monthRange } from '../../formats/date';
import { ExitCode, UsageError } from '../exit-codes';
import { openingConflict, printDryRun, printImported, printIssues, printWarnings } from '../import-output';
import { existingFile, userPath } from '../paths';
import { isCanonicalId } from '../../contract/ids';
import { counted } from '../../common/counted';

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
  replace?: boolean;
  mode: string;
  rejects?: string;
  dryRun?: boolean;
  currency: string;
  json?: boolean;
}

/**
 * `recon import statement <file>`: a customer's statement file (CSV/XLSX) into the database by a
 * mapping template; `--dry-run` only reads and validates it. `recon import ledger <file>`: an ERP
 * export of our receivables. `recon import template save|show|list|example`. Relative paths are the
 * user's (INIT_CWD under npm run). Exit codes (cli/exit-codes.ts): 0 imported (or already imported,
 * as asked), 1 rejected, 2 unusable template or options, 4 already imported and what this run asked
 * for (another period, opening or closing) not applied.
 */
export function register(program: Command): void {
  const command = program
    .command('import')
    .description('Import customer statement files (CSV, XLSX) / 导入客户对账单文件');

  command
    .command('statement <file>')
    .description('import one statement file by a mapping template')
    .option('-c, --customer <code>', 'customer code (or numeric id) (required, unless --dry-run)')
    .option('-t, --template <file.json>', 'mapping template as a JSON file (required: -t or -n)')
    .option('-n, --template-name <name>', 'mapping template saved in the database (required: -t or -n)')
    .option(
      '-p, --period <YYYY-MM>',
      "statement month (lines outside are rejected); default: the customer's period holding the lines, else their month",
    )
    .option('--from <YYYY-MM-DD>', 'period start')
    .option('--to <YYYY-MM-DD>', 'period end')
    .option(
      '--opening <amount>',
      'opening balance, e.g. "10,000.00" (default: the file\'s 期初余额 row, else the statement added to, else 0 with a warning)',
    )
    .option('--closing <amount>', "closing balance (default: the file's 期末余额 row, else opening + lines)")
    .option(
      '--replace',
      "replace the period's statement with this file (audited; the old one is kept, marked replaced); also re-reads a file imported before",
    )
    .option('-m, --mode <mode>', 'all (one bad row rejects the file) or valid (import good rows)', 'all')
    .option('-r, --rejects <file.csv>', 'write rejected rows, with reasons, to this CSV')
    .option('--dry-run', 'read and validate only; no database')
    .option('--currency <code>', 'statement currency for --dry-run', 'CNY')
    .option('--json', 'print the result as JSON')
    .action((file: string, options: StatementOptions) => run(() => importStatement(file, options)));

  command
    .command('ledger <file>')
    .description('import an ERP export of our receivables for one customer (entries keyed by id or doc no.)')
    .requiredOption('-c, --customer <code>', 'customer code (or numeric id) (required)')
    .requiredOption('-s, --source <name>', 'the system the export comes from, e.g. SAP (required)')
    .option('-t, --template <file.json>', 'mapping template as a JSON file (required: -t or -n)')
    .option('-n, --template-name <name>', 'mapping template saved in the database (required: -t or -n)')
    .option('-p, --period <YYYY-MM>', 'month the entries must fall in')
    .option('--from <YYYY-MM-DD>', 'period start')
    .option('--to <YYYY-MM-DD>', 'period end')
    .option('-m, --mode <mode>', 'all or valid', 'all')
    .option('-r, --rejects <file.csv>', 'write rejected rows, with reasons, to this CSV')
    .option('--json', 'print the result as JSON')
    .action((file: string, options: LedgerOptions) => run(() => importLedger(file, options)));

  const templates = command.command('template').description('mapping templates saved in the database');
  templates
    .command('list')
    .description("the saved templates (a customer's own and the shared ones with -c)")
    .option('-c, --customer <code>', 'customer code')
    .action((options: { customer?: string }) =>
      run(async () => {
        await withDatabase(async (conn) => {
          const customerId = options.customer ? (await findCustomer(conn, options.customer)).id : null;
          const listed = await listTemplates(conn, customerId);
          if (listed.length === 0) log('no saved templates (recon import template save NAME FILE.json)');
          for (const t of listed) {
            log(
              `${t.name.padEnd(24)} ${(t.customerCode ?? '(shared)').padEnd(12)} v${t.version}  ${t.updatedAt}`,
            );
          }
        });
        return ExitCode.OK;
      }),
    );
  templates
    .command('example [name]')
    .description(
      `print a template to start from: ${Object.keys(TEMPLATE_EXAMPLES).join(' or ')} (JSON on stdout, notes on stderr)`,
    )
    .action((name: string | undefined) =>
      run(async () => {
        const example = TEMPLATE_EXAMPLES[name ?? 'debit-credit'];
        if (!example)
          throw new UsageError(
            `no example "${name}"; there are: ${Object.keys(TEMPLATE_EXAMPLES).join(', ')}`,
          );
        log(JSON.stringify(example.template, null, 2));
        console.error(`# ${example.title}`);
        for (const note of example.notes) console.error(`# ${note}`);
        return ExitCode.OK;
      }),
    );
  templates
    .command('save <name> <file.json>')
    .description('validate and save a template (a new version if it exists)')
    .option('-c, --customer <code>', 'the customer it belongs to; shared when omitted')
    .action((name: string, file: string, options: { customer?: string }) =>
      run(async () => {
        await withDatabase(async (conn) => {
          const customerId = options.customer ? (await findCustomer(conn, options.customer)).id : null;
          const saved = await saveTemplate(
            conn,
            customerId,
            name,
            readJson(userPath(file)),
            SYSTEM_ACTORS.operator,
          );
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
  const given = {
    opening: amountOption('--opening', options.opening),
    closing: amountOption('--closing', options.closing),
  };
  const path = existingFile(file);
  if (options.dryRun) {
    const template = fileTemplate(options);
    const { summary } = await readStatementFile({ path }, template, {
      currency: options.currency,
      period: period ?? undefined,
    });
    const month = summary.firstDate ? calendarRange(summary.firstDate, 1) : null;
    const said = period
      ? { ...period, said: 'as given' }
      : month && summary.lastDate && summary.lastDate <= month.end
        ? { ...month, said: 'the calendar month of the lines, unless the customer has a period holding them' }
        : null;
    const conflict = openingConflict(given.opening, summary.openingBalance);
    const valid = summary.issues.length === 0 && summary.lineCount > 0 && conflict === null;
    if (options.json) {
      const { rejects: _rejects, headerRows: _headers, ...shown } = summary;
      console.log(
        JSON.stringify(
          { status: valid ? 'VALID' : 'INVALID', period: said, ...shown, openingConflict: conflict },
          null,
          2,
        ),
      );
    } else {
      printDryRun(log, summary, said, given);
    }
    const rejects = rejectsData(summary, template);
    if (options.rejects && rejects)
      writeFileSync(userPath(options.rejects), await rejectsFileFor(rejects, options.rejects));
    return valid ? ExitCode.OK : ExitCode.FAILED;
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
      file: { path },
      template,
      periodStart: period?.start,
      periodEnd: period?.end,
      openingBalance: given.opening ?? undefined,
      closingBalance: given.closing ?? undefined,
      replace: options.replace === true,
      mode,
    });
    if (result.status !== 'DUPLICATE' && result.rejects && options.rejects)
      writeFileSync(userPath(options.rejects), await rejectsFileFor(result.rejects, options.rejects));
    if (options.json) {
      console.log(JSON.stringify({ ...result, rejectsCsv: undefined, rejects: undefined }, null, 2));
    } else if (result.status === 'IMPORTED') {
      printImported(log, result);
    } else if (result.status === 'DUPLICATE') {
      const applied = result.differences.length === 0;
      log(
        `already imported (import ${result.importFileId}, statement ${result.statementId ?? '-'}): ` +
          (applied
            ? 'nothing imported again, the statement is as that import left it. '
            : `NOTHING APPLIED: the statement is as that import left it, not as asked (exit code ${ExitCode.NOT_APPLIED}). `) +
          'To read it again (another template, opening or period), add --replace: it replaces the statement.',
      );
      // Options that would change the statement were not applied: say which (#19 point 2).
      for (const difference of result.differences) log(`  NOT APPLIED: ${difference}`);
    } else {
      log('rejected: nothing was written');
      printWarnings(log, result.warnings ?? []);
      printIssues(log, result.issues);
    }
    if (result.status === 'DUPLICATE' && result.differences.length > 0) return ExitCode.NOT_APPLIED;
    return result.status === 'REJECTED' ? ExitCode.FAILED : ExitCode.OK;
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
      file: { path: existingFile(file) },
      template,
      periodStart: period?.start,
      periodEnd: period?.end,
      mode,
    });
    if (result.status !== 'DUPLICATE' && result.rejects && options.rejects) {
      writeFileSync(userPath(options.rejects), await rejectsFileFor(result.rejects, options.rejects));
    }
    if (options.json)
      console.log(JSON.stringify({ ...result, rejectsCsv: undefined, rejects: undefined }, null, 2));
    else if (result.status === 'IMPORTED') {
      log(
        `loaded ${counted(result.inserted, 'new entry', 'new entries')} (${result.alreadyPresent} already there), total ${result.total}` +
          (result.rejectedRowCount > 0 ? `; ${counted(result.rejectedRowCount, 'row')} rejected` : ''),
      );
      printWarnings(log, result.warnings);
      printIssues(log, result.issues);
    } else if (result.status === 'DUPLICATE') {
      log(
        `already imported (import ${result.importFileId}): nothing imported again, the entries are as that import left them`,
      );
    } else {
      log('rejected: nothing was written');
      printIssues(log, result.issues);
    }
    return result.status === 'REJECTED' ? ExitCode.FAILED : ExitCode.OK;
  });
}

const log = (line: string): void => console.log(line);

/** Runs an action and turns its outcome into the exit code (cli/exit-codes.ts); errors become readable lines. */
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
        process.exitCode = ExitCode.FAILED;
        return;
      }
      process.exitCode = ExitCode.USAGE;
    },
  );
}

/** `--opening` / `--closing` read by the file's own amount parser; a mistake names the option. */
function amountOption(option: string, value: string | undefined): string | null {
  if (value === undefined) return null;
  const parsed = parseAmount(value);
  if (!parsed.ok)
    throw new UsageError(`${option} ${JSON.stringify(value)} is not an amount: ${parsed.reason}`);
  return parsed.value;
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
    try {
      return monthRange(options.period);
    } catch {
      throw new UsageError(`--period must be a month such as 2026-01, not "${options.period}"`);
    }
  }
  if (options.from || options.to) {
    if (!options.from || !options.to) throw new UsageError('give both --from and --to');
    if (!isIsoDate(options.from) || !isIsoDate(options.to))
      throw new UsageError(
        `--from and --to are dates such as 2026-01-31 (got ${options.from}, ${options.to})`,
      );
    if (options.from > options.to) throw new UsageError(`--from ${options.from} is after --to ${options.to}`);
    return { start: options.from, end: options.to };
  }
  return null;
}

function fileTemplate(options: { template?: string }): MappingTemplate {
  if (!options.template)
    throw new UsageError('give --template <file.json> (or --template-name with a database)');
  return parseTemplate(readJson(userPath(options.template)));
}

async function storedTemplate(conn: Connection, customerId: string, name: string): Promise<MappingTemplate> {
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

async function findCustomer(conn: Connection, codeOrId: string): Promise<{ id: string; currency: string }> {
  const [rows] = await conn.query<RowDataPacket[]>(
    'SELECT id, currency FROM customers WHERE code = ? OR id = ? LIMIT 1',
    [codeOrId, isCanonicalId(codeOrId) ? codeOrId : null],
  );
  const row = rows[0];
  if (!row) throw new UsageError(`no customer "${codeOrId}"`);
  return { id: String(row.id), currency: String(row.currency) };
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
