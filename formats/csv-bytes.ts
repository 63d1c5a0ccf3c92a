import { isUtf8 } from 'node:buffer';
import { MAX_DECIMALS, MAX_INTEGER_DIGITS } from './amount';
import { MAX_RECORD_CHARS } from './csv';

// The shared reader (csv.ts behind encoding.ts) on a whole file held as bytes, for the common case
// where its records are plain splits: UTF-8 text with no quote character anywhere. Then a record is
// a line (ended by LF, CRLF or CR) split at the delimiter, and the bytes can be scanned without
// decoding the file: a caller that wants one row in two (a matching thread's share of the customers)
// decodes only the cells it reads. Any other file goes through the shared reader; the two are
// property-tested to give the same records (test/formats/csv-bytes.test.ts).

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Where the records start (after a UTF-8 byte-order mark) when the shared reader would read `bytes`
 * as plain splits: valid UTF-8 (what encoding.ts detects then), no quote, and no line longer than
 * MAX_RECORD_CHARS (the shared reader gives up on such a line as a quote never closed). Undefined
 * otherwise.
 */
export function plainCsvStart(bytes: Buffer): number | undefined {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  if (bytes.indexOf(QUOTE, start) >= 0) return undefined;
  if (!isUtf8(bytes.subarray(start))) return undefined;
  // A line's UTF-16 length is at most its length in bytes, and a CR only shortens it. A line longer
  // than the most is that many bytes and one more without a LF: from each line's start, the last LF
  // within reach is looked for backwards (a search a MiB, not one a line).
  for (let at = start; bytes.length - at > MAX_RECORD_CHARS;) {
    const lf = bytes.lastIndexOf(LF, at + MAX_RECORD_CHARS);
    if (lf < at) return undefined;
    at = lf + 1;
  }
  return start;
}

/**
 * A cursor over the records of plain CSV bytes (see plainCsvStart): `next()` moves to the next
 * record, whose cells are then read by index. Row numbers are the shared reader's (1-based lines).
 */
export class PlainCsvRows {
  /** The current record's line (1-based). */
  row = 0;
  /** The current record's number of cells. */
  width = 0;
  private starts = new Int32Array(32);
  private ends = new Int32Array(32);
  private at: number;
  /** The current record is ASCII: its cells decode as Latin-1, one byte a character (cheaper). */
  private ascii = true;
  private readonly delimiter: number;
  /** Every byte above this is inside a cell (the delimiter, LF and CR are at or below it). */
  private readonly inCell: number;

  constructor(
    private readonly bytes: Buffer,
    start: number,
    delimiter = ',',
  ) {
    this.at = start;
    this.delimiter = delimiter.charCodeAt(0);
    this.inCell = Math.max(this.delimiter, LF, CR);
  }

  /**
   * Sizes the set keySeen fills for about `count` keys (before the first): a table grown by
   * doubling from a few thousand slots rehashed every key again ~8 times, cache miss after cache
   * miss (~3 % of a matching thread's time on a million rows).
   */
  expectKeys(count: number): void {
    this.keys ??= new ByteKeys(this.bytes, count);
  }

  /** Where the current record starts in the bytes (kept by `mark`). */
  recordStart = 0;

  /**
   * Keeps where the current record's cells are in `marks` (no text is made) and returns its mark:
   * `restore` comes back to it without scanning the record again.
   */
  mark(marks: RecordMarks): number {
    const width = this.width;
    let chunk = marks.chunks[marks.chunks.length - 1];
    if (chunk === undefined || marks.used + width + 2 > chunk.length) {
      chunk = marks.newChunk(Math.max(MARK_CHUNK, width + 2));
      marks.chunks.push(chunk);
      marks.used = 0;
    }
    const at = marks.used;
    chunk[at] = this.recordStart;
    chunk[at + 1] = this.ascii ? width : -width;
    const ends = this.ends;
    for (let i = 0; i < width; i += 1) chunk[at + 2 + i] = ends[i];
    marks.used += width + 2;
    return (marks.chunks.length - 1) * MARK_CHUNK + at;
  }

  /** Moves to a record kept by `mark` (cells start right after the previous one ends: no quotes). */
  restore(marks: RecordMarks, mark: number): void {
    const chunk = marks.chunks[Math.floor(mark / MARK_CHUNK)];
    const at = mark % MARK_CHUNK;
    const recordStart = chunk[at];
    const signed = chunk[at + 1];
    const width = signed < 0 ? -signed : signed;
    while (width > this.starts.length) this.grow();
    const starts = this.starts;
    const ends = this.ends;
    let from = recordStart;
    for (let i = 0; i < width; i += 1) {
      const end = chunk[at + 2 + i];
      starts[i] = from;
      ends[i] = end;
      from = end + 1;
    }
    this.recordStart = recordStart;
    this.width = width;
    this.ascii = signed >= 0;
    this.recordText = undefined;
  }

  next(): boolean {
    const bytes = this.bytes;
    const length = bytes.length;
    let i = this.at;
    if (i >= length) return false;
    this.recordStart = i;
    const delimiter = this.delimiter;
    // Most bytes are above the delimiter, LF and CR: a tight loop skips those (~20 % less CPU).
    const inCell = this.inCell;
    let starts = this.starts;
    let ends = this.ends;
    let from = i;
    let width = 0;
    let high = 0;
    for (;;) {
      let c = 0;
      while (i < length && (c = bytes[i]) > inCell) {
        high |= c;
        i += 1;
      }
      if (i < length && c !== delimiter && c !== LF && c !== CR) {
        high |= c; // a low byte inside a cell (a space, a tab, …)
        i += 1;
        continue;
      }
      if (width === starts.length) {
        this.grow();
        starts = this.starts;
        ends = this.ends;
      }
      starts[width] = from;
      ends[width] = i;
      width += 1;
      if (i >= length) break;
      if (c !== delimiter) {
        i += c === CR && bytes[i + 1] === LF ? 2 : 1;
        break;
      }
      i += 1;
      from = i;
    }
    this.at = i;
    this.row += 1;
    this.recordText = undefined;
    this.width = width;
    this.ascii = high < 0x80;
    return true;
  }

  /** Cell `index` of the current record as text (untrimmed). */
  cell(index: number): string {
    // Buffer's own slicers, without toString's checks of the encoding and the bounds (both known).
    const bytes = this.bytes as SlicingBuffer;
    if (!this.ascii) return bytes.utf8Slice(this.starts[index], this.ends[index]);
    if (!this.wholeRecords) return bytes.latin1Slice(this.starts[index], this.ends[index]);
    const from = this.recordStart;
    const text = (this.recordText ??= bytes.latin1Slice(from, this.ends[this.width - 1]));
    return text.slice(this.starts[index] - from, this.ends[index] - from);
  }

  /**
   * From now on an ASCII record's cells are cut from its whole text, decoded once (a character is a
   * byte there): for a reader that reads most cells of a record, where a call into Buffer's slicer
   * a cell cost more than the decoding. Such a cell of 13 characters or more shares the record's
   * text (V8 slices), and keeps it alive as long as the cell lives.
   */
  decodeRecordsWhole(): void {
    this.wholeRecords = true;
  }

  private wholeRecords = false;
  /** The current ASCII record's text, once a cell was read (decodeRecordsWhole). */
  private recordText: string | undefined;

  /**
   * Cell `index` as the number yyyymmdd when it is exactly `yyyy-mm-dd` in ASCII digits (nothing
   * around it), else -1: a reader can remember what it made of such a date without decoding it.
   */
  isoDateKey(index: number): number {
    const bytes = this.bytes;
    const start = this.starts[index];
    if (this.ends[index] - start !== 10 || bytes[start + 4] !== 0x2d || bytes[start + 7] !== 0x2d) return -1;
    let key = 0;
    for (let i = 0; i < 10; i += 1) {
      if (i === 4 || i === 7) continue;
      const digit = bytes[start + i] - 0x30;
      if (digit < 0 || digit > 9) return -1;
      key = key * 10 + digit;
    }
    return key;
  }

  /**
   * Whether cell `index` is an amount that parseAmount gives back as it is (isCanonicalAmount, at
   * most MAX_INTEGER_DIGITS whole digits, nothing around it), read on its bytes: a reader that only
   * checks the amount need not decode it. False says nothing: parse the text then.
   */
  isCanonicalAmount(index: number): boolean {
    const bytes = this.bytes;
    const first = this.starts[index];
    const end = this.ends[index];
    let i = first < end && bytes[first] === 0x2d ? first + 1 : first; // '-'
    const start = i;
    while (i < end && bytes[i] >= 0x30 && bytes[i] <= 0x39) i += 1;
    const digits = i - start;
    if (digits === 0 || digits > MAX_INTEGER_DIGITS || (digits > 1 && bytes[start] === 0x30)) return false;
    if (i === end) return !(start > first && digits === 1 && bytes[start] === 0x30); // not "-0"
    if (bytes[i] !== 0x2e) return false; // '.'
    const dot = i;
    for (i += 1; i < end; i += 1) if (bytes[i] < 0x30 || bytes[i] > 0x39) return false;
    const decimals = end - dot - 1;
    return decimals >= 1 && decimals <= MAX_DECIMALS && bytes[end - 1] !== 0x30;
  }

  /**
   * The units (ten-thousandths, as toUnits counts them) of cell `index` when it is an amount
   * isCanonicalAmount accepts with at most 11 whole digits (at most 15 digits: an exact double),
   * read on its bytes in one pass; NaN for any other cell (read its text then).
   */
  canonicalUnits(index: number): number {
    const bytes = this.bytes;
    const first = this.starts[index];
    const end = this.ends[index];
    let i = first < end && bytes[first] === 0x2d ? first + 1 : first; // '-'
    const start = i;
    let whole = 0;
    for (; i < end; i += 1) {
      const digit = bytes[i] - 0x30;
      if (digit < 0 || digit > 9) break;
      whole = whole * 10 + digit;
    }
    const digits = i - start;
    if (digits === 0 || digits > 11 || (digits > 1 && bytes[start] === 0x30)) return NaN;
    let units = whole * 10_000;
    if (i < end) {
      if (bytes[i] !== 0x2e || end - i - 1 < 1 || end - i - 1 > MAX_DECIMALS || bytes[end - 1] === 0x30)
        return NaN;
      let scale = 1_000;
      for (i += 1; i < end; i += 1, scale /= 10) {
        const digit = bytes[i] - 0x30;
        if (digit < 0 || digit > 9) return NaN;
        units += digit * scale;
      }
    } else if (start > first && whole === 0) return NaN; // "-0"
    return start > first ? -units : units;
  }

  /**
   * Makes cell `index`, trimmed as String.prototype.trim does, the current key, and returns its
   * hash (FNV-1a of its bytes): for keySeen, and to share keys out among threads.
   */
  keyOf(index: number): number {
    const bytes = this.bytes;
    let start = this.starts[index];
    let end = this.ends[index];
    while (start < end && isAsciiSpace(bytes[start])) start += 1;
    while (end > start && isAsciiSpace(bytes[end - 1])) end -= 1;
    if (start < end && (bytes[start] >= 0x80 || bytes[end - 1] >= 0x80)) {
      // Maybe a space beyond ASCII (U+00A0, U+3000, …) at an edge: trim the text, keep its bytes.
      const text = bytes.toString('utf8', start, end);
      const trimmed = text.trim();
      start += Buffer.byteLength(text.slice(0, text.length - text.trimStart().length));
      end = start + Buffer.byteLength(trimmed);
    }
    this.keyStart = start;
    this.keyEnd = end;
    let hash = 0x811c9dc5;
    for (let i = start; i < end; i += 1) hash = Math.imul(hash ^ bytes[i], 0x01000193);
    return (this.keyHash = hash >>> 0);
  }

  /** The current key is empty (a blank cell). */
  keyIsBlank(): boolean {
    return this.keyEnd === this.keyStart;
  }

  /** Whether the current key was seen before in this file (it is remembered from now on). */
  keySeen(): boolean {
    return (this.keys ??= new ByteKeys(this.bytes, 0)).add(this.keyStart, this.keyEnd, this.keyHash);
  }

  private keyStart = 0;
  private keyEnd = 0;
  private keyHash = 0;
  /** Made when first needed (a cursor that only decodes or scans dates never checks keys). */
  private keys: ByteKeys | undefined;

  /**
   * Whether cell `index` is exactly `text`, compared as bytes without decoding when the record or the
   * text is ASCII (UTF-8 writes a character beyond ASCII with bytes above 0x7F only, so ASCII text
   * equals a cell's bytes exactly when each byte is its character's code).
   */
  cellIs(index: number, text: string): boolean {
    const start = this.starts[index];
    const length = this.ends[index] - start;
    if (!this.ascii && !isAsciiText(text)) return this.cell(index) === text;
    if (length !== text.length) return false;
    for (let i = 0; i < length; i += 1) if (this.bytes[start + i] !== text.charCodeAt(i)) return false;
    return true;
  }

  /** Whether cells `a` and `b` are the same text: the same bytes (UTF-8 writes a text one way). */
  cellsEqual(a: number, b: number): boolean {
    const start = this.starts[a];
    const other = this.starts[b];
    const length = this.ends[a] - start;
    if (this.ends[b] - other !== length) return false;
    const bytes = this.bytes;
    for (let i = 0; i < length; i += 1) if (bytes[start + i] !== bytes[other + i]) return false;
    return true;
  }

  /**
   * cellIs for a text the caller knows is ASCII (isAsciiText, checked once for many rows): the
   * bytes are compared whatever the record, without looking at the text's characters first.
   */
  cellIsAscii(index: number, text: string): boolean {
    const start = this.starts[index];
    const length = this.ends[index] - start;
    if (length !== text.length) return false;
    const bytes = this.bytes;
    for (let i = 0; i < length; i += 1) if (bytes[start + i] !== text.charCodeAt(i)) return false;
    return true;
  }

  private grow(): void {
    const starts = new Int32Array(this.starts.length * 2);
    const ends = new Int32Array(this.starts.length * 2);
    starts.set(this.starts);
    ends.set(this.ends);
    this.starts = starts;
    this.ends = ends;
  }
}

/** Int32s per chunk of RecordMarks (4 MiB): chunks, not one array doubled and copied as it grows. */
const MARK_CHUNK = 1 << 20;

/** Records kept by PlainCsvRows.mark: each is its start, ± its width (minus: not ASCII) and its cells' ends. */
export class RecordMarks {
  used = 0;

  /**
   * `shared`: the chunks are in shared memory (another thread reads the records marked here);
   * `chunks`: the chunks of marks made elsewhere, to restore from.
   */
  constructor(
    private readonly shared = false,
    readonly chunks: Int32Array[] = [],
  ) {}

  newChunk(length: number): Int32Array {
    return this.shared ? new Int32Array(new SharedArrayBuffer(length * 4)) : new Int32Array(length);
  }
}

type SlicingBuffer = Buffer & {
  latin1Slice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
};

export function isAsciiText(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** The spaces String.prototype.trim removes that are ASCII (a plain record holds no line end). */
const isAsciiSpace = (byte: number) => byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);

/**
 * A set of byte ranges of one buffer, by content (open addressing on their hashes): a million ids
 * checked for duplicates without a string or a Map entry each.
 */
class ByteKeys {
  private size = 0;
  private hashes: Int32Array;
  /** -1: an empty slot. */
  private starts: Int32Array;
  private ends: Int32Array;

  /** Room for `expected` keys without growing (at most half the slots used). */
  constructor(
    private readonly bytes: Buffer,
    expected: number,
  ) {
    let capacity = 1 << 12;
    while (capacity < expected * 2 && capacity < 1 << 26) capacity *= 2;
    this.hashes = new Int32Array(capacity);
    this.starts = new Int32Array(capacity).fill(-1);
    this.ends = new Int32Array(capacity);
  }

  /** Adds the range; true when an equal range was there already. */
  add(start: number, end: number, hash: number): boolean {
    const { bytes, hashes, starts, ends } = this;
    const mask = starts.length - 1;
    const length = end - start;
    let slot = hash & mask;
    for (; starts[slot] !== -1; slot = (slot + 1) & mask) {
      if (hashes[slot] !== (hash | 0) || ends[slot] - starts[slot] !== length) continue;
      if (bytes.compare(bytes, start, end, starts[slot], ends[slot]) === 0) return true;
    }
    hashes[slot] = hash;
    starts[slot] = start;
    ends[slot] = end;
    if ((this.size += 1) * 2 > starts.length) this.grow();
    return false;
  }

  private grow(): void {
    const { hashes, starts, ends } = this;
    const capacity = starts.length * 2;
    const mask = capacity - 1;
    this.hashes = new Int32Array(capacity);
    this.starts = new Int32Array(capacity).fill(-1);
    this.ends = new Int32Array(capacity);
    for (let old = 0; old < starts.length; old += 1) {
      if (starts[old] === -1) continue;
      let slot = hashes[old] & mask;
      while (this.starts[slot] !== -1) slot = (slot + 1) & mask;
      this.hashes[slot] = hashes[old];
      this.starts[slot] = starts[old];
      this.ends[slot] = ends[old];
    }
  }
}
