import { DomainError } from '../common/domain-error';

// One vocabulary of field-level format problems, shared by every reader of amounts, dates,
// currencies, kinds and CSV records (imports/, the matching CLI, the API's inputs).

/** Why one value could not be read. Stable codes: the API, rejects files and the CLI carry them. */
export const FormatErrorCode = {
  MISSING_VALUE: 'MISSING_VALUE',
  INVALID_AMOUNT: 'INVALID_AMOUNT',
  AMOUNT_TOO_PRECISE: 'AMOUNT_TOO_PRECISE',
  AMOUNT_OUT_OF_RANGE: 'AMOUNT_OUT_OF_RANGE',
  INVALID_DATE: 'INVALID_DATE',
  AMBIGUOUS_DATE: 'AMBIGUOUS_DATE',
  INVALID_CURRENCY: 'INVALID_CURRENCY',
  UNKNOWN_KIND: 'UNKNOWN_KIND',
  UNTERMINATED_QUOTE: 'UNTERMINATED_QUOTE',
  WRONG_FIELD_COUNT: 'WRONG_FIELD_COUNT',
} as const;
export type FormatErrorCode = (typeof FormatErrorCode)[keyof typeof FormatErrorCode];

/** Outcome of parsing one value: parsers never throw on bad data, callers collect the reasons. */
export type Parsed<T, Code extends string = FormatErrorCode> =
  { readonly ok: true; readonly value: T } | ParseFailure<Code>;

export interface ParseFailure<Code extends string = FormatErrorCode> {
  readonly ok: false;
  readonly code: Code;
  readonly reason: string;
}

export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

export function fail<Code extends string>(code: Code, reason: string): ParseFailure<Code> {
  return { ok: false, code, reason };
}

/** Where a bad value sits: the file (base name), its 1-based row as a person sees it, the field. */
export interface FieldLocation {
  readonly file?: string;
  readonly row?: number;
  readonly field: string;
}

/**
 * A bad value in a file or an input, thrown where reading stops at the first problem (the matching
 * CLI, options): "ledger.csv row 3, amount: INVALID_AMOUNT: "12.8OO" is not an amount".
 */
export class FieldError extends Error {
  override readonly name = 'FieldError';
  readonly file?: string;
  readonly row?: number;
  readonly field: string;
  constructor(
    readonly code: string,
    where: FieldLocation,
    readonly reason: string,
  ) {
    super(`${describeLocation(where)}: ${reason}`);
    this.file = where.file;
    this.row = where.row;
    this.field = where.field;
  }
}

export function describeLocation(where: FieldLocation): string {
  const place = [where.file, where.row === undefined ? undefined : `row ${where.row}`]
    .filter(Boolean)
    .join(' ');
  return place ? `${place}, ${where.field}` : where.field;
}

/** Problems of a whole file (not one value): its encoding cannot be read. */
export const FileErrorCode = {
  ENCODING_ERROR: 'ENCODING_ERROR',
} as const;
export type FileErrorCode = (typeof FileErrorCode)[keyof typeof FileErrorCode];

/**
 * The file cannot be read at all (encoding, and in imports/ also format, header, template): nothing
 * row by row to report. imports/ extends it with its own codes (ImportFileError).
 */
export class FileFormatError<Code extends string = FileErrorCode> extends DomainError<Code> {
  override readonly name: string = 'FileFormatError';
  constructor(
    code: Code,
    message: string,
    readonly column: string | null = null,
  ) {
    super(code, message);
  }

  toIssue(): { code: Code; row: null; column: string | null; message: string } {
    return { code: this.code, row: null, column: this.column, message: this.message };
  }
}
