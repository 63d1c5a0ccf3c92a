import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import { plainCsvStart } from './csv-bytes';
import { readCsvRecords, sniffDelimiter, type CsvProblem, type CsvRecord } from './csv';
import { decodeChunks, type TextEncoding } from './encoding';

/** Reads of 64 KiB: big enough to sniff the encoding, small enough that a batch of rows dies young (GC). */
const CHUNK_BYTES = 1 << 16;

export interface CsvFileOptions {
  /** Default: detected (BOM, else UTF-8 when valid, else GB18030). */
  readonly encoding?: TextEncoding;
  /** Default: sniffed from the first lines. */
  readonly delimiter?: string;
  /** A quote never closed: the file is broken from `problem.line` on. */
  readonly onProblem: (problem: CsvProblem) => void;
}

/**
 * Streams a CSV file's records in batches through the shared reader (formats/csv.ts) and decoder
 * (formats/encoding.ts): memory stays bounded by a chunk, whatever the file's size.
 */
export async function* readCsvFile(path: string, options: CsvFileOptions): AsyncGenerator<CsvRecord[]> {
  const text = decodeChunks(createReadStream(path, { highWaterMark: CHUNK_BYTES }), options.encoding);
  const first = await text.next();
  if (first.done) return;
  const delimiter = options.delimiter ?? sniffDelimiter(first.value.slice(0, 64 * 1024));
  yield* readCsvRecords(prepend(first.value, text), delimiter, options.onProblem);
}

async function* prepend(first: string, rest: AsyncIterator<string>): AsyncGenerator<string> {
  yield first;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

/** Above this a file is streamed (a Buffer, shared or not, has to fit in memory at once). */
const MAX_WHOLE_BYTES = 1 << 30;

/**
 * The whole file as bytes when the shared reader would read it as plain splits (plainCsvStart):
 * then formats/csv-bytes.ts's cursor reads it. Undefined for any other file: stream it through
 * readCsvFile. `shared` puts the bytes in shared memory, for threads to read without a copy.
 */
export function readPlainCsvFile(path: string, shared = false): { bytes: Buffer; start: number } | undefined {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > MAX_WHOLE_BYTES) return undefined;
    const bytes = shared ? Buffer.from(new SharedArrayBuffer(size)) : Buffer.allocUnsafe(size);
    let read = 0;
    for (let n = 1; read < size && n > 0; read += n) n = readSync(fd, bytes, read, size - read, read);
    const whole = bytes.subarray(0, read);
    const start = plainCsvStart(whole);
    return start === undefined ? undefined : { bytes: whole, start };
  } finally {
    closeSync(fd);
  }
}
