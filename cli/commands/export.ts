import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../config/config';
import { prepareDatabase } from '../../db/prepare-database';
import { reportFormat } from '../report-format';
import { renderReport, REPORT_FORMATS, type RenderedReport, type ReportFormat } from '../../reports';
import { storedLetter } from '../../collections/letter-store';
import { collectionKpiReport } from '../../collections/kpis';
import { buildReportData, findCustomerPeriod, type ReportRequest } from '../../reports/sources';
import type { Language } from '../../reports/types';
import { AgingBasis } from '../../contract/credit/enums';
import { UsageError } from '../exit-codes';
import { checkExportOptions, EXPORT_REPORTS } from '../export-options';
import { userPath } from '../paths';
import type { DataSource } from 'typeorm';

interface ExportOptions {
  periodId?: string;
  asOf?: string;
  period?: string;
  from?: string;
  to?: string;
  customer?: string;
  basis: string;
  currency?: string;
  format?: string;
  lang: string;
  out: string;
  level?: string;
  cycle?: string;
}

const PERIOD_REPORTS = ['statement', 'confirmation', 'differences', 'bridge'] as const;
type PeriodReport = (typeof PERIOD_REPORTS)[number];
const LANGUAGES: readonly Language[] = ['bilingual', 'zh', 'en'];
const DEFAULT_CURRENCY = 'CNY';

const isPeriodReport = (kind: string): kind is PeriodReport =>
  (PERIOD_REPORTS as readonly string[]).includes(kind);

/** A period document names its period by id, or by customer code and month (as a clerk knows it). */
async function periodIdOf(dataSource: DataSource, kind: string, o: ExportOptions): Promise<string> {
  if (o.periodId) return o.periodId;
  if (!o.customer || !o.period)
    throw new UsageError(
      `${kind} needs --customer CODE --period YYYY-MM (or --period-id); \`recon periods\` lists them`,
    );
  return (await findCustomerPeriod(dataSource, o.customer, o.period, o.currency?.toUpperCase())).id;
}

async function requestOf(dataSource: DataSource, kind: string, o: ExportOptions): Promise<ReportRequest> {
  const currency = (o.currency ?? DEFAULT_CURRENCY).toUpperCase();
  if (isPeriodReport(kind)) return { kind, periodId: await periodIdOf(dataSource, kind, o) };
  switch (kind) {
    case 'aging':
      if (!o.asOf) throw new UsageError('aging needs --as-of YYYY-MM-DD');
      if (o.basis !== 'due' && o.basis !== 'document') throw new UsageError('--basis is due or document');
      return {
        kind,
        asOf: o.asOf,
        currency,
        customerCode: o.customer,
        basis: o.basis === 'due' ? AgingBasis.DUE_DATE : AgingBasis.DOCUMENT_DATE,
      };
    case 'summary':
      if (!o.period) throw new UsageError('summary needs --period YYYY or YYYY-MM');
      return { kind, period: o.period, currency };
    case 'kpi':
      if (!o.from || !o.to) throw new UsageError('kpi needs --from and --to');
      return { kind, from: o.from, to: o.to, currency };
    case 'credit-review':
      // Exposures are read now; the date printed is today's unless told.
      return {
        kind,
        asOf: o.asOf ?? new Date().toISOString().slice(0, 10),
        customerCode: o.customer,
        currency: o.currency?.toUpperCase(),
      };
    default:
      throw new UsageError(`report ${JSON.stringify(kind)} is not one of ${EXPORT_REPORTS.join(', ')}`);
  }
}

/** `recon export <report>`: a report built from the database, as PDF, XLSX or CSV. */
export function register(program: Command): void {
  program
    .command('export')
    .description(
      'write a report from the database: statement|confirmation|differences|bridge (--customer --period YYYY-MM, or --period-id), aging (--as-of), summary (--period), kpi (--from --to), credit-review ([--customer] [--currency]), dunning-letter (--customer --level [--cycle]), collection-kpis (--from --to)',
    )
    .argument(
      '<report>',
      'statement, confirmation, differences, bridge, aging, summary, kpi, credit-review, dunning-letter or collection-kpis',
    )
    .option('--level <n>', 'dunning-letter: the level whose 催款函 to print')
    .option('--cycle <date>', "dunning-letter: the case's cycle (default the latest)")
    .option('--customer <code>', "the customer's period (with --period YYYY-MM), or aging for one customer")
    .option('--period <period>', "a customer's month YYYY-MM; for the summary YYYY-MM or YYYY")
    .option('--period-id <id>', 'the reconciliation period by id (`recon periods` lists them)')
    .option('--as-of <date>', 'aging date, YYYY-MM-DD')
    .option('--from <date>', 'KPI range start')
    .option('--to <date>', 'KPI range end')
    .option('--basis <basis>', 'aging by due date (due, from payment terms) or document date', 'document')
    .option(
      '--currency <code>',
      `currency of aging, summary and KPIs (default ${DEFAULT_CURRENCY}); chooses among a customer's periods of one month`,
    )
    .option(
      '--format <format>',
      `${REPORT_FORMATS.join(', ')} (default: from the --out file's extension, else pdf)`,
    )
    .option('--lang <lang>', LANGUAGES.join(', '), 'bilingual')
    .requiredOption('--out <file>', 'where to write it (required; relative to the folder you are in)')
    .action(async (report: string, options: ExportOptions) => {
      const format = reportFormat(options.format, options.out);
      const language = LANGUAGES.find((l) => l === options.lang);
      if (!language)
        throw new UsageError(
          `--lang ${JSON.stringify(options.lang)} is not offered: one of ${LANGUAGES.join(', ')}`,
        );
      checkExportOptions(report, options);
      const config = loadConfig();
      const dataSource = await prepareDatabase(config.database);
      try {
        await exportReport(dataSource, config.companyName, report, options, format, language);
      } finally {
        await dataSource.destroy();
      }
    });
}

async function exportReport(
  dataSource: DataSource,
  companyName: string,
  report: string,
  options: ExportOptions,
  format: ReportFormat,
  language: Language,
): Promise<void> {
  const rendered =
    report === 'dunning-letter' || report === 'collection-kpis'
      ? await collectionsReport(dataSource, companyName, report, options, format, language)
      : await (async () => {
          const request = await requestOf(dataSource, report, options);
          const { kind, data } = await buildReportData(dataSource, { name: companyName }, request);
          return renderReport(kind, data, format, language);
        })();
  const out = userPath(options.out);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, rendered.body);
  console.log(`wrote ${out} (${rendered.body.length} bytes)`);
}

/** The collections' documents: a 催款函 as it was sent, and the collection KPIs (DSO, CEI, …). */
async function collectionsReport(
  dataSource: DataSource,
  companyName: string,
  report: 'dunning-letter' | 'collection-kpis',
  o: ExportOptions,
  format: ReportFormat,
  language: Language,
): Promise<RenderedReport> {
  if (report === 'dunning-letter') {
    if (!o.customer || !o.level) throw new UsageError('dunning-letter needs --customer CODE --level N');
    if (!/^\d+$/.test(o.level)) throw new UsageError(`--level ${JSON.stringify(o.level)} is not a number`);
    const data = await storedLetter(dataSource, {
      customerCode: o.customer,
      level: Number(o.level),
      cycle: o.cycle,
    });
    return renderReport('dunning', data, format, language);
  }
  if (!o.from || !o.to) throw new UsageError('collection-kpis needs --from and --to');
  const kpis = await collectionKpiReport(dataSource, {
    from: o.from,
    to: o.to,
    currency: (o.currency ?? DEFAULT_CURRENCY).toUpperCase(),
  });
  return renderReport('collections', { company: { name: companyName }, ...kpis }, format, language);
}
