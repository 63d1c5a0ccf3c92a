import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { loadConfig } from '../../config/config';
import { prepareDatabase } from '../../db/prepare-database';
import { renderReport, REPORT_FORMATS, type ReportFormat } from '../../reports';
import { buildReportData, type ReportRequest } from '../../reports/sources';
import type { Language } from '../../reports/types';
import { AgingBasis } from '../../contract/credit/enums';

interface ExportOptions {
  periodId?: string;
  asOf?: string;
  period?: string;
  from?: string;
  to?: string;
  customer?: string;
  basis: string;
  currency: string;
  format: ReportFormat;
  lang: Language;
  out: string;
}

function requestOf(kind: string, o: ExportOptions): ReportRequest {
  switch (kind) {
    case 'statement':
    case 'confirmation':
    case 'differences':
    case 'bridge':
      if (!o.periodId) throw new Error(`${kind} needs --period-id`);
      return { kind, periodId: o.periodId };
    case 'aging':
      if (!o.asOf) throw new Error('aging needs --as-of YYYY-MM-DD');
      if (o.basis !== 'due' && o.basis !== 'document') throw new Error('--basis is due or document');
      return {
        kind,
        asOf: o.asOf,
        currency: o.currency,
        customerCode: o.customer,
        basis: o.basis === 'due' ? AgingBasis.DUE_DATE : AgingBasis.DOCUMENT_DATE,
      };
    case 'summary':
      if (!o.period) throw new Error('summary needs --period YYYY or YYYY-MM');
      return { kind, period: o.period, currency: o.currency };
    case 'kpi':
      if (!o.from || !o.to) throw new Error('kpi needs --from and --to');
      return { kind, from: o.from, to: o.to, currency: o.currency };
    default:
      throw new Error('report is one of statement, confirmation, differences, bridge, aging, summary, kpi');
  }
}

/** `recon export <report>`: a report built from the database, as PDF, XLSX or CSV. */
export function register(program: Command): void {
  program
    .command('export')
    .description(
      'write a report from the database: statement|confirmation|differences|bridge (--period-id), aging (--as-of), summary (--period), kpi (--from --to)',
    )
    .argument('<report>', 'statement, confirmation, differences, bridge, aging, summary or kpi')
    .option('--period-id <id>', 'the reconciliation period')
    .option('--as-of <date>', 'aging date, YYYY-MM-DD')
    .option('--period <period>', 'summary period: YYYY-MM or YYYY')
    .option('--from <date>', 'KPI range start')
    .option('--to <date>', 'KPI range end')
    .option('--customer <code>', 'aging for one customer')
    .option('--basis <basis>', 'aging by due date (due, from payment terms) or document date', 'document')
    .option('--currency <code>', 'currency of aging, summary and KPIs', 'CNY')
    .option('--format <format>', REPORT_FORMATS.join(', '), 'pdf')
    .option('--lang <lang>', 'bilingual, zh or en', 'bilingual')
    .requiredOption('--out <file>', 'where to write it')
    .action(async (report: string, options: ExportOptions) => {
      if (!REPORT_FORMATS.includes(options.format))
        throw new Error(`--format is one of ${REPORT_FORMATS.join(', ')}`);
      const config = loadConfig();
      const dataSource = await prepareDatabase(config.database);
      try {
        const { kind, data } = await buildReportData(
          dataSource,
          { name: config.companyName },
          requestOf(report, options),
        );
        const rendered = await renderReport(kind, data, options.format, options.lang);
        writeFileSync(options.out, rendered.body);
        console.log(`wrote ${options.out} (${rendered.body.length} bytes)`);
      } finally {
        await dataSource.destroy();
      }
    });
}
