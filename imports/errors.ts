import { DomainError } from '../common/domain-error';
import { FileErrorCode, FileFormatError, FormatErrorCode } from '../formats/errors';

/**
 * Every way an import can fail, as a stable code the API and the rejects file can carry: the shared
 * field and file codes of formats/ (amounts, dates, currencies, kinds, CSV records, encodings) and
 * those only imports have.
 */
export const ImportErrorCode = {
  ...FormatErrorCode,
  ...FileErrorCode,
  // The file as a whole
  UNSUPPORTED_FORMAT: 'UNSUPPORTED_FORMAT',
  /** An .xlsx over the size limits (decompressed bytes, rows, memory to parse): send it as CSV. */
  FILE_TOO_LARGE: 'FILE_TOO_LARGE',
  EMPTY_FILE: 'EMPTY_FILE',
  SHEET_NOT_FOUND: 'SHEET_NOT_FOUND',
  HEADER_NOT_FOUND: 'HEADER_NOT_FOUND',
  COLUMN_NOT_FOUND: 'COLUMN_NOT_FOUND',
  AMBIGUOUS_COLUMN: 'AMBIGUOUS_COLUMN',
  INVALID_TEMPLATE: 'INVALID_TEMPLATE',
  INVALID_OPTIONS: 'INVALID_OPTIONS',
  NO_LINES: 'NO_LINES',
  /** No period was given and the lines do not fall in one: which statement they belong to is unclear. */
  PERIOD_UNCLEAR: 'PERIOD_UNCLEAR',
  /** Two opening (or closing) balance rows with different amounts. */
  CONFLICTING_BALANCE_ROWS: 'CONFLICTING_BALANCE_ROWS',
  /** The file's opening balance, the one given and the statement's disagree. */
  OPENING_CONFLICT: 'OPENING_CONFLICT',
  /** The statement belongs to a closed period: it is not changed any more. */
  PERIOD_CLOSED: 'PERIOD_CLOSED',
  /** Every line of the file is already on the month's statement: adding them would count them twice. */
  ALREADY_ON_STATEMENT: 'ALREADY_ON_STATEMENT',
  // One row
  DATE_OUT_OF_PERIOD: 'DATE_OUT_OF_PERIOD',
  BOTH_DEBIT_AND_CREDIT: 'BOTH_DEBIT_AND_CREDIT',
  CURRENCY_MISMATCH: 'CURRENCY_MISMATCH',
  VALUE_TOO_LONG: 'VALUE_TOO_LONG',
  DUPLICATE_EXTERNAL_ID: 'DUPLICATE_EXTERNAL_ID',
} as const;
export type ImportErrorCode = (typeof ImportErrorCode)[keyof typeof ImportErrorCode];

/** One problem found in the file: `row` is the line (CSV) or worksheet row (XLSX) a person sees. */
export interface ImportIssue {
  readonly code: ImportErrorCode;
  /** 1-based row in the file; null for problems of the whole file. */
  readonly row: number | null;
  /** Header text of the column (or its letter when there is no header); null when no one column is at fault. */
  readonly column: string | null;
  readonly message: string;
  /** The offending raw value, as text. */
  readonly value?: string;
}

/**
 * The file cannot be read at all (format, encoding, header, template): nothing row-by-row to report.
 * Catch FileFormatError (its base) to also catch what the shared readers in formats/ throw.
 */
export class ImportFileError extends FileFormatError<ImportErrorCode> {
  override readonly name = 'ImportFileError';
}

export { FileFormatError };

export interface TemplateProblem {
  /** JSON path inside the template, e.g. `columns.date`. */
  readonly path: string;
  readonly message: string;
}

/** A mapping template that does not describe a usable layout; lists every problem at once (field: its JSON path). */
export class TemplateError extends DomainError<typeof ImportErrorCode.INVALID_TEMPLATE> {
  constructor(problems: readonly TemplateProblem[]) {
    super(
      ImportErrorCode.INVALID_TEMPLATE,
      `invalid mapping template: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
      problems.map((p) => ({ index: -1, field: p.path, reason: p.message })),
    );
  }
}

/** One issue as one line of text, for logs and the command line. */
export function formatIssue(issue: ImportIssue): string {
  const where = [issue.row === null ? null : `row ${issue.row}`, issue.column && `column ${issue.column}`]
    .filter(Boolean)
    .join(', ');
  return `${where ? `${where}: ` : ''}${issue.code}: ${issue.message}`;
}
