import { REPORT_EXAMPLES } from './examples';
import type { ReportKind } from './index';

/**
 * Report data handed to `recon report render` as JSON is checked against the shape of the report's
 * example (`recon report example <kind>`) before any builder reads it: a builder given "abc" or
 * nothing where an amount belongs fails deep inside decimal.js with a bare "DecimalError", which
 * names neither the row nor the field.
 */
export class ReportDataError extends Error {
  override readonly name = 'ReportDataError';
  constructor(
    /** Where, as a JSON path: `differences[1].ourAmount`. */
    readonly path: string,
    /** What is wrong, e.g. `"abc" is not an amount`. */
    readonly problem: string,
  ) {
    super(`report data, ${describePath(path)}: ${problem}`);
  }
}

/**
 * Fields the report types (reports/types.ts) declare optional (`?:`): absent is fine, whatever the
 * example holds. test/reports/data-shape.test.ts keeps this list equal to the types' optional keys.
 */
export const OPTIONAL_FIELDS: ReadonlySet<string> = new Set([
  'nameEn',
  'address',
  'phone',
  'email',
  'taxId',
  'contact',
  'entryId',
  'reference',
  'description',
  'confirmationUrl',
  'sentOn',
  'replyBy',
  'notes',
  'contactName',
  'contactPhone',
  'contactEmail',
  'date',
  'ourRef',
  'theirRef',
  'ourAmount',
  'theirAmount',
  'reason',
  'status',
  'dueDate',
  'items',
  'theirClosingBalance',
  'confirmedOn',
  'otherCurrencies',
  'payBy',
]);

/** Aging may be given open items to age instead of aged rows (`recon report render aging`). */
export const AGING_ITEMS_EXAMPLE = {
  company: { name: 'x' },
  currency: 'CNY',
  asOf: '2026-01-31',
  items: [
    {
      customerCode: 'C1',
      customerName: 'x',
      docNo: 'x',
      docDate: '2026-01-01',
      dueDate: null,
      amount: '0.00',
    },
  ],
};

/** Decimal text as decimal.js reads it; amounts and rates are text, never JSON numbers (exact money). */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

type Json = unknown;

/** Throws ReportDataError naming the first field of `data` that does not fit the report's shape. */
export function checkReportData(kind: ReportKind, data: Json, example: Json = REPORT_EXAMPLES[kind]): void {
  check(example, data, '');
}

function check(example: Json, value: Json, path: string): void {
  if (Array.isArray(example)) {
    if (!Array.isArray(value)) throw new ReportDataError(path, `${show(value)} is not a list`);
    const element = mergeExamples(example);
    value.forEach((item, index) => check(element, item, `${path}[${index}]`));
    return;
  }
  if (isObject(example)) {
    if (!isObject(value)) throw new ReportDataError(path, `${show(value)} is not an object`);
    for (const [key, shape] of Object.entries(example)) {
      const field = path ? `${path}.${key}` : key;
      const present = value[key];
      if (present === undefined || present === null) {
        if (shape === null || OPTIONAL_FIELDS.has(key)) continue;
        throw new ReportDataError(field, present === null ? 'is null' : 'is missing');
      }
      if (shape !== null) check(shape, present, field);
    }
    return;
  }
  if (typeof example === 'string' && DECIMAL.test(example)) {
    if (typeof value !== 'string' || !DECIMAL.test(value.trim()))
      throw new ReportDataError(
        path,
        `${show(value)} is not an amount; write it as decimal text, e.g. "${example}"`,
      );
    return;
  }
  if (typeof example === 'number' && (typeof value !== 'number' || !Number.isFinite(value)))
    throw new ReportDataError(path, `${show(value)} is not a number`);
  if (typeof example === 'string' && typeof value !== 'string')
    throw new ReportDataError(path, `${show(value)} is not text`);
  if (typeof example === 'boolean' && typeof value !== 'boolean')
    throw new ReportDataError(path, `${show(value)} is not true or false`);
}

/** One shape for a list's elements: a field null in any example element may be null. */
function mergeExamples(elements: readonly Json[]): Json {
  const objects = elements.filter(isObject);
  if (objects.length === 0) return elements.find((e) => e !== null) ?? null;
  const merged: Record<string, Json> = {};
  for (const element of objects)
    for (const [key, shape] of Object.entries(element)) {
      if (!(key in merged)) merged[key] = shape;
      else if (shape === null || merged[key] === null) merged[key] = null;
    }
  return merged;
}

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: Json): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** `differences[1].ourAmount` -> `differences row 2, field ourAmount` (rows counted from 1). */
export function describePath(path: string): string {
  const match = /^(.*?)\[(\d+)\]\.?(.*)$/.exec(path);
  if (!match) return `field ${path || '(the whole document)'}`;
  const [, list, index, rest] = match;
  const row = `${list} row ${Number(index) + 1}`;
  return rest ? `${row}, field ${rest}` : row;
}
