import { createReadStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { readCsvRecords, sniffDelimiter, type CsvProblem } from '../formats/csv';
import { decodeChunks, type TextEncoding } from '../formats/encoding';
import { FileFormatError } from '../formats/errors';
import { readNeutralized } from './formula-cells';
import type { SheetRow } from './types';

/** Sent by the CSV thread: what it learnt, the records in batches, then `done`, or why it stopped. */
export type CsvThreadMessage =
  | { kind: 'encoding'; encoding: TextEncoding }
  | { kind: 'delimiter'; delimiter: string }
  | { kind: 'rows'; rows: SheetRow[] }
  | { kind: 'problem'; problem: CsvProblem }
  | { kind: 'done' }
  | { kind: 'refused'; code: string; message: string; column: string | null }
  | { kind: 'failed'; message: string };

export interface CsvThreadInput {
  path?: string;
  bytes?: Uint8Array;
  encoding?: TextEncoding;
  delimiter?: string;
}

/** The parent sends this to take one more batch (it starts with CSV_WINDOW in hand). */
export const CSV_MORE = 'more';
/** Batches the thread may send ahead of the reader: parsing overlaps loading, memory stays bounded. */
export const CSV_WINDOW = 4;
/** Reads of 64 KiB; a chunk's records go in batches of at most BATCH_ROWS (the parent maps one per turn). */
const CHUNK_BYTES = 1 << 16;
const BATCH_ROWS = 500;

async function* byteChunks(input: CsvThreadInput): AsyncGenerator<Uint8Array> {
  if (input.bytes) {
    for (let at = 0; at < input.bytes.length; at += CHUNK_BYTES)
      yield input.bytes.subarray(at, at + CHUNK_BYTES);
    return;
  }
  for await (const chunk of createReadStream(input.path!, { highWaterMark: CHUNK_BYTES }))
    yield chunk as Buffer;
}

async function* prepend(first: string, rest: AsyncIterator<string>): AsyncGenerator<string> {
  yield first;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

/**
 * Decodes and parses a CSV file (the shared decoder and reader of formats/) on a thread of its own,
 * so a big upload does not hold the API's event loop; the rows go to the parent a batch at a time,
 * never more than CSV_WINDOW ahead of what it has taken.
 */
async function run(input: CsvThreadInput): Promise<void> {
  const port = parentPort!;
  const send = (message: CsvThreadMessage) => port.postMessage(message);
  let credits = CSV_WINDOW;
  let wake: (() => void) | undefined;
  port.on('message', (message) => {
    if (message !== CSV_MORE) return;
    credits += 1;
    wake?.();
  });
  try {
    const text = decodeChunks(byteChunks(input), input.encoding, (encoding) =>
      send({ kind: 'encoding', encoding }),
    );
    const first = await text.next();
    if (!first.done) {
      const delimiter = input.delimiter ?? sniffDelimiter(first.value.slice(0, 64 * 1024));
      send({ kind: 'delimiter', delimiter });
      const batches = readCsvRecords(prepend(first.value, text), delimiter, (problem) =>
        send({ kind: 'problem', problem }),
      );
      for await (const records of batches) {
        for (let at = 0; at < records.length; at += BATCH_ROWS) {
          while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
          credits -= 1;
          const rows = records.slice(at, at + BATCH_ROWS);
          // A rejects file's cells come back without the apostrophe that kept them from running as formulas.
          for (const row of rows) row.cells.forEach((cell, i) => (row.cells[i] = readNeutralized(cell)));
          send({ kind: 'rows', rows });
        }
      }
    }
    send({ kind: 'done' });
  } catch (error) {
    send(
      error instanceof FileFormatError
        ? { kind: 'refused', code: error.code, message: error.message, column: error.column }
        : { kind: 'failed', message: error instanceof Error ? error.message : String(error) },
    );
  }
  port.close();
}

if (parentPort) void run(workerData as CsvThreadInput);
