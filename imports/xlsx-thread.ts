import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { ImportFileError } from './errors';
import type { SheetRow } from './types';
import { readXlsxSheet } from './xlsx-reader';

/** Sent by the parsing thread: the sheet's rows in batches, then `done`, or the refusal. */
export type XlsxThreadMessage =
  | { kind: 'rows'; rows: SheetRow[] }
  | { kind: 'done'; sheetName: string }
  | { kind: 'refused'; code: string; message: string }
  | { kind: 'failed'; message: string };

export interface XlsxThreadInput {
  /** The workbook in memory, or `path`: a file this thread reads (an upload, on disk). */
  bytes?: Uint8Array;
  path?: string;
  sheet?: string | number;
  maxRows: number;
}

const BATCH_ROWS = 2_000;

/**
 * The .xlsx parser (xlsx-reader.ts, the one parser of the format) run on a thread of its own, so a
 * big workbook neither stalls the API's event loop nor grows its heap: the rows come back in
 * batches the API thread takes in one message at a time.
 */
async function run(input: XlsxThreadInput): Promise<void> {
  const port = parentPort!;
  try {
    const bytes = input.bytes
      ? Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.length)
      : await readFile(input.path!);
    const sheet = await readXlsxSheet(bytes, input.sheet);
    if (sheet.rows.length > input.maxRows) {
      port.postMessage({
        kind: 'refused',
        code: 'FILE_TOO_LARGE',
        message: `the worksheet has ${sheet.rows.length} rows, more than the ${input.maxRows} an .xlsx may have; send it as CSV`,
      } satisfies XlsxThreadMessage);
      return;
    }
    for (let at = 0; at < sheet.rows.length; at += BATCH_ROWS)
      port.postMessage({
        kind: 'rows',
        rows: sheet.rows.slice(at, at + BATCH_ROWS),
      } satisfies XlsxThreadMessage);
    port.postMessage({ kind: 'done', sheetName: sheet.sheetName } satisfies XlsxThreadMessage);
  } catch (error) {
    port.postMessage(
      (error instanceof ImportFileError
        ? { kind: 'refused', code: error.code, message: error.message }
        : {
            kind: 'failed',
            message: error instanceof Error ? error.message : String(error),
          }) satisfies XlsxThreadMessage,
    );
  }
}

if (parentPort) void run(workerData as XlsxThreadInput);
