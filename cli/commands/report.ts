import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { computeAging } from '../../reports/aging';
import { AGING_ITEMS_EXAMPLE, checkReportData } from '../../reports/data-shape';
import { REPORT_EXAMPLES } from '../../reports/examples';
import {
  REPORT_FORMATS,
  REPORT_KINDS,
  renderReport,
  type ReportDataByKind,
  type ReportFormat,
  type ReportKind,
} from '../../reports/index';
import type { AgingItem, AgingReportData, CompanyInfo, Language } from '../../reports/types';
import { ExitCode, UsageError } from '../exit-codes';
import { existingFile } from '../paths';
import { reportFormat } from '../report-format';

interface ReportOptions {
  data?: string;
  format?: string;
  lang: string;
  out?: string;
}

const LANGUAGES: readonly Language[] = ['bilingual', 'zh', 'en'];

/**
 * `recon report <kind> --data file.json [--format pdf|xlsx|csv] [--lang bilingual|zh|en] [--out path]`
 * renders a report from its data (the shape `recon report example <kind>` prints); for aging, the
 * data may be open items ({company, currency, asOf, items}) to be aged here.
 */
export function register(program: Command): void {
  const command = program
    .command('report')
    .description('Render statements, confirmation letters and reports / 生成对账单、询证函和报表');
  command
    .command('render <kind>')
    .description(`render a report: ${REPORT_KINDS.join(', ')}`)
    .requiredOption('-d, --data <file.json>', 'the report data as JSON ("-" for standard input)')
    .option(
      '-f, --format <format>',
      `${REPORT_FORMATS.join(' | ')} (default: from the --out file's extension, else pdf)`,
    )
    .option('-l, --lang <language>', LANGUAGES.join(' | '), 'bilingual')
    .option('-o, --out <path>', 'output file, or a directory for the default file name', '.')
    .action((kind: string, options: ReportOptions) => run(() => render(kind, options)));
  command
    .command('example <kind>')
    .description('print example data for a report, to start from')
    .action((kind: string) =>
      run(async () => {
        console.log(JSON.stringify(REPORT_EXAMPLES[reportKind(kind)], null, 2));
      }),
    );
}

async function render(kind: string, options: ReportOptions): Promise<void> {
  const reportKindName = reportKind(kind);
  const out = options.out ?? '.';
  const intoFolder = out.endsWith('/') || out.endsWith(path.sep) || isDirectory(out);
  const format = reportFormat(options.format, intoFolder ? undefined : out);
  const language = LANGUAGES.find((l) => l === options.lang);
  if (!language) throw new UsageError(`--lang must be one of ${LANGUAGES.join(', ')}`);
  const raw = readData(options.data ?? '-');
  const report = await renderFor(reportKindName, raw, format, language);
  const target = intoFolder ? path.join(out, report.fileName) : out;
  mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  writeFileSync(target, report.body);
  console.log(target);
}

/** The JSON must have the example's shape (else ReportDataError naming row and field, exit 1). */
function renderFor(kind: ReportKind, raw: unknown, format: ReportFormat, language: Language) {
  if (kind === 'aging' && isAgingItems(raw)) {
    checkReportData(kind, raw, AGING_ITEMS_EXAMPLE);
    const aged: AgingReportData = computeAging(raw.items, raw.asOf, {
      company: raw.company,
      currency: raw.currency,
    });
    return renderReport('aging', aged, format, language);
  }
  checkReportData(kind, raw);
  return renderReport(kind, raw as ReportDataByKind[typeof kind], format, language);
}

function isAgingItems(
  raw: unknown,
): raw is { company: CompanyInfo; currency: string; asOf: string; items: AgingItem[] } {
  return (
    typeof raw === 'object' &&
    raw !== null &&
    Array.isArray((raw as { items?: unknown }).items) &&
    !('rows' in raw)
  );
}

function reportKind(kind: string): ReportKind {
  const found = REPORT_KINDS.find((k) => k === kind);
  if (!found) throw new UsageError(`unknown report "${kind}"; one of ${REPORT_KINDS.join(', ')}`);
  return found;
}

/** The report data: standard input, or a JSON file the user named (missing or not JSON: exit 2, said). */
function readData(data: string): unknown {
  const file = data === '-' ? null : existingFile(data);
  const text = readFileSync(file ?? 0, 'utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`${file ?? 'standard input'} is not JSON: ${(error as Error).message}`);
  }
}

function isDirectory(target: string): boolean {
  try {
    return statSync(target).isDirectory();
  } catch {
    return false;
  }
}

function run(action: () => Promise<void>): Promise<void> {
  return action().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = error instanceof UsageError ? ExitCode.USAGE : ExitCode.FAILED;
  });
}
