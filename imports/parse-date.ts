import { ImportErrorCode } from './errors';
import { fail, ok, type Parsed } from './parsed';
import { isoDateOf } from './text';
import type { CellValue } from './types';

/**
 * How dates are written in a file. AUTO reads every year-first form (2026-01-05, 2026/1/5, 2026.1.5,
 * 2026年1月5日, 20260105), Excel serial numbers and date cells; day-first and month-first forms are
 * ambiguous (05/01/2026) and need DMY or MDY.
 */
export const DATE_FORMATS = ['AUTO', 'YMD', 'DMY', 'MDY', 'EXCEL_SERIAL'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

const YEAR_FIRST = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const YEAR_LAST = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/;
const SERIAL = /^\d{1,7}(\.\d+)?$/;
// Without an explicit format only five-digit serials (1927..2173) are taken as dates.
const AUTO_SERIAL = /^\d{5}(\.\d+)?$/;
// A time of day after the date ("2026-01-05 00:00:00", "2026/1/5 9:30", ISO "T") is ignored.
const TIME_SUFFIX = /(?:[T\s]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)$/;

/** Excel's day 1 is 1900-01-01, and it counts a 1900-02-29 that never was (serial 60). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;
const MAX_SERIAL = 2_958_465; // 9999-12-31

/**
 * A parser for one file's date column. Statements repeat a few dozen dates over thousands of lines,
 * so text cells are parsed once per distinct text (the cache is bounded).
 */
export function createDateParser(format: DateFormat): (value: CellValue) => Parsed<string> {
  const cache = new Map<string, Parsed<string>>();
  return (value) => {
    if (typeof value !== 'string') return parseDate(value, format);
    let parsed = cache.get(value);
    if (parsed === undefined) {
      if (cache.size >= 4096) cache.clear();
      parsed = parseDate(value, format);
      cache.set(value, parsed);
    }
    return parsed;
  };
}

/** Parse a date cell to YYYY-MM-DD. */
export function parseDate(value: CellValue, format: DateFormat = 'AUTO'): Parsed<string> {
  if (value === null || (typeof value === 'string' && value.trim() === '')) {
    return fail(ImportErrorCode.MISSING_VALUE, 'the date is empty');
  }
  if (value instanceof Date) {
    return Number.isNaN(value.getTime())
      ? fail(ImportErrorCode.INVALID_DATE, 'not a valid date')
      : checkRange(isoDateOf(value));
  }
  if (typeof value === 'number') return fromSerial(value);
  if (typeof value === 'boolean')
    return fail(ImportErrorCode.INVALID_DATE, 'a TRUE/FALSE cell is not a date');

  const text = value.normalize('NFKC').trim().replace(TIME_SUFFIX, '').trim();
  if (format === 'EXCEL_SERIAL' || (format === 'AUTO' && AUTO_SERIAL.test(text))) {
    return SERIAL.test(text) ? fromSerial(Number(text)) : invalid(text, format);
  }
  const yearFirst = YEAR_FIRST.exec(text) ?? COMPACT.exec(text);
  if (yearFirst && (format === 'AUTO' || format === 'YMD')) {
    return fromParts(Number(yearFirst[1]), Number(yearFirst[2]), Number(yearFirst[3]), text);
  }
  const yearLast = YEAR_LAST.exec(text);
  if (yearLast) {
    const [a, b, year] = [Number(yearLast[1]), Number(yearLast[2]), Number(yearLast[3])];
    if (format === 'DMY') return fromParts(year, b, a, text);
    if (format === 'MDY') return fromParts(year, a, b, text);
    if (format === 'AUTO') {
      return fail(
        ImportErrorCode.AMBIGUOUS_DATE,
        `"${text}" could be day-first or month-first: set the template's dateFormat to DMY or MDY`,
      );
    }
  }
  return invalid(text, format);
}

function invalid(text: string, format: DateFormat): Parsed<string> {
  const expected = format === 'AUTO' ? 'a date such as 2026-01-05, 2026/1/5 or 2026年1月5日' : format;
  return fail(ImportErrorCode.INVALID_DATE, `"${text}" is not ${expected}`);
}

function fromSerial(serial: number): Parsed<string> {
  if (!Number.isFinite(serial) || serial < 1 || serial > MAX_SERIAL) {
    return fail(ImportErrorCode.INVALID_DATE, `${serial} is not an Excel date serial number`);
  }
  const day = Math.floor(serial);
  if (day === 60)
    return fail(ImportErrorCode.INVALID_DATE, 'Excel serial 60 is 1900-02-29, which never existed');
  // Serials before the phantom leap day are one day later than the epoch arithmetic says.
  const offset = day < 60 ? day + 1 : day;
  return checkRange(isoDateOf(new Date(EXCEL_EPOCH_MS + offset * DAY_MS)));
}

function fromParts(year: number, month: number, day: number, text: string): Parsed<string> {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return fail(ImportErrorCode.INVALID_DATE, `"${text}" is not a calendar date`);
  }
  return checkRange(isoDateOf(date));
}

/** MySQL DATE holds 1000..9999; anything outside 1900..2199 in a statement is a typo, not history. */
function checkRange(iso: string): Parsed<string> {
  const year = Number(iso.slice(0, 4));
  if (year < 1900 || year > 2199) return fail(ImportErrorCode.INVALID_DATE, `${iso} is outside 1900-2199`);
  return ok(iso);
}
