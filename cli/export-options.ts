import { isKnownCurrency } from '../formats/currency';
import { isIsoDate, isMonth, isYear } from '../formats/date';
import { UsageError } from './exit-codes';
import { isCanonicalId } from '../contract/ids';

// `recon export`'s command line, checked before the database is opened: a mistyped value is a
// usage error (exit 2) that names its option, never a refusal from deep inside (exit 1, `asOf`).

export const EXPORT_REPORTS = [
  'statement',
  'confirmation',
  'differences',
  'bridge',
  'aging',
  'summary',
  'kpi',
  'credit-review',
  'dunning-letter',
  'collection-kpis',
] as const;

export interface ExportValues {
  readonly periodId?: string;
  readonly period?: string;
  readonly asOf?: string;
  readonly from?: string;
  readonly to?: string;
  readonly cycle?: string;
  readonly currency?: string;
}

/** Throws a UsageError naming the first option whose value cannot be right, whatever the database holds. */
export function checkExportOptions(report: string, o: ExportValues): void {
  if (!(EXPORT_REPORTS as readonly string[]).includes(report))
    throw new UsageError(`report ${JSON.stringify(report)} is not one of ${EXPORT_REPORTS.join(', ')}`);
  if (o.periodId !== undefined && !isCanonicalId(o.periodId))
    throw new UsageError(
      `--period-id ${JSON.stringify(o.periodId)} is not a period id (a number; \`recon periods\` lists them)`,
    );
  if (o.period !== undefined) {
    const ok = report === 'summary' ? isMonth(o.period) || isYear(o.period) : isMonth(o.period);
    if (!ok)
      throw new UsageError(
        `--period ${JSON.stringify(o.period)} is not a month YYYY-MM${report === 'summary' ? ' or a year YYYY' : ''}`,
      );
  }
  for (const [option, value] of [
    ['--as-of', o.asOf],
    ['--from', o.from],
    ['--to', o.to],
    ['--cycle', o.cycle],
  ] as const) {
    if (value !== undefined && !isIsoDate(value))
      throw new UsageError(`${option} ${JSON.stringify(value)} is not a date YYYY-MM-DD`);
  }
  if (o.from !== undefined && o.to !== undefined && o.from > o.to)
    throw new UsageError(`the range is reversed: --from ${o.from} is after --to ${o.to}`);
  if (o.currency !== undefined && !isKnownCurrency(o.currency.toUpperCase()))
    throw new UsageError(
      `--currency ${JSON.stringify(o.currency)} is not an ISO 4217 currency code such as CNY or USD`,
    );
}
