import type { EntryKind } from '../contract/enums';

/** One cell as read from a file: CSV gives strings, XLSX may give numbers, dates and booleans. */
export type CellValue = string | number | boolean | Date | null;

/** One physical row of a file. */
export interface SheetRow {
  /** 1-based line (CSV: where the record starts) or worksheet row (XLSX). */
  readonly row: number;
  readonly cells: readonly CellValue[];
}

/** A file to import: on disk, or already in memory (an HTTP upload). */
export type ImportInput =
  { readonly path: string; readonly name?: string } | { readonly buffer: Buffer; readonly name: string };

export type FileFormat = 'CSV' | 'XLSX';

/** ALL_OR_NOTHING: any bad row rejects the file. VALID_ROWS: good rows are imported, bad ones come back as a file. */
export type ImportMode = 'ALL_OR_NOTHING' | 'VALID_ROWS';

/** One normalised statement line, ready to store: amounts are exact decimal strings, dates ISO. */
export interface StatementLineInput {
  /** 1-based position among the accepted lines of the file. */
  readonly lineNo: number;
  /** Row of the file it came from (for messages and audit). */
  readonly sourceRow: number;
  readonly externalId: string;
  /** YYYY-MM-DD */
  readonly txnDate: string;
  readonly docNo: string | null;
  readonly reference: string | null;
  readonly description: string | null;
  readonly kind: EntryKind;
  /** Signed: positive increases what the customer owes us. Exact decimal text, at most 4 decimals. */
  readonly amount: string;
  readonly currency: string;
}

export function inputName(input: ImportInput): string {
  if ('buffer' in input) return input.name;
  return input.name ?? input.path.split(/[\\/]/).pop() ?? input.path;
}
