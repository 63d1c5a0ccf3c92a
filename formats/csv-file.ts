import { createReadStream } from 'node:fs';
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
