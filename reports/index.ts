import { buildAgingReport } from './builders/aging-report';
import { buildBalanceBridge } from './builders/balance-bridge';
import { buildCreditReview } from './builders/credit-review';
import { buildCollectionKpis } from './builders/collection-kpis';
import { buildConfirmationLetter } from './builders/confirmation-letter';
import { buildDunningLetter } from './builders/dunning-letter';
import { buildDifferenceReport } from './builders/difference-report';
import { buildKpiReport } from './builders/kpi-report';
import { buildReconSummary } from './builders/recon-summary';
import { buildStatementOfAccount } from './builders/statement-of-account';
import type { ReportDocument } from './document';
import { renderCsv } from './render/csv';
import { renderPdf } from './render/pdf';
import { pdfThread } from './render/pdf-off-thread';
import { renderXlsx } from './render/xlsx';
import type {
  AgingReportData,
  BalanceBridgeData,
  CollectionKpiData,
  ConfirmationLetterData,
  CreditReviewData,
  DifferenceReportData,
  DunningLetterData,
  KpiReportData,
  Language,
  ReconSummaryData,
  StatementOfAccountData,
} from './types';

/** Every report and the data it is made from. */
export interface ReportDataByKind {
  statement: StatementOfAccountData;
  confirmation: ConfirmationLetterData;
  differences: DifferenceReportData;
  bridge: BalanceBridgeData;
  aging: AgingReportData;
  summary: ReconSummaryData;
  kpi: KpiReportData;
  dunning: DunningLetterData;
  'credit-review': CreditReviewData;
  collections: CollectionKpiData;
}
export type ReportKind = keyof ReportDataByKind;
export const REPORT_KINDS = [
  'statement',
  'confirmation',
  'differences',
  'bridge',
  'aging',
  'summary',
  'kpi',
  'dunning',
  'credit-review',
  'collections',
] as const;

export type ReportFormat = 'pdf' | 'xlsx' | 'csv';
export const REPORT_FORMATS: readonly ReportFormat[] = ['pdf', 'xlsx', 'csv'];

const BUILDERS: { [K in ReportKind]: (data: ReportDataByKind[K]) => ReportDocument } = {
  statement: buildStatementOfAccount,
  confirmation: buildConfirmationLetter,
  differences: buildDifferenceReport,
  bridge: buildBalanceBridge,
  aging: buildAgingReport,
  summary: buildReconSummary,
  kpi: buildKpiReport,
  dunning: buildDunningLetter,
  'credit-review': buildCreditReview,
  collections: buildCollectionKpis,
};

const CONTENT_TYPES: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

export interface RenderedReport {
  readonly body: Buffer;
  readonly fileName: string;
  readonly contentType: string;
}

export function buildReport<K extends ReportKind>(kind: K, data: ReportDataByKind[K]): ReportDocument {
  return (BUILDERS[kind] as (data: ReportDataByKind[K]) => ReportDocument)(data);
}

/** One report as a file: what the HTTP endpoint sends and the CLI writes. */
export async function renderReport<K extends ReportKind>(
  kind: K,
  data: ReportDataByKind[K],
  format: ReportFormat,
  language: Language = 'bilingual',
): Promise<RenderedReport> {
  const document = buildReport(kind, data);
  const body =
    format === 'pdf'
      ? await renderPdf(document, language)
      : format === 'xlsx'
        ? await renderXlsx(document, language)
        : renderCsv(document, language);
  return { body, fileName: `${document.fileName}.${format}`, contentType: CONTENT_TYPES[format] };
}

/**
 * One report as a PDF rendered on the process's PDF thread (render/pdf-off-thread.ts), not on this
 * event loop: for the worker, whose statements would otherwise hold up every other activity.
 */
export async function renderPdfOffThread<K extends ReportKind>(
  kind: K,
  data: ReportDataByKind[K],
  language: Language = 'bilingual',
): Promise<RenderedReport> {
  const document = buildReport(kind, data);
  const body = await pdfThread.render(document, language);
  return { body, fileName: `${document.fileName}.pdf`, contentType: CONTENT_TYPES.pdf };
}
