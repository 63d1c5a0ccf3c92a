// The one module that reads dates and months. Pure (no Node built-ins): workflow code imports it too.
import { fail, FormatErrorCode, ok, type Parsed } from './errors';

/**
 * How dates are written in a file. AUTO reads every year-first form (2026-01-05, 2026/1/5, 2026.1.5,
 * 2026年1月5日, 20260105), Excel serial numbers and date cells, and a day-first or month-first form
 * when only one reading is a date (13/01/2026 is the 13th of January); 05/01/2026 is ambiguous and
 * needs DMY or MDY.
 */
export const DATE_FORMATS = ['AUTO', 'YMD', 'DMY', 'MDY', 'EXCEL_SERIAL'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

/** The order of day and month in a date written with the year last (05/11/2026). */
export type YearLastOrder = 'DMY' | 'MDY';

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const YEAR = /^\d{4}$/;
const YEAR_FIRST = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const YEAR_LAST = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/;
// The month in letters, as Oracle (DD-MON-YYYY, DD-MON-RR) and English statements write it:
// "05-Oct-2026", "05-OCT-26", "5 Oct 2026", "Oct 5, 2026". One reading only, whatever the format.
const DAY_MONTH_NAME = /^(\d{1,2})[-\s/.]+([a-z]{3,9})\.?[-\s/.,]+(\d{4}|\d{2})$/i;
const MONTH_NAME_DAY = /^([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/i;
const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const SERIAL = /^\d{1,7}(\.\d+)?$/;
// Without an explicit format only five-digit serials (1927..2173) are taken as dates.
const AUTO_SERIAL = /^\d{5}(\.\d+)?$/;
// A time of day after the date ("2026-01-05 00:00:00", "2026/1/5 9:30", ISO "T") is ignored.
const TIME_SUFFIX = /(?:[T\s]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)$/;

/** Excel's day 1 is 1900-01-01, and it counts a 1900-02-29 that never was (serial 60). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;
const MAX_SERIAL = 2_958_465; // 9999-12-31

/** YYYY-MM-DD of a Date's UTC calendar day (exceljs gives date cells as UTC midnight). */
export function isoDateOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** True for a real calendar date written YYYY-MM-DD: 2026-02-30 is not one. */
export function isIsoDate(text: unknown): text is string {
  return isoDateProblem(text) === undefined;
}

/** Why `text` is not a YYYY-MM-DD date: not written so (`form`), or no such day (`calendar`). */
export function isoDateProblem(text: unknown): 'form' | 'calendar' | undefined {
  const match = typeof text === 'string' ? ISO.exec(text) : null;
  if (!match) return 'form';
  return isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3])) ? undefined : 'calendar';
}

/** True for a month written YYYY-MM (01 to 12). */
export const isMonth = (text: unknown): text is string => typeof text === 'string' && MONTH.test(text);

/** True for a year written YYYY. */
export const isYear = (text: unknown): text is string => typeof text === 'string' && YEAR.test(text);

function isCalendarDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Days since 1970-01-01 for a YYYY-MM-DD date (UTC), for date-window arithmetic. Integer arithmetic
 * (the proleptic Gregorian calendar, as Date.UTC counts it): no Date per call, the engine calls it
 * for every line.
 */
export function dayNumber(date: string): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  // Years start in March, so that the leap day ends the year (Howard Hinnant's days_from_civil).
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The YYYY-MM-DD of a day number. */
export function dateOfDay(day: number): string {
  return isoDateOf(new Date(day * DAY_MS));
}

/** "2026-10" -> { start: "2026-10-01", end: "2026-10-31" }; anything else throws RangeError. */
export function monthRange(month: string): { start: string; end: string } {
  const match = MONTH.exec(month);
  if (!match) throw new RangeError(`not a month (YYYY-MM): ${month}`);
  const year = Number(match[1]);
  const m = Number(match[2]);
  return { start: `${month}-01`, end: `${month}-${String(daysInMonth(year, m)).padStart(2, '0')}` };
}

/**
 * A parser for one file's date column. Statements repeat a few dozen dates over thousands of lines,
 * so text cells are parsed once per distinct text (the cache is bounded).
 */
export function createDateParser(
  format: DateFormat = 'AUTO',
  ambiguousAs?: YearLastOrder,
): (value: unknown) => Parsed<string> {
  const cache = new Map<string, Parsed<string>>();
  return (value) => {
    if (typeof value !== 'string') return parseDate(value, format, ambiguousAs);
    let parsed = cache.get(value);
    if (parsed === undefined) {
      if (cache.size >= 4096) cache.clear();
      parsed = parseDate(value, format, ambiguousAs);
      cache.set(value, parsed);
    }
    return parsed;
  };
}

/**
 * How a date written with the year last can be read: only day-first (16/11/2026), only month-first
 * (11/16/2026), either way (05/11/2026: `EITHER`); undefined for any other text, and for a date that
 * reads the same both ways (05/05/2026). A file's unambiguous dates tell how to read its others.
 */
export function yearLastReading(text: string): YearLastOrder | 'EITHER' | undefined {
  const yearLast = YEAR_LAST.exec(text.normalize('NFKC').trim().replace(TIME_SUFFIX, '').trim());
  if (!yearLast) return undefined;
  const [a, b] = [Number(yearLast[1]), Number(yearLast[2])];
  if (a === b || (a > 12 && b > 12)) return undefined;
  return a > 12 ? 'DMY' : b > 12 ? 'MDY' : 'EITHER';
}

/**
 * Parse a date cell (text, Excel serial number, or Date) to YYYY-MM-DD. `ambiguousAs` (AUTO only)
 * reads a date that could be day-first or month-first in that order: the order its file's other
 * dates showed (see yearLastReading); without it such a date is AMBIGUOUS_DATE.
 */
export function parseDate(
  value: unknown,
  format: DateFormat = 'AUTO',
  ambiguousAs?: YearLastOrder,
): Parsed<string> {
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) {
    return fail(FormatErrorCode.MISSING_VALUE, 'the date is empty');
  }
  if (value instanceof Date) {
    return Number.isNaN(value.getTime())
      ? fail(FormatErrorCode.INVALID_DATE, 'not a valid date')
      : checkRange(isoDateOf(value));
  }
  if (typeof value === 'number') return fromSerial(value);
  if (typeof value === 'boolean')
    return fail(FormatErrorCode.INVALID_DATE, 'a TRUE/FALSE cell is not a date');
  if (typeof value !== 'string') return fail(FormatErrorCode.INVALID_DATE, 'not a date');
  // The common case first: an ISO date needs no normalisation.
  const iso = ISO.exec(value);
  if (iso && (format === 'AUTO' || format === 'YMD'))
    return fromParts(Number(iso[1]), Number(iso[2]), Number(iso[3]), value);

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
      // Only one reading can be a date when one part is above 12; both read the same when equal.
      if (a > 12 || a === b) return fromParts(year, b, a, text);
      if (b > 12) return fromParts(year, a, b, text);
      if (ambiguousAs === 'DMY') return fromParts(year, b, a, text);
      if (ambiguousAs === 'MDY') return fromParts(year, a, b, text);
      return fail(
        FormatErrorCode.AMBIGUOUS_DATE,
        `"${text}" could be day-first or month-first: set the template's dateFormat to DMY or MDY`,
      );
    }
  }
  return withMonthName(text) ?? invalid(text, format);
}

/**
 * A date with its month in letters ("05-Oct-2026", "Oct 5, 2026"; a two-digit year as Oracle's RR:
 * 00-49 this century, 50-99 the last), else undefined. Only text no other form read gets here.
 */
function withMonthName(text: string): Parsed<string> | undefined {
  const dayFirst = DAY_MONTH_NAME.exec(text);
  const monthFirst = dayFirst ? undefined : MONTH_NAME_DAY.exec(text);
  const [day, name, year] = dayFirst
    ? [dayFirst[1], dayFirst[2], dayFirst[3]]
    : monthFirst
      ? [monthFirst[2], monthFirst[1], monthFirst[3]]
      : [];
  if (day === undefined || name === undefined || year === undefined) return undefined;
  const month = monthNumber(name);
  if (month === 0) return undefined;
  const yy = Number(year);
  const fullYear = year.length === 4 ? yy : yy < 50 ? 2000 + yy : 1900 + yy;
  return fromParts(fullYear, month, Number(day), text);
}

/** 1..12 for an English month's name or its abbreviation ("Oct", "October", "Sept"), else 0. */
function monthNumber(name: string): number {
  const lower = name.toLowerCase();
  return lower.length < 3 ? 0 : MONTH_NAMES.findIndex((full) => full.startsWith(lower)) + 1;
}

/** parseDate for a value that must be a date: throws DateError naming what is wrong. */
export function readDate(value: unknown, format: DateFormat = 'AUTO'): string {
  const parsed = parseDate(value, format);
  if (parsed.ok) return parsed.value;
  throw new DateError(value, parsed.code, parsed.reason);
}

export class DateError extends Error {
  override readonly name = 'DateError';
  constructor(
    readonly raw: unknown,
    readonly code: FormatErrorCode,
    reason: string,
  ) {
    super(reason);
  }
}

function invalid(text: string, format: DateFormat): Parsed<string> {
  const expected = format === 'AUTO' ? 'a date such as 2026-01-05, 2026/1/5 or 2026年1月5日' : format;
  return fail(FormatErrorCode.INVALID_DATE, `"${text}" is not ${expected}`);
}

function fromSerial(serial: number): Parsed<string> {
  if (!Number.isFinite(serial) || serial < 1 || serial > MAX_SERIAL) {
    return fail(FormatErrorCode.INVALID_DATE, `${serial} is not an Excel date serial number`);
  }
  const day = Math.floor(serial);
  if (day === 60)
    return fail(FormatErrorCode.INVALID_DATE, 'Excel serial 60 is 1900-02-29, which never existed');
  // Serials before the phantom leap day are one day later than the epoch arithmetic says.
  const offset = day < 60 ? day + 1 : day;
  return checkRange(isoDateOf(new Date(EXCEL_EPOCH_MS + offset * DAY_MS)));
}

function fromParts(year: number, month: number, day: number, text: string): Parsed<string> {
  if (!isCalendarDate(year, month, day)) {
    return fail(FormatErrorCode.INVALID_DATE, `"${text}" is not a calendar date`);
  }
  return checkRange(
    `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
  );
}

/** MySQL DATE holds 1000..9999; anything outside 1900..2199 in a statement is a typo, not history. */
function checkRange(iso: string): Parsed<string> {
  const year = Number(iso.slice(0, 4));
  if (year < 1900 || year > 2199) return fail(FormatErrorCode.INVALID_DATE, `${iso} is outside 1900-2199`);
  return ok(iso);
}
