import { EntryKind } from '../contract/enums';
import { isCurrencyCode } from '../formats/currency';
import { DATE_FORMATS, type DateFormat } from '../formats/date';
import type { TextEncoding } from '../formats/encoding';
import { TemplateError, type TemplateProblem } from './errors';

/** A column by its header text (full-width/half-width and case do not matter) or its 1-based position. */
export type ColumnRef = string | number;

/** Which way a number in the file moves the customer's balance with us (positive = they owe us more). */
export type Direction = 'INCREASE' | 'DECREASE';

/** One signed amount column, or a pair of debit and credit columns. */
export type AmountMapping =
  | { readonly column: ColumnRef; readonly positiveMeans?: Direction }
  | { readonly debit: ColumnRef; readonly credit: ColumnRef; readonly debitIs?: Direction };

export interface ColumnMapping {
  readonly date: ColumnRef;
  readonly reference?: ColumnRef;
  readonly docNo?: ColumnRef;
  readonly description?: ColumnRef;
  /** A stable id of the line in the customer's system; the file row number otherwise. */
  readonly externalId?: ColumnRef;
  /** Kind of document (发票, 收款, ...), translated through `kindMap`; by sign otherwise. */
  readonly kind?: ColumnRef;
  readonly currency?: ColumnRef;
}

/**
 * How one customer's (or one ERP's) file maps onto statement lines. Stored as JSON in
 * mapping_templates.definition; `parseTemplate` validates it.
 */
export interface MappingTemplate {
  readonly version?: 1;
  /** CSV: default detected (BOM, else UTF-8 if valid, else GB18030). */
  readonly encoding?: TextEncoding;
  /** CSV: default sniffed from the first lines. */
  readonly delimiter?: string;
  /** XLSX: worksheet name or 1-based position; default the first with data. */
  readonly sheet?: string | number;
  /** 1-based row of the (first) header row; 0 for a file without header; default found by looking for the columns. */
  readonly headerRow?: number;
  /** Header rows (two for a merged two-level header such as 金额 over 借方/贷方); default 1. */
  readonly headerRows?: number;
  readonly dateFormat?: DateFormat;
  readonly columns: ColumnMapping;
  readonly amount: AmountMapping;
  /** Values of the kind column (any case/width) to kinds. */
  readonly kindMap?: Readonly<Record<string, EntryKind>>;
  /** Rows whose first non-empty cell starts with one of these are totals, not lines. */
  readonly skipRowsStartingWith?: readonly string[];
  /** Currency of lines when there is no currency column; default the statement's. */
  readonly currency?: string;
}

export const DEFAULT_SKIP_PREFIXES = [
  '合计',
  '小计',
  '总计',
  '本期合计',
  '本月合计',
  '累计',
  'Total',
  'Subtotal',
];

const TEMPLATE_KEYS = [
  'version',
  'encoding',
  'delimiter',
  'sheet',
  'headerRow',
  'headerRows',
  'dateFormat',
  'columns',
  'amount',
  'kindMap',
  'skipRowsStartingWith',
  'currency',
];
const COLUMN_KEYS = ['date', 'reference', 'docNo', 'description', 'externalId', 'kind', 'currency'];
const ENCODINGS: readonly TextEncoding[] = ['utf8', 'gb18030', 'utf16le', 'utf16be'];
const DIRECTIONS: readonly Direction[] = ['INCREASE', 'DECREASE'];
const KINDS = Object.values(EntryKind) as string[];

type Json = Record<string, unknown>;

/** Validate a template from JSON (API body, database row, CLI file); every problem is listed at once. */
export function parseTemplate(input: unknown): MappingTemplate {
  const problems: TemplateProblem[] = [];
  const add = (path: string, message: string): void => void problems.push({ path, message });
  if (!isObject(input)) throw new TemplateError([{ path: '', message: 'must be a JSON object' }]);

  unknownKeys(input, TEMPLATE_KEYS, '', add);
  if (input.version !== undefined && input.version !== 1) add('version', 'only version 1 exists');
  optionalEnum(input, 'encoding', ENCODINGS, '', add);
  if (input.delimiter !== undefined) {
    if (
      typeof input.delimiter !== 'string' ||
      input.delimiter.length !== 1 ||
      /["\r\n]/.test(input.delimiter)
    ) {
      add('delimiter', 'must be one character, not a quote or line break');
    }
  }
  if (input.sheet !== undefined && !isColumnRef(input.sheet)) {
    add('sheet', 'must be a worksheet name or a 1-based position');
  }
  optionalInt(input, 'headerRow', 0, '', add);
  optionalInt(input, 'headerRows', 1, '', add);
  optionalEnum(input, 'dateFormat', DATE_FORMATS, '', add);
  if (input.currency !== undefined && !isCurrencyCode(input.currency))
    add('currency', 'must be a 3-letter code');

  const columns = input.columns;
  if (!isObject(columns)) add('columns', 'must be an object with at least "date"');
  else {
    unknownKeys(columns, COLUMN_KEYS, 'columns.', add);
    if (columns.date === undefined) add('columns.date', 'is required');
    for (const key of COLUMN_KEYS) {
      if (columns[key] !== undefined && !isColumnRef(columns[key])) {
        add(`columns.${key}`, 'must be a header text or a 1-based column number');
      }
    }
  }

  checkAmount(input.amount, add);
  checkKindMap(input.kindMap, add);
  if (input.skipRowsStartingWith !== undefined) {
    const list = input.skipRowsStartingWith;
    if (!Array.isArray(list) || !list.every((p) => typeof p === 'string' && p.trim() !== '')) {
      add('skipRowsStartingWith', 'must be a list of non-empty texts');
    }
  }
  if (input.headerRow === 0 && isObject(columns) && hasNamedColumn(columns, input.amount)) {
    add('headerRow', 'a file without header (0) can only name columns by number');
  }
  if (problems.length > 0) throw new TemplateError(problems);
  return input as unknown as MappingTemplate;
}

function checkAmount(amount: unknown, add: (path: string, message: string) => void): void {
  if (!isObject(amount)) {
    add('amount', 'must be {"column": …} or {"debit": …, "credit": …}');
    return;
  }
  if ('column' in amount) {
    unknownKeys(amount, ['column', 'positiveMeans'], 'amount.', add);
    if (!isColumnRef(amount.column)) add('amount.column', 'must be a header text or a 1-based column number');
    optionalEnum(amount, 'positiveMeans', DIRECTIONS, 'amount.', add);
    return;
  }
  unknownKeys(amount, ['debit', 'credit', 'debitIs'], 'amount.', add);
  if (!isColumnRef(amount.debit)) add('amount.debit', 'must be a header text or a 1-based column number');
  if (!isColumnRef(amount.credit)) add('amount.credit', 'must be a header text or a 1-based column number');
  optionalEnum(amount, 'debitIs', DIRECTIONS, 'amount.', add);
}

function checkKindMap(kindMap: unknown, add: (path: string, message: string) => void): void {
  if (kindMap === undefined) return;
  if (!isObject(kindMap)) {
    add('kindMap', 'must map texts to kinds');
    return;
  }
  for (const [key, value] of Object.entries(kindMap)) {
    if (typeof value !== 'string' || !KINDS.includes(value)) {
      add(`kindMap.${key}`, `must be one of ${KINDS.join(', ')}`);
    }
  }
}

function hasNamedColumn(columns: Json, amount: unknown): boolean {
  const refs = [
    ...Object.values(columns),
    ...(isObject(amount) ? [amount.column, amount.debit, amount.credit] : []),
  ];
  return refs.some((ref) => typeof ref === 'string');
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isColumnRef(value: unknown): value is ColumnRef {
  return (
    (typeof value === 'string' && value.trim() !== '') || (Number.isInteger(value) && (value as number) >= 1)
  );
}

function unknownKeys(
  obj: Json,
  known: readonly string[],
  prefix: string,
  add: (path: string, message: string) => void,
): void {
  for (const key of Object.keys(obj)) {
    if (!known.includes(key)) add(`${prefix}${key}`, `unknown setting; known: ${known.join(', ')}`);
  }
}

function optionalEnum(
  obj: Json,
  key: string,
  allowed: readonly string[],
  prefix: string,
  add: (path: string, message: string) => void,
): void {
  const value = obj[key];
  if (value !== undefined && (typeof value !== 'string' || !allowed.includes(value))) {
    add(`${prefix}${key}`, `must be one of ${allowed.join(', ')}`);
  }
}

function optionalInt(
  obj: Json,
  key: string,
  min: number,
  prefix: string,
  add: (path: string, message: string) => void,
): void {
  const value = obj[key];
  if (value !== undefined && !(Number.isInteger(value) && (value as number) >= min)) {
    add(`${prefix}${key}`, `must be a whole number >= ${min}`);
  }
}
