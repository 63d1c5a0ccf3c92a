import path from 'node:path';
import { parseAmount, toUnits, fromUnits } from '../formats/amount';
import { readCsvFile } from '../formats/csv-file';
import { normalizeCurrency } from '../formats/currency';
import { createDateParser } from '../formats/date';
import { FieldError, FormatErrorCode } from '../formats/errors';
import { knownKindNames, lookupKind } from '../formats/kinds';
import type { MatchLine } from '../matching';

export const COLUMNS = [
  'id',
  'customer',
  'date',
  'doc_no',
  'reference',
  'description',
  'kind',
  'amount',
  'currency',
] as const;
type Column = (typeof COLUMNS)[number];

/** A balance row: the side's opening or closing balance, dated when the file says when. */
export interface BalanceRow {
  amount: string;
  date?: string;
}

/** One customer's lines and balances in one currency, as one file gives them. */
export interface CurrencySide {
  lines: MatchLine[];
  opening?: BalanceRow;
  closing?: BalanceRow;
}

/** One customer in one file: a side per currency (a customer may be billed in several). */
export interface CustomerSide {
  currencies: Map<string, CurrencySide>;
}

export type SideFile = Map<string, CustomerSide>;

/** The balance rows' dates seen in a file: the period they span (see inferPeriod). */
export interface BalanceDates {
  openings: string[];
  closings: string[];
}

/**
 * Reads one side's CSV (streamed, through the shared reader, amount, date, currency and kinds
 * modules): lines per customer and currency, plus opening/closing balance rows. Stops at the first
 * bad value with a FieldError naming file, row and field.
 */
export interface SideFileRead {
  sides: SideFile;
  dates: BalanceDates;
  /** The earliest and latest line dates of the whole file (undefined without lines). */
  lineRange?: { first: string; last: string };
}

/**
 * `keep` (matching threads): only the customers it accepts keep their lines. With `checkAll`, every
 * row of the file is still read and checked alike, every customer and currency listed, every date
 * counted; without, the other customers' rows are skipped after their customer cell, and what
 * the file says of them (customers, dates, the period) is left to a thread that checks all.
 */
export async function readSideFile(
  file: string,
  keep?: (customer: string) => boolean,
  checkAll = true,
): Promise<SideFileRead> {
  const name = path.basename(file);
  let first: string | undefined;
  let last: string | undefined;
  let keepSide = true;
  let lastSeen: string | undefined;
  let keepSeen = true;
  const sides: SideFile = new Map();
  const dates: BalanceDates = { openings: [], closings: [] };
  const seen = new Set<string>();
  // Rows come in runs of one customer, currency, kind and date: each reader first compares with the
  // previous row's text (no hashing), then looks further.
  const parseDate = remembered(createDateParser('AUTO'));
  let at: Record<Column, number> | undefined;
  let width = 0;
  let problem: { line: number; message: string } | undefined;
  let row = 0;
  let columns = {} as Record<Column, number>;
  const fail = (code: string, field: string, reason: string): never => {
    throw new FieldError(code, { file: name, row, field }, reason);
  };
  // A file has a handful of currency and kind spellings among a million rows: each is read once.
  const currencyOf = remembered(normalizeCurrency);
  const kindOf = remembered(lookupKind);
  let lastCustomer: string | undefined;
  let lastCurrency: string | undefined;
  let lastSide: CurrencySide = { lines: [] };
  for await (const batch of readCsvFile(file, { delimiter: ',', onProblem: (p) => (problem = p) })) {
    for (const record of batch) {
      const cells = record.cells;
      if (!at) {
        const names = cells.map((c) =>
          c
            .replace(/^\uFEFF/, '')
            .trim()
            .toLowerCase(),
        );
        for (const column of COLUMNS) {
          if (!names.includes(column))
            throw new FieldError(
              FormatErrorCode.MISSING_VALUE,
              { file: name, row: record.row, field: column },
              `missing column (expected ${COLUMNS.join(',')})`,
            );
        }
        at = Object.fromEntries(COLUMNS.map((c) => [c, names.indexOf(c)])) as Record<Column, number>;
        columns = at;
        width = cells.length;
        continue;
      }
      if (cells.length === 1 && cells[0].trim() === '') continue;
      row = record.row;
      if (cells.length !== width) {
        if (cells.every((c) => c.trim() === '')) continue;
        fail(
          FormatErrorCode.WRONG_FIELD_COUNT,
          '(record)',
          `${cells.length} fields where the header has ${width}`,
        );
      }
      const cell = (c: Column) => cells[columns[c]].trim();
      const customer = cell('customer') || fail(FormatErrorCode.MISSING_VALUE, 'customer', 'is required');
      if (!checkAll) {
        if (customer !== lastSeen) {
          lastSeen = customer;
          keepSeen = keep === undefined || keep(customer);
        }
        if (!keepSeen) continue;
      }
      const amountText = cell('amount');
      const amount = parseAmount(amountText);
      if (!amount.ok)
        fail(
          amount.code,
          'amount',
          amount.code === FormatErrorCode.MISSING_VALUE
            ? 'is required'
            : `not a decimal amount: ${amount.reason}`,
        );
      const currencyText = cell('currency');
      const currency =
        currencyOf(currencyText) ??
        fail(
          FormatErrorCode.INVALID_CURRENCY,
          'currency',
          `not a currency code: ${JSON.stringify(currencyText)}`,
        );
      const kindText = cell('kind');
      const kind = kindText === '' ? 'OTHER' : kindOf(kindText);
      if (kind === null)
        fail(
          FormatErrorCode.UNKNOWN_KIND,
          'kind',
          `unknown kind ${JSON.stringify(kindText)}; known: ${knownKindNames()}`,
        );
      const dateText = cell('date');
      let date: string | undefined;
      if (dateText !== '') {
        const parsed = parseDate(dateText);
        if (!parsed.ok) fail(parsed.code, 'date', `not a date: ${parsed.reason}`);
        else date = parsed.value;
      }
      let side = lastSide;
      if (customer !== lastCustomer || currency !== lastCurrency) {
        side = lastSide = sideOf(sides, customer, currency);
        if (customer !== lastCustomer) keepSide = keep === undefined || keep(customer);
        lastCustomer = customer;
        lastCurrency = currency;
      }
      const value = (amount as { value: string }).value;
      if (kind === 'OPENING_BALANCE' || kind === 'CLOSING_BALANCE') {
        const opening = kind === 'OPENING_BALANCE';
        if ((opening ? side.opening : side.closing) !== undefined)
          fail(
            'DUPLICATE_BALANCE',
            'kind',
            `a second ${opening ? 'opening' : 'closing'} balance for ${customer} in ${currency}`,
          );
        const row: BalanceRow = date ? { amount: value, date } : { amount: value };
        if (opening) side.opening = row;
        else side.closing = row;
        if (date) (opening ? dates.openings : dates.closings).push(date);
        continue;
      }
      const id = own(cell('id')) || fail(FormatErrorCode.MISSING_VALUE, 'id', 'is required');
      if (seen.has(id)) fail('DUPLICATE_ID', 'id', `${id} appears twice`);
      seen.add(id);
      if (!date) fail(FormatErrorCode.MISSING_VALUE, 'date', 'is required');
      if (first === undefined || date! < first) first = date;
      if (last === undefined || date! > last) last = date;
      if (!keepSide) continue;
      const docNo = own(cell('doc_no'));
      // Our ledger often repeats the document number as the reference: one string for both.
      const referenceText = cell('reference');
      const reference = referenceText === docNo ? docNo : own(referenceText);
      const description = own(cell('description'));
      // One shape for every line (empty text for an empty field): no dictionary-mode objects.
      side.lines.push({
        id,
        date: date!,
        docNo,
        reference,
        description,
        kind: kind!,
        amount: value,
        currency,
      });
    }
  }
  if (problem)
    throw new FieldError(
      FormatErrorCode.UNTERMINATED_QUOTE,
      { file: name, row: problem.line, field: '(record)' },
      problem.message,
    );
  if (!at)
    throw new FieldError(
      FormatErrorCode.MISSING_VALUE,
      { file: name, row: 1, field: '(header)' },
      'the file is empty',
    );
  return { sides, dates, lineRange: first === undefined ? undefined : { first, last: last! } };
}

/**
 * `read` with its last answer and its answers for up to 256 distinct texts kept (a hostile file
 * cannot grow it further).
 */
function remembered<T>(read: (text: string) => T): (text: string) => T {
  const known = new Map<string, T>();
  let lastText: string | undefined;
  let lastValue: T;
  return (text) => {
    if (text === lastText) return lastValue;
    let value = known.get(text);
    if (value === undefined && !known.has(text)) {
      value = read(text);
      if (known.size < 256) known.set(text, value);
    }
    lastText = text;
    lastValue = value as T;
    return value as T;
  };
}

/**
 * A cell kept for matching, as a string of its own. The reader's cells are slices of its 64 KiB text
 * chunks, and V8 keeps a whole chunk (two bytes a character once a row has Chinese text) alive for
 * any slice of 13 characters or more: keeping the lines would keep both files' text. Cutting a
 * slice from a concatenation makes V8 copy the text into a new string first.
 */
const own = (text: string): string => (text.length < 13 ? text : `${text} `.slice(0, -1));

function sideOf(sides: SideFile, customer: string, currency: string): CurrencySide {
  let side = sides.get(customer);
  if (!side) sides.set(customer, (side = { currencies: new Map() }));
  let byCurrency = side.currencies.get(currency);
  if (!byCurrency) side.currencies.set(currency, (byCurrency = { lines: [] }));
  return byCurrency;
}

/**
 * Opening and closing: as given, else the opening from the fallback and closing = opening + the
 * lines up to the period end (a line after it is not part of the period).
 */
export function balancesOf(
  side: CurrencySide | undefined,
  openingFallback: string,
  periodEnd: string,
): { opening: string; closing: string } {
  const opening = side?.opening?.amount ?? openingFallback;
  const closing =
    side?.closing?.amount ??
    fromUnits(
      (side?.lines ?? []).reduce(
        (sum, l) => (l.date <= periodEnd ? sum + toUnits(l.amount) : sum),
        toUnits(opening),
      ),
    );
  return { opening, closing };
}

export type PeriodSource = 'flags' | 'balance rows' | 'lines';

/**
 * The period: from the options when given; else from the opening balance rows' date to the closing
 * rows' date (the statement says which month it covers); else from the earliest to the latest line.
 */
export function inferPeriod(
  flags: { start?: string; end?: string },
  files: Array<Pick<SideFileRead, 'dates' | 'lineRange'>>,
): { start: string; end: string; source: { start: PeriodSource; end: PeriodSource } } {
  const openings = files.flatMap((f) => f.dates.openings).sort();
  const closings = files.flatMap((f) => f.dates.closings).sort();
  let first: string | undefined;
  let last: string | undefined;
  const lineDates = () => {
    if (first !== undefined) return;
    first = '9999-12-31';
    last = '0000-01-01';
    for (const { lineRange } of files) {
      if (!lineRange) continue;
      if (lineRange.first < first) first = lineRange.first;
      if (lineRange.last > last) last = lineRange.last;
    }
    if (first === '9999-12-31') first = last = '1970-01-01';
  };
  const pick = (flag: string | undefined, rows: string | undefined, lines: () => string) =>
    flag !== undefined
      ? { date: flag, source: 'flags' as const }
      : rows !== undefined
        ? { date: rows, source: 'balance rows' as const }
        : { date: lines(), source: 'lines' as const };
  const start = pick(flags.start, openings[0], () => (lineDates(), first!));
  const end = pick(flags.end, closings[closings.length - 1], () => (lineDates(), last!));
  return { start: start.date, end: end.date, source: { start: start.source, end: end.source } };
}
