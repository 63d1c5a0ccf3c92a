import { FormatErrorCode } from './errors';

/** One CSV record and the 1-based line it starts on (records may span lines inside quotes); a SheetRow. */
export interface CsvRecord {
  readonly row: number;
  readonly cells: string[];
}

export interface CsvProblem {
  readonly code: typeof FormatErrorCode.UNTERMINATED_QUOTE;
  readonly line: number;
  readonly message: string;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * RFC 4180 reader that takes text in chunks of any size: quoted fields may hold delimiters, doubled
 * quotes and line breaks (LF, CRLF or CR). A record is only emitted once its line end is seen, so a
 * chunk boundary can fall anywhere. Lenient where Excel is: a quote inside an unquoted field is literal.
 */
/**
 * No real record is this long: one that keeps growing is a quote never closed. Giving up there keeps
 * the rescan of the unfinished record (once per chunk) from going quadratic on a large file.
 */
export const MAX_RECORD_CHARS = 1 << 20;

export class CsvParser {
  private readonly delimiter: number;
  private pending = '';
  private line = 1;
  /** The previous chunk ended in CR: a leading LF of the next one belongs to it. */
  private skipLf = false;
  /** Set once a record outgrew MAX_RECORD_CHARS: the rest of the input is ignored. */
  private broken: CsvProblem | null = null;

  constructor(delimiter = ',') {
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
      throw new RangeError(`unusable CSV delimiter ${JSON.stringify(delimiter)}`);
    }
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** Feed the next chunk of text; returns the records it completed. */
  push(chunk: string, out: CsvRecord[] = []): CsvRecord[] {
    if (this.broken) return out;
    let text = chunk;
    if (this.skipLf && text.charCodeAt(0) === LF) text = text.slice(1);
    this.skipLf = false;
    text = this.pending + text;
    const consumed = this.scan(text, false, out);
    this.pending = text.slice(consumed);
    if (this.pending.length > MAX_RECORD_CHARS) {
      this.broken = {
        code: FormatErrorCode.UNTERMINATED_QUOTE,
        line: this.line,
        message: `a record longer than ${MAX_RECORD_CHARS} characters: a quoted field is never closed`,
      };
      this.pending = '';
    }
    return out;
  }

  /** No more input: returns the last record (if the file does not end with a line break) or the problem. */
  end(out: CsvRecord[] = []): { records: CsvRecord[]; problem: CsvProblem | null } {
    if (this.broken) return { records: out, problem: this.broken };
    const text = this.pending;
    this.pending = '';
    if (text.length === 0) return { records: out, problem: null };
    const startLine = this.line;
    const consumed = this.scan(text, true, out);
    if (consumed < text.length) {
      return {
        records: out,
        problem: {
          code: FormatErrorCode.UNTERMINATED_QUOTE,
          line: startLine,
          message: 'a quoted field is never closed: the rest of the file is one broken record',
        },
      };
    }
    return { records: out, problem: null };
  }

  /** Parses complete records from `text`; returns how many characters were consumed. */
  private scan(text: string, final: boolean, out: CsvRecord[]): number {
    const length = text.length;
    const delimiter = this.delimiter;
    let recordStart = 0;
    let i = 0;
    while (recordStart < length) {
      const startLine = this.line;
      let lines = 0;
      const fields: string[] = [];
      let complete = false;
      i = recordStart;
      // One record: fields until an unquoted line end.
      for (;;) {
        if (i < length && text.charCodeAt(i) === QUOTE) {
          // Quoted field: runs to the closing quote; "" is an escaped quote.
          let value = '';
          let from = i + 1;
          let j = from;
          let closed = false;
          while (j < length) {
            const c = text.charCodeAt(j);
            if (c === QUOTE) {
              if (j + 1 < length && text.charCodeAt(j + 1) === QUOTE) {
                value += text.slice(from, j + 1);
                j += 2;
                from = j;
                continue;
              }
              if (j + 1 >= length && !final) break; // cannot tell "" from " yet
              value += text.slice(from, j);
              closed = true;
              j += 1;
              break;
            }
            if (c === LF || (c === CR && text.charCodeAt(j + 1) !== LF)) lines += 1;
            j += 1;
          }
          if (!closed) return recordStart;
          // Anything between the closing quote and the delimiter is kept, as Excel does.
          let k = j;
          while (k < length) {
            const c = text.charCodeAt(k);
            if (c === delimiter || c === LF || c === CR) break;
            k += 1;
          }
          fields.push(k > j ? value + text.slice(j, k) : value);
          i = k;
        } else {
          let k = i;
          while (k < length) {
            const c = text.charCodeAt(k);
            if (c === delimiter || c === LF || c === CR) break;
            k += 1;
          }
          fields.push(text.slice(i, k));
          i = k;
        }
        if (i >= length) {
          if (!final) return recordStart;
          complete = true;
          break;
        }
        const c = text.charCodeAt(i);
        if (c === delimiter) {
          i += 1;
          if (i >= length && final) {
            fields.push('');
            complete = true;
            break;
          }
          continue;
        }
        // Line end: LF, CRLF or CR.
        if (c === CR) {
          if (i + 1 < length) {
            i += text.charCodeAt(i + 1) === LF ? 2 : 1;
          } else {
            i += 1;
            this.skipLf = !final;
          }
        } else {
          i += 1;
        }
        lines += 1;
        complete = true;
        break;
      }
      if (!complete) return recordStart;
      out.push({ row: startLine, cells: fields });
      this.line = startLine + lines;
      recordStart = i;
    }
    return recordStart;
  }
}

/** Parse a whole text at once (small files, tests). */
export function parseCsv(
  text: string,
  delimiter = ',',
): { records: CsvRecord[]; problem: CsvProblem | null } {
  const parser = new CsvParser(delimiter);
  const records = parser.push(text);
  return parser.end(records);
}

/** Stream records from text chunks. A broken final record is reported through `onProblem`. */
export async function* readCsvRecords(
  chunks: AsyncIterable<string>,
  delimiter: string,
  onProblem: (problem: CsvProblem) => void,
): AsyncGenerator<CsvRecord[]> {
  const parser = new CsvParser(delimiter);
  for await (const chunk of chunks) {
    const records = parser.push(chunk);
    if (records.length > 0) yield records;
  }
  const { records, problem } = parser.end();
  if (records.length > 0) yield records;
  if (problem) onProblem(problem);
}

const CANDIDATE_DELIMITERS = [',', '\t', ';', '|'];

/** Guess the delimiter from the first lines: the candidate that splits them most consistently. */
export function sniffDelimiter(sample: string): string {
  const lines = sample
    .split(/\r\n|\n|\r/)
    .slice(0, 20)
    .filter((l) => l.trim() !== '');
  let best = ',';
  let bestScore = 0;
  for (const candidate of CANDIDATE_DELIMITERS) {
    const counts = lines.map((l) => countOutsideQuotes(l, candidate));
    const max = Math.max(0, ...counts);
    // Prefer delimiters present on most lines with the most columns.
    const score = counts.filter((n) => n > 0).length * 1000 + max;
    if (max > 0 && score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

function countOutsideQuotes(line: string, delimiter: string): number {
  let count = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === delimiter && !quoted) count += 1;
  }
  return count;
}
