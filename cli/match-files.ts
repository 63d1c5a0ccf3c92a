import path from 'node:path';
import { parseAmount, toUnits, fromUnits } from '../formats/amount';
import type { CsvRecord } from '../formats/csv';
import { isAsciiText, PlainCsvRows, RecordMarks } from '../formats/csv-bytes';
import { readCsvFile } from '../formats/csv-file';
import { normalizeCurrency } from '../formats/currency';
import { createDateParser, dayNumber, type YearLastOrder } from '../formats/date';
import { FieldError, FormatErrorCode, type Parsed } from '../formats/errors';
import { knownKindNames, lookupKind } from '../formats/kinds';
import type { MatchLine } from '../matching';
import { prepare, prepareDecoded, type LinePreparer, type Prepared } from '../matching/prepare';
import { AmbiguousDateMet, dateOrderOf, DateOrderError, type DateOrderNote } from './match-dates';

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

/**
 * One customer's lines and balances in one currency, as one file gives them. A file streamed through
 * the shared reader gives its lines read (`lines`); a plain file read as bytes gives the marks of
 * their records (`rows`, see PlainCsvRows.mark), decoded only when the customer is matched (`preparedOf`): a million line
 * objects would otherwise live from reading until matching ends, copied and promoted by the
 * garbage collector, where decoded per customer they die young.
 */
export interface CurrencySide {
  currency: string;
  lines: MatchLine[];
  rows: number[];
  /** Decodes `rows` (plain files). */
  decoder?: SideReader;
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

/** What reading one side's CSV gives: its customers' lines and balances, and the dates it spans. */
export interface SideFileRead {
  sides: SideFile;
  dates: BalanceDates;
  /** The earliest and latest line dates of the whole file (undefined without lines). */
  lineRange?: { first: string; last: string };
  /** How dates that read either way (05/11/2026) were read, when the file had any (see match-dates.ts). */
  dateOrder?: DateOrderNote;
}

/**
 * A matching thread's share of a file: the rows of the customers it keeps, which it checks in full,
 * and the duplicate-id check of the ids it owns (`checksId`) on every row, whoever the customer.
 * The threads' shares together check every row once, each stops at its first bad row, and the
 * earliest of those (by `ReadError.at`) is the file's first bad row, as one thread would find it.
 */
export interface ReadShare {
  keep(customer: string): boolean;
  /** By the id's hash (Row.keyOf): the same in every thread for a file. */
  checksId(idHash: number): boolean;
  /** How many shares the ids are dealt among (this one checks about 1 in `shares`). */
  readonly shares: number;
}

/**
 * How the main thread deals a plain file's rows out to the matching threads (routeSideFile): a row
 * goes to the thread of its customer only, so no thread scans the whole file (the main thread checks
 * every id for duplicates as it deals: it hashes each id anyway, and a thread given other customers'
 * rows only to check their ids read half the file twice).
 */
export interface RowRouter {
  readonly shards: number;
  /** The thread of a customer (the same as the threads' ReadShare.keep). */
  shardOf(customer: string): number;
}

/**
 * Some of a matching thread's rows of a plain file, dealt by routeSideFile: in `rows`, pairs of a
 * record's mark in `marks` (made once, in shared memory: the chunks marked so far) and its row
 * number, in the file's order.
 */
export interface RoutedRows {
  marks: Int32Array[];
  rows: Int32Array;
  /** Int32s of `rows` used (two a row). */
  length: number;
}

/**
 * Takes each thread's rows dealt since the last call (`routes[shard]`); `more`: more will come,
 * else `refused`: the file stops at a bad row. Called every DEAL_ROWS rows, so the threads read
 * while the rest of the file is dealt.
 */
export type DealRows = (routes: RoutedRows[], more: boolean, refused: boolean) => void;

/** A thread's dealt rows of one file, chunk after chunk, from the first every time it is iterated. */
export type DealtRows = () => AsyncIterable<RoutedRows>;

/** Rows dealt to the threads at a time: ~16 deals a file of a million rows. */
const DEAL_ROWS = 1 << 16;

/** The file as bytes, read whole, when plainCsvStart found it plain (records from `start`). */
export interface PlainFile {
  bytes: Buffer;
  start: number;
}

/**
 * The order of a row's checks: two threads that stop on the same row (one at a bad amount, one at
 * a duplicate id) are ranked by it. WRONG_FIELD_COUNT comes first, "date is required" last.
 */
export const CHECK = {
  record: 0,
  customer: 1,
  amount: 2,
  currency: 3,
  kind: 4,
  date: 5,
  balance: 6,
  id: 7,
  duplicateId: 8,
  dateRequired: 9,
  file: 10,
} as const;

/** A bad row, with where reading stopped: [row, check] (see CHECK). */
export class ReadError extends FieldError {
  constructor(
    code: string,
    where: { file: string; row: number; field: string },
    reason: string,
    readonly at: [row: number, check: number],
  ) {
    super(code, where, reason);
  }
}

/** One record as the row reader sees it, from the byte cursor or the shared reader's records. */
interface Row {
  readonly row: number;
  readonly width: number;
  cell(index: number): string;
  /** The cell as a string of its own (not a slice keeping the reader's text alive). */
  kept(index: number): string;
  cellIs(index: number, text: string): boolean;
  /** cellIs for a text known to be ASCII (PlainCsvRows.cellIsAscii). */
  cellIsAscii(index: number, text: string): boolean;
  /** Whether cells `a` and `b` are the same text (PlainCsvRows.cellsEqual). */
  cellsEqual(a: number, b: number): boolean;
  /** Makes the trimmed cell the current key (for duplicates) and returns its hash. */
  keyOf(index: number): number;
  keyIsBlank(): boolean;
  /** Whether the current key was seen before in this file (remembered from now on). */
  keySeen(): boolean;
  /** The cell as yyyymmdd when it is exactly `yyyy-mm-dd`, else -1 (PlainCsvRows.isoDateKey). */
  isoDateKey(index: number): number;
  /** True only when parseAmount gives the cell back as it is (PlainCsvRows.isCanonicalAmount). */
  isCanonicalAmount(index: number): boolean;
}

/** The shared reader's records (files that are not plain: quotes, GB18030, …) as Rows. */
class RecordRow implements Row {
  row = 0;
  width = 0;
  private cells: string[] = [];
  set(record: CsvRecord): this {
    this.row = record.row;
    this.cells = record.cells;
    this.width = record.cells.length;
    return this;
  }
  cell(index: number): string {
    return this.cells[index];
  }
  kept(index: number): string {
    return own(this.cells[index]);
  }
  cellIs(index: number, text: string): boolean {
    return this.cells[index] === text;
  }
  cellIsAscii(index: number, text: string): boolean {
    return this.cells[index] === text;
  }
  cellsEqual(a: number, b: number): boolean {
    return this.cells[a] === this.cells[b];
  }
  private key = '';
  private readonly keys = new Set<string>();
  keyOf(index: number): number {
    this.key = this.cells[index].trim();
    return fnv1a(this.key);
  }
  keyIsBlank(): boolean {
    return this.key === '';
  }
  isoDateKey(): number {
    return -1;
  }
  isCanonicalAmount(): boolean {
    return false;
  }
  keySeen(): boolean {
    if (this.keys.has(this.key)) return true;
    // Its own string: a slice would keep the reader's whole text chunk alive.
    this.keys.add(own(this.key));
    return false;
  }
}

/** FNV-1a of a text's UTF-16 code units. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/**
 * The byte cursor's cells are decoded into strings of their own already (the decoding cursor's
 * share their record's text: a line keeps its record's ~100 bytes, only while its customer is matched).
 */
class BytesRow extends PlainCsvRows implements Row {
  kept(index: number): string {
    return this.cell(index);
  }
}

/**
 * Reads one side's CSV (the bytes when plain, else streamed through the shared reader; the amount,
 * date, currency and kinds modules): lines per customer and currency, plus opening/closing balance
 * rows. Stops at the first bad value with a ReadError naming file, row and field. With a `share`
 * (matching threads), only the share's rows are checked and kept (see ReadShare).
 */
export async function readSideFile(
  file: string,
  plain?: PlainFile,
  share?: ReadShare,
  routed?: DealtRows,
): Promise<SideFileRead> {
  try {
    return await readSide(file, plain, share, undefined, routed);
  } catch (error) {
    if (!(error instanceof AmbiguousDateMet)) throw error;
    // A date that reads either way: the file's other dates decide, else it is refused.
    const name = path.basename(file);
    let note: DateOrderNote;
    try {
      note = await dateOrderOf(file, name, plain, error.row);
    } catch (refusal) {
      if (!(refusal instanceof DateOrderError)) throw refusal;
      throw new ReadError(refusal.code, { file: name, row: refusal.row!, field: 'date' }, refusal.reason, [
        refusal.rankRow,
        CHECK.date,
      ]);
    }
    return { ...(await readSide(file, plain, share, note.order, routed)), dateOrder: note };
  }
}

/**
 * The main thread's pass over a plain file for its matching threads: the checks that come before a
 * row is known to be a customer's (the header, the record's width, the customer), each row's cells
 * marked in shared memory and dealt out to its customer's thread (see RowRouter), and the file's ids
 * checked for duplicates (which the threads then skip). A thread reads its rows with
 * readSideFile(…, routed): the rows it would have kept, had it scanned the file, and no other. Stops
 * at the first bad row (`failure`), with the rows before it dealt, and that row too when only its id
 * is at fault (its thread may find an earlier check failing on it).
 */
export function routeSideFile(
  file: string,
  plain: PlainFile,
  router: RowRouter,
  deal: DealRows,
): ReadError | undefined {
  const routes = new Routes(router);
  const reader = new SideReader(path.basename(file), undefined, undefined, routes);
  const rows = new BytesRow(plain.bytes, plain.start);
  rows.expectKeys(plain.bytes.length / ROW_BYTES_AT_LEAST);
  try {
    while (rows.next()) {
      reader.take(rows);
      if (rows.row % DEAL_ROWS === 0) deal(routes.dealt(), true, false);
    }
    reader.done();
  } catch (error) {
    if (!(error instanceof ReadError)) throw error;
    deal(routes.dealt(), false, true);
    return error;
  }
  deal(routes.dealt(), false, false);
  return undefined;
}

/** Each thread's rows as routeSideFile deals them. */
class Routes {
  readonly marks = new RecordMarks(true);
  private readonly lists: RoutedList[];
  private readonly listSize: number;

  constructor(readonly router: RowRouter) {
    // Two Int32s a row, a thread's share of a deal's rows and a quarter more (a list grows if need be).
    this.listSize = Math.ceil(((2 * DEAL_ROWS) / router.shards) * 1.25);
    this.lists = Array.from({ length: router.shards }, () => ({
      rows: new Int32Array(this.listSize),
      length: 0,
    }));
  }

  /** The header: every thread reads it (and fails on it as the main thread does). */
  toAll(r: BytesRow): void {
    const mark = r.mark(this.marks);
    for (const list of this.lists) push(list, mark, r.row);
  }

  /** A row of a customer of thread `shard`. */
  deal(r: BytesRow, shard: number): void {
    push(this.lists[shard], r.mark(this.marks), r.row);
  }

  /** The rows dealt since the last call (their lists are the callers' now: sent to the threads). */
  dealt(): RoutedRows[] {
    const dealt = this.lists.map(({ rows, length }) => ({ marks: [...this.marks.chunks], rows, length }));
    for (const list of this.lists) {
      list.rows = new Int32Array(this.listSize);
      list.length = 0;
    }
    return dealt;
  }
}

type RoutedList = Omit<RoutedRows, 'marks'>;

function push(list: RoutedList, mark: number, row: number): void {
  if (list.length + 2 > list.rows.length) {
    const grown = new Int32Array(list.rows.length * 2);
    grown.set(list.rows);
    list.rows = grown;
  }
  list.rows[list.length] = mark;
  list.rows[list.length + 1] = row;
  list.length += 2;
}

async function readSide(
  file: string,
  plain: PlainFile | undefined,
  share: ReadShare | undefined,
  dateOrder: YearLastOrder | undefined,
  routed: DealtRows | undefined,
): Promise<SideFileRead> {
  // Dealt rows are all this thread's customers', their ids checked by the main thread already.
  const reader = new SideReader(path.basename(file), routed ? DEALT : share, dateOrder);
  if (plain && routed) {
    const rows = new BytesRow(plain.bytes, plain.start);
    const decoding = new BytesRow(plain.bytes, plain.start);
    decoding.decodeRecordsWhole();
    const marks = new RecordMarks(false);
    reader.decodeFrom(decoding, marks);
    for await (const dealt of routed()) {
      // The chunks marked so far: those of earlier deals, and any since.
      for (let c = marks.chunks.length; c < dealt.marks.length; c += 1) marks.chunks.push(dealt.marks[c]);
      const list = dealt.rows;
      for (let i = 0; i < dealt.length; i += 2) {
        rows.restore(marks, list[i]);
        rows.row = list[i + 1];
        reader.markOfRow = list[i];
        reader.take(rows);
      }
    }
    return reader.done();
  }
  if (plain) {
    const rows = new BytesRow(plain.bytes, plain.start);
    rows.expectKeys(plain.bytes.length / ROW_BYTES_AT_LEAST / (share?.shares ?? 1));
    const decoding = new BytesRow(plain.bytes, plain.start);
    decoding.decodeRecordsWhole(); // it reads 6 of a line's 9 cells
    reader.decodeFrom(decoding, new RecordMarks());
    while (rows.next()) reader.take(rows);
    return reader.done();
  }
  let problem: { line: number; message: string } | undefined;
  const row = new RecordRow();
  for await (const batch of readCsvFile(file, { delimiter: ',', onProblem: (p) => (problem = p) }))
    for (const record of batch) reader.take(row.set(record));
  if (problem)
    throw new ReadError(
      FormatErrorCode.UNTERMINATED_QUOTE,
      { file: reader.name, row: problem.line, field: '(record)' },
      problem.message,
      [problem.line, CHECK.record],
    );
  return reader.done();
}

type Columns = Record<Column, number>;

/** The share of a thread reading dealt rows (routeSideFile): keeps them all, checks no id. */
const DEALT: ReadShare = { keep: () => true, checksId: () => false, shares: 1 };

/**
 * Bytes a row takes at least, about (an id, a customer, a date, an amount, a currency and commas):
 * sizes the duplicate-id table from the file's size, at worst a little small (it grows) or a few
 * times too big for a file of long rows (a few MB).
 */
const ROW_BYTES_AT_LEAST = 64;

/** A row's amount as text: the cell when canonical (`parsed` undefined), else its value. */
function amountText(r: Row, columns: Columns, parsed: Parsed<string> | undefined): string {
  return parsed === undefined ? r.kept(columns.amount) : (parsed as { value: string }).value;
}

/** The rows of one file, one at a time (see readSideFile). */
export class SideReader {
  private columns: Columns | undefined;
  private width = 0;
  private row = 0;
  private first: string | undefined;
  private last: string | undefined;
  private readonly sides: SideFile = new Map();
  private readonly dates: BalanceDates = { openings: [], closings: [] };
  // Rows come in runs of one customer, currency, kind and date: each reader first compares with the
  // previous row's text (no hashing), then looks further.
  private readonly parseDate: (text: string) => Parsed<string>;
  // A file has a handful of currency and kind spellings among a million rows: each is read once,
  // and a row's cell is compared with those as written before any string is made of it.
  private readonly currencyOf = new CellValues(normalizeCurrency);
  private readonly kindOf = new CellValues((text) => (text === '' ? 'OTHER' : lookupKind(text)));
  private lastCustomer: string | undefined;
  private lastCurrency: string | undefined;
  private lastSide: CurrencySide = { currency: '', lines: [], rows: [] };
  /** A plain file: lines are kept as their records' marks, and decoded by `prepared` with this cursor. */
  private decoding: BytesRow | undefined;
  /** Where the kept records' cells are: decoding does not scan them again (~0.4 µs a line). */
  private marks = new RecordMarks();
  /** The current row's mark when the rows were dealt (routeSideFile), else -1 (marked here). */
  markOfRow = -1;
  /** The previous row's customer cell as written, and whether the share keeps that customer. */
  private lastCell: string | undefined;
  private lastCellAscii = true;
  private keepLast = true;
  private lastShard = 0;

  constructor(
    readonly name: string,
    private readonly share?: ReadShare,
    /** How to read dates that read either way (05/11/2026); without it such a date stops reading (AmbiguousDateMet). */
    private readonly dateOrder?: YearLastOrder,
    /** The main thread dealing the rows out (routeSideFile): rows are checked only up to their customer. */
    private readonly routes?: Routes,
  ) {
    this.parseDate = remembered(createDateParser('AUTO', dateOrder));
  }

  private fail(code: string, field: string, reason: string, check: number): never {
    throw new ReadError(code, { file: this.name, row: this.row, field }, reason, [this.row, check]);
  }

  take(r: Row): void {
    const columns = this.columns;
    if (!columns) {
      this.routes?.toAll(r as BytesRow);
      return this.header(r);
    }
    if (r.width === 1 && r.cell(0).trim() === '') return;
    this.row = r.row;
    if (r.width !== this.width) {
      for (let i = 0; i < r.width; i += 1) if (r.cell(i).trim() !== '') this.wrongWidth(r);
      return;
    }
    let customer: string;
    const lastCell = this.lastCell;
    if (
      lastCell !== undefined &&
      (this.lastCellAscii ? r.cellIsAscii(columns.customer, lastCell) : r.cellIs(columns.customer, lastCell))
    )
      customer = this.lastCustomerText;
    else {
      const raw = r.cell(columns.customer);
      customer =
        raw.trim() || this.fail(FormatErrorCode.MISSING_VALUE, 'customer', 'is required', CHECK.customer);
      this.lastCell = raw;
      this.lastCellAscii = isAsciiText(raw);
      this.lastCustomerText = customer;
      this.keepLast = this.share === undefined || this.share.keep(customer);
      if (this.routes) this.lastShard = this.routes.router.shardOf(customer);
    }
    if (this.routes) {
      this.routes.deal(r as BytesRow, this.lastShard);
      return this.checkDealtId(r, columns);
    }
    if (!this.keepLast) return this.otherCustomer(r, columns);
    // A canonical amount (most, in a machine-written file) is checked on its bytes; its text is
    // needed only on a balance row (a line's is decoded with the line).
    const amount = r.isCanonicalAmount(columns.amount)
      ? undefined
      : parseAmount(r.cell(columns.amount).trim());
    if (amount !== undefined && !amount.ok)
      this.fail(
        amount.code,
        'amount',
        amount.code === FormatErrorCode.MISSING_VALUE
          ? 'is required'
          : `not a decimal amount: ${amount.reason}`,
        CHECK.amount,
      );
    const currency =
      this.currencyOf.of(r, columns.currency) ??
      this.fail(
        FormatErrorCode.INVALID_CURRENCY,
        'currency',
        `not a currency code: ${JSON.stringify(r.cell(columns.currency).trim())}`,
        CHECK.currency,
      );
    const kind = this.kindOf.of(r, columns.kind);
    if (kind === null)
      this.fail(
        FormatErrorCode.UNKNOWN_KIND,
        'kind',
        `unknown kind ${JSON.stringify(r.cell(columns.kind).trim())}; known: ${knownKindNames()}`,
        CHECK.kind,
      );
    let date: string | undefined;
    const parsed = this.dateOf(r, columns.date);
    if (parsed !== undefined) {
      if (!parsed.ok) {
        if (parsed.code === FormatErrorCode.AMBIGUOUS_DATE && this.dateOrder === undefined)
          throw new AmbiguousDateMet(this.row);
        this.fail(parsed.code, 'date', `not a date: ${parsed.reason}`, CHECK.date);
      } else date = parsed.value;
    }
    let side = this.lastSide;
    if (customer !== this.lastCustomer || currency !== this.lastCurrency) {
      side = this.lastSide = sideOf(this.sides, customer, currency, this.decoding && this);
      this.lastCustomer = customer;
      this.lastCurrency = currency;
    }
    // No closures over the row here: a context object a row was garbage for a million rows.
    if (kind === 'OPENING_BALANCE' || kind === 'CLOSING_BALANCE') {
      const value = amountText(r, columns, amount);
      const opening = kind === 'OPENING_BALANCE';
      if ((opening ? side.opening : side.closing) !== undefined)
        this.fail(
          'DUPLICATE_BALANCE',
          'kind',
          `a second ${opening ? 'opening' : 'closing'} balance for ${customer} in ${currency}`,
          CHECK.balance,
        );
      const row: BalanceRow = date ? { amount: value, date } : { amount: value };
      if (opening) side.opening = row;
      else side.closing = row;
      if (date) (opening ? this.dates.openings : this.dates.closings).push(date);
      return;
    }
    const deferred = this.decoding !== undefined;
    let id = '';
    const hash = r.keyOf(columns.id);
    if (deferred) {
      if (r.keyIsBlank()) this.fail(FormatErrorCode.MISSING_VALUE, 'id', 'is required', CHECK.id);
    } else
      id =
        r.kept(columns.id).trim() || this.fail(FormatErrorCode.MISSING_VALUE, 'id', 'is required', CHECK.id);
    this.checkId(r, hash);
    if (!date) return this.fail(FormatErrorCode.MISSING_VALUE, 'date', 'is required', CHECK.dateRequired);
    if (this.first === undefined || date < this.first) this.first = date;
    if (this.last === undefined || date > this.last) this.last = date;
    if (deferred) {
      side.rows.push(this.markOfRow >= 0 ? this.markOfRow : (r as BytesRow).mark(this.marks));
      return;
    }
    side.lines.push(this.line(r, columns, id, date, kind!, amountText(r, columns, amount), currency));
  }

  /** The bytes' rows are kept as marks (in `marks`), decoded by `prepared` (see CurrencySide). */
  decodeFrom(cursor: BytesRow, marks: RecordMarks): void {
    this.decoding = cursor;
    this.marks = marks;
  }

  /**
   * A side's `rows` as Prepared lines, in the file's order (then `prepareDecoded`): the lines `take`
   * would have kept (its checks passed already), decoded straight into what `prepare` makes of
   * them, with what reading knows already (a plain date's day, a canonical amount) not worked out
   * again, and no MatchLine between (a million of them per side were garbage).
   */
  prepared(side: CurrencySide, preparer: LinePreparer): Prepared[] {
    const r = this.decoding!;
    const columns = this.columns!;
    const lines: Prepared[] = [];
    for (const at of side.rows) {
      r.restore(this.marks, at);
      const dated = this.dayOf(r, columns.date);
      const id = r.kept(columns.id).trim();
      const kind = this.kindOf.of(r, columns.kind)!;
      // A canonical amount's units are read with its bytes, in the pass that checks them.
      const small = r.canonicalUnits(columns.amount);
      const amount = small === small ? r.cell(columns.amount) : this.amountOf(r);
      const units = small === small ? BigInt(small) : toUnits(amount);
      this.readTexts(r, columns);
      lines.push(
        preparer.line(
          id,
          dated.date,
          dated.day,
          this.docNo,
          this.reference,
          this.description,
          kind,
          amount,
          units,
          side.currency,
        ),
      );
    }
    return lines;
  }

  /** The current (checked) row's amount as canonical text. */
  private amountOf(r: BytesRow): string {
    const index = this.columns!.amount;
    // A canonical amount is its own value (most): parsing it again was ~15 % of decoding.
    return r.isCanonicalAmount(index)
      ? r.cell(index)
      : (parseAmount(r.cell(index).trim()) as { value: string }).value;
  }

  /**
   * The current (checked) row's date and its day number: a plain `yyyy-mm-dd` cell's by its digits
   * (one lookup, no text hashed; a file has a few hundred distinct dates), else the cell read.
   */
  private dayOf(r: BytesRow, index: number): DatedDay {
    const key = r.isoDateKey(index);
    // A slot per key modulo 1,024 (a period's dates differ there), not a hashed map.
    const slot = key & 1023;
    const known = this.isoDays[slot];
    if (key >= 0 && known !== undefined && known.key === key) return known;
    const date = (this.dateOf(r, index) as { ok: true; value: string }).value;
    const dated = { key, date, day: dayNumber(date) };
    if (key >= 0) this.isoDays[slot] = dated;
    return dated;
  }

  /** dayOf's plain dates by their digits, the last one seen of each slot. */
  private readonly isoDays: Array<DatedDay | undefined> = new Array<DatedDay | undefined>(1024).fill(
    undefined,
  );

  private line(
    r: Row,
    columns: Columns,
    id: string,
    date: string,
    kind: string,
    amount: string,
    currency: string,
  ): MatchLine {
    this.readTexts(r, columns);
    const { docNo, reference, description } = this;
    // One shape for every line (empty text for an empty field): no dictionary-mode objects.
    return { id, date, docNo, reference, description, kind, amount, currency };
  }

  /** The row's document number, reference and description, trimmed, into the fields below. */
  private readTexts(r: Row, columns: Columns): void {
    const docNo = r.kept(columns.doc_no).trim();
    // Our ledger often repeats the document number as the reference: one string for both.
    let reference = docNo;
    // The same cell twice is compared as bytes, not with the document number's text.
    if (!r.cellsEqual(columns.reference, columns.doc_no) && !r.cellIs(columns.reference, docNo)) {
      const text = r.kept(columns.reference).trim();
      if (text !== docNo) reference = text;
    }
    this.docNo = docNo;
    this.reference = reference;
    this.description = r.kept(columns.description).trim();
  }

  private docNo = '';
  private reference = '';
  private description = '';

  private lastCustomerText = '';

  /**
   * The date cell read (undefined when blank). A plain `yyyy-mm-dd` cell is looked up by its digits
   * without decoding it (the same text reads the same; a file has a few hundred distinct dates).
   */
  private dateOf(r: Row, index: number): Parsed<string> | undefined {
    const key = r.isoDateKey(index);
    if (key < 0) {
      const text = r.cell(index).trim();
      return text === '' ? undefined : this.parseDate(text);
    }
    let parsed = this.isoDates.get(key);
    if (parsed === undefined) {
      parsed = this.parseDate(r.cell(index));
      if (this.isoDates.size < 4096) this.isoDates.set(key, parsed);
    }
    return parsed;
  }

  /** dateOf's plain dates by their digits (bounded: a hostile file cannot grow it further). */
  private readonly isoDates = new Map<number, Parsed<string>>();

  /** A row dealt out (routeSideFile): its id, unless blank or a balance row's, must be new in the file. */
  private checkDealtId(r: Row, columns: Columns): void {
    r.keyOf(columns.id);
    if (r.keyIsBlank()) return; // its customer's thread says a line's id is required
    const kind = this.kindOf.of(r, columns.kind); // null (unknown): its thread refuses the row first
    if (kind === 'OPENING_BALANCE' || kind === 'CLOSING_BALANCE') return;
    if (r.keySeen())
      this.fail('DUPLICATE_ID', 'id', `${r.cell(columns.id).trim()} appears twice`, CHECK.duplicateId);
  }

  /** Another thread's customer: only the ids this share owns are checked for duplicates. */
  private otherCustomer(r: Row, columns: Columns): void {
    const kind = this.kindOf.of(r, columns.kind);
    if (kind === 'OPENING_BALANCE' || kind === 'CLOSING_BALANCE') return;
    this.checkId(r, r.keyOf(columns.id));
  }

  /** The row's id, if this share checks it, must not have been seen before in the file. */
  private checkId(r: Row, hash: number): void {
    if (r.keyIsBlank() || (this.share !== undefined && !this.share.checksId(hash))) return;
    if (r.keySeen())
      this.fail('DUPLICATE_ID', 'id', `${r.cell(this.columns!.id).trim()} appears twice`, CHECK.duplicateId);
  }

  private wrongWidth(r: Row): never {
    return this.fail(
      FormatErrorCode.WRONG_FIELD_COUNT,
      '(record)',
      `${r.width} fields where the header has ${this.width}`,
      CHECK.record,
    );
  }

  private header(r: Row): void {
    const names = Array.from({ length: r.width }, (_, i) =>
      r
        .cell(i)
        .replace(/^\uFEFF/, '')
        .trim()
        .toLowerCase(),
    );
    for (const column of COLUMNS) {
      if (!names.includes(column))
        throw new ReadError(
          FormatErrorCode.MISSING_VALUE,
          { file: this.name, row: r.row, field: column },
          `missing column (expected ${COLUMNS.join(',')})`,
          [r.row, CHECK.record],
        );
    }
    this.columns = Object.fromEntries(COLUMNS.map((c) => [c, names.indexOf(c)])) as Columns;
    this.width = r.width;
  }

  done(): SideFileRead {
    if (!this.columns)
      throw new ReadError(
        FormatErrorCode.MISSING_VALUE,
        { file: this.name, row: 1, field: '(header)' },
        'the file is empty',
        [1, CHECK.record],
      );
    const { first, last } = this;
    return {
      sides: this.sides,
      dates: this.dates,
      lineRange: first === undefined ? undefined : { first, last: last! },
    };
  }
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
 * The value of a cell with few spellings in a file (currency, kind), by its text as written: the
 * last 8 texts read are compared with the row's cell first (as bytes when the row can, see
 * Row.cellIs; the text that matched last first), then `read` is asked (through `remembered`) for
 * the trimmed text.
 */
class CellValues<T> {
  private readonly raws: string[] = [];
  /** Whether raws[i] is ASCII: compared as bytes in any record (Row.cellIsAscii). */
  private readonly ascii: boolean[] = [];
  private readonly values: T[] = [];
  private readonly read: (text: string) => T;
  private last = 0;
  constructor(read: (text: string) => T) {
    this.read = remembered(read);
  }
  of(r: Row, index: number): T {
    const raws = this.raws;
    const last = this.last;
    if (last < raws.length && this.is(r, index, last)) return this.values[last];
    for (let i = 0; i < raws.length; i += 1)
      if (i !== last && this.is(r, index, i)) {
        this.last = i;
        return this.values[i];
      }
    const raw = r.kept(index);
    const value = this.read(raw.trim());
    if (raws.length === 8) {
      raws.shift();
      this.ascii.shift();
      this.values.shift();
    }
    raws.push(raw);
    this.ascii.push(isAsciiText(raw));
    this.values.push(value);
    this.last = raws.length - 1;
    return value;
  }
  private is(r: Row, index: number, i: number): boolean {
    return this.ascii[i] ? r.cellIsAscii(index, this.raws[i]) : r.cellIs(index, this.raws[i]);
  }
}

/**
 * A cell kept for matching, as a string of its own. The reader's cells are slices of its 64 KiB text
 * chunks, and V8 keeps a whole chunk (two bytes a character once a row has Chinese text) alive for
 * any slice of 13 characters or more: keeping the lines would keep both files' text. Cutting a
 * slice from a concatenation makes V8 copy the text into a new string first.
 */
const own = (text: string): string => (text.length < 13 ? text : `${text} `.slice(0, -1));

function sideOf(
  sides: SideFile,
  customer: string,
  currency: string,
  decoder: SideReader | undefined,
): CurrencySide {
  let side = sides.get(customer);
  if (!side) sides.set(customer, (side = { currencies: new Map() }));
  let byCurrency = side.currencies.get(currency);
  if (!byCurrency) side.currencies.set(currency, (byCurrency = { currency, lines: [], rows: [], decoder }));
  return byCurrency;
}

/**
 * A side's lines as `prepare` gives them (none without a side), by `preparer`: decoded from the
 * file's bytes straight into Prepared lines when it was read plain.
 */
export function preparedOf(side: CurrencySide | undefined, preparer: LinePreparer): Prepared[] {
  if (!side) return [];
  if (side.decoder) return prepareDecoded(side.decoder.prepared(side, preparer));
  return prepare(side.lines, preparer.side, preparer.keys);
}

/** A date and its day number (`key`: its digits yyyymmdd when plain, else -1). */
interface DatedDay {
  key: number;
  date: string;
  day: number;
}

/**
 * Opening and closing: as given, else the opening from the fallback and closing = opening + the
 * lines up to the period end (a line after it is not part of the period).
 */
export function balancesOf(
  side: CurrencySide | undefined,
  lines: ReadonlyArray<{ date: string; units: bigint }>,
  openingFallback: string,
  periodEnd: string,
): { opening: string; closing: string } {
  const opening = side?.opening?.amount ?? openingFallback;
  const closing =
    side?.closing?.amount ??
    fromUnits(lines.reduce((sum, l) => (l.date <= periodEnd ? sum + l.units : sum), toUnits(opening)));
  return { opening, closing };
}

export type PeriodSource = 'flags' | 'balance rows' | 'lines';

/**
 * The period: from the options when given; else from the opening balance rows' date to the closing
 * rows' date (the statement says which month it covers); else from the earliest to the latest line.
 */
export function inferPeriod(
  flags: { start?: string; end?: string },
  files: Array<Pick<SideFileRead, 'dates' | 'lineRange' | 'dateOrder'>>,
): {
  start: string;
  end: string;
  source: { start: PeriodSource; end: PeriodSource };
  /** How each file with dates that read either way read them (the files' order, each once). */
  dates?: DateOrderNote[];
} {
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
  const period = { start: start.date, end: end.date, source: { start: start.source, end: end.source } };
  const notes = new Map<string, DateOrderNote>();
  for (const { dateOrder } of files) if (dateOrder) notes.set(dateOrder.file, dateOrder);
  return notes.size === 0 ? period : { ...period, dates: [...notes.values()] };
}
