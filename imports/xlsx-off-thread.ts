import { ImportErrorCode, ImportFileError } from './errors';
import { startParseThread, takeParseSlot } from './parse-threads';
import type { SheetRow } from './types';
import type { XlsxSheet } from './xlsx-reader';
import { XLSX_LIMITS, type XlsxLimits } from './xlsx-limits';
import type { XlsxThreadInput, XlsxThreadMessage } from './xlsx-thread';
import { zipEntries, zipEntriesOfFile, type ZipEntry } from './zip-entries';

/** One workbook parses at a time per process (each may take up to maxHeapMb), in a shared parse slot. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Reads one worksheet of an .xlsx upload with its size bounded before and during parsing: the
 * archive's declared decompressed size is checked first (a 3 MB file that inflates to gigabytes is
 * refused unread), then the parser runs on its own thread with a capped heap and a cap on rows.
 * Refusals are ImportFileError FILE_TOO_LARGE (HTTP 413), named with the limit.
 */
export async function readXlsxOffThread(
  file: Buffer | { readonly path: string },
  sheet?: string | number,
  limits: XlsxLimits = XLSX_LIMITS,
): Promise<XlsxSheet> {
  // A file on disk (an upload) is read by the thread itself: here only its ZIP directory is.
  const entries = Buffer.isBuffer(file) ? zipEntries(file) : await zipEntriesOfFile(file.path);
  checkDeclaredSize(entries, limits);
  const parsed = queue.then(async () => {
    const release = await takeParseSlot();
    return parseOnThread(file, sheet, limits).finally(release);
  });
  queue = parsed.catch(() => undefined);
  return parsed;
}

function checkDeclaredSize(entries: ZipEntry[] | undefined, limits: XlsxLimits): void {
  if (!entries)
    throw new ImportFileError(ImportErrorCode.UNSUPPORTED_FORMAT, 'not a readable .xlsx workbook');
  const declared = entries.reduce((sum, entry) => sum + entry.uncompressedBytes, 0);
  if (declared > limits.maxUncompressedBytes)
    throw new ImportFileError(
      ImportErrorCode.FILE_TOO_LARGE,
      `the workbook decompresses to ${Number.isFinite(declared) ? `${declared} bytes` : 'more than 4 GiB'}, more than the ${limits.maxUncompressedBytes} allowed; send it as CSV`,
    );
}

function parseOnThread(
  file: Buffer | { readonly path: string },
  sheet: string | number | undefined,
  limits: XlsxLimits,
): Promise<XlsxSheet> {
  const input: XlsxThreadInput = {
    ...(Buffer.isBuffer(file) ? { bytes: file } : { path: file.path }),
    sheet,
    maxRows: limits.maxRows,
  };
  const worker = startParseThread('xlsx-thread', input, {
    maxOldGenerationSizeMb: limits.maxHeapMb,
    maxYoungGenerationSizeMb: 32,
  });
  const rows: SheetRow[] = [];
  return new Promise<XlsxSheet>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      outcome();
    };
    worker.on('message', (message: XlsxThreadMessage) => {
      if (message.kind === 'rows') {
        for (const row of message.rows) rows.push(ownDates(row));
      } else if (message.kind === 'done') {
        settle(() => resolve({ sheetName: message.sheetName, rows }));
      } else if (message.kind === 'refused') {
        settle(() => reject(new ImportFileError(message.code as ImportErrorCode, message.message)));
      } else {
        settle(() => reject(new Error(`reading the workbook failed: ${message.message}`)));
      }
    });
    worker.on('error', (error: Error & { code?: string }) => {
      settle(() =>
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new ImportFileError(
                ImportErrorCode.FILE_TOO_LARGE,
                `the workbook needs more than ${limits.maxHeapMb} MiB to read; send it as CSV`,
              )
            : error,
        ),
      );
    });
    worker.on('exit', () =>
      settle(() => reject(new Error('the workbook reader stopped before it finished'))),
    );
  });
}

/**
 * Dates come back from the thread as Dates of the realm that received the message, which under a
 * sandbox (jest's) is not this module's `Date`: rebuilt so `instanceof Date` holds everywhere.
 */
function ownDates(row: SheetRow): SheetRow {
  if (!row.cells.some((cell) => typeof cell === 'object' && cell !== null && !(cell instanceof Date)))
    return row;
  return {
    row: row.row,
    cells: row.cells.map((cell) =>
      typeof cell === 'object' && cell !== null && !(cell instanceof Date)
        ? new Date((cell as { getTime(): number }).getTime())
        : cell,
    ),
  };
}
