import path from 'node:path';
import { REPORT_FORMATS, type ReportFormat } from '../reports';
import { UsageError } from './exit-codes';

/**
 * The format of a report written to `out`: `--format` when given, else the file's extension
 * (`.pdf`, `.xlsx`, `.csv`, any case), else PDF. `--out differences.csv` never holds a PDF: a
 * `--format` that contradicts the extension is refused before anything is written.
 */
export function reportFormat(given: string | undefined, out: string | undefined): ReportFormat {
  const extension = path
    .extname(out ?? '')
    .slice(1)
    .toLowerCase();
  const named = REPORT_FORMATS.find((f) => f === extension);
  if (given === undefined) return named ?? 'pdf';
  const format = REPORT_FORMATS.find((f) => f === given);
  if (!format) throw new UsageError(`--format is one of ${REPORT_FORMATS.join(', ')}`);
  if (named && named !== format)
    throw new UsageError(`--out ${out} names a ${named} file, but --format is ${format}: make them agree`);
  return format;
}
