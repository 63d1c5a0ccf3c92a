import { isUtf8 } from 'node:buffer';
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
  // A line's UTF-16 length is at most its length in bytes, and a CR only shortens it.
  for (let at = start; at < bytes.length;) {
    const lf = bytes.indexOf(LF, at);
    const end = lf < 0 ? bytes.length : lf;
    if (end - at > MAX_RECORD_CHARS) return undefined;
    at = end + 1;
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

  constructor(
    private readonly bytes: Buffer,
    start: number,
    delimiter = ',',
  ) {
    this.at = start;
    this.delimiter = delimiter.charCodeAt(0);
  }

  next(): boolean {
    const bytes = this.bytes;
    const length = bytes.length;
    if (this.at >= length) return false;
    const delimiter = this.delimiter;
    let i = this.at;
    let from = i;
    let width = 0;
    let high = 0;
    for (;;) {
      if (i >= length) {
        this.cellAt(width++, from, i);
        break;
      }
      const c = bytes[i];
      if (c === delimiter) {
        this.cellAt(width++, from, i);
        from = i + 1;
      } else if (c === LF || c === CR) {
        this.cellAt(width++, from, i);
        i += c === CR && bytes[i + 1] === LF ? 2 : 1;
        break;
      } else high |= c;
      i += 1;
    }
    this.at = i;
    this.row += 1;
    this.width = width;
    this.ascii = high < 0x80;
    return true;
  }

  /** Cell `index` of the current record as text (untrimmed). */
  cell(index: number): string {
    return this.bytes.toString(this.ascii ? 'latin1' : 'utf8', this.starts[index], this.ends[index]);
  }

  /** Whether cell `index` is exactly `text` (compared as bytes when the record is ASCII, no decoding). */
  cellIs(index: number, text: string): boolean {
    const start = this.starts[index];
    const length = this.ends[index] - start;
    if (!this.ascii) return this.cell(index) === text;
    if (length !== text.length) return false;
    for (let i = 0; i < length; i += 1) if (this.bytes[start + i] !== text.charCodeAt(i)) return false;
    return true;
  }

  private cellAt(index: number, start: number, end: number): void {
    if (index === this.starts.length) {
      const starts = new Int32Array(index * 2);
      const ends = new Int32Array(index * 2);
      starts.set(this.starts);
      ends.set(this.ends);
      this.starts = starts;
      this.ends = ends;
    }
    this.starts[index] = start;
    this.ends[index] = end;
  }
}
