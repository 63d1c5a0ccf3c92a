import { open } from 'node:fs/promises';
import type { TextEncoding } from '../formats/encoding';
import { readCsvOffThread } from './csv-off-thread';
import { ImportErrorCode, ImportFileError, type ImportIssue } from './errors';
import type { MappingTemplate } from './template';
import type { FileFormat, ImportInput, SheetRow } from './types';
import { readXlsxOffThread } from './xlsx-off-thread';

/** Rows of a file in batches, whatever its format, and what was learnt while opening it. */
export interface RowSource {
  readonly format: FileFormat;
  /** CSV: filled in once reading has started. */
  encoding: TextEncoding | null;
  /** CSV: the delimiter used (the template's, else sniffed), once reading has started. */
  delimiter: string | null;
  readonly sheetName: string | null;
  readonly batches: AsyncIterable<readonly SheetRow[]> | Iterable<readonly SheetRow[]>;
  /** Problems of the file's structure found while reading (e.g. a quote never closed). */
  readonly problems: ImportIssue[];
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0]; // legacy .xls

export async function openRowSource(input: ImportInput, template: MappingTemplate): Promise<RowSource> {
  const head = await readHead(input);
  if (head.length === 0) throw new ImportFileError(ImportErrorCode.EMPTY_FILE, 'the file is empty');
  if (startsWith(head, OLE_MAGIC)) {
    throw new ImportFileError(
      ImportErrorCode.UNSUPPORTED_FORMAT,
      'legacy .xls workbooks are not read: save the file as .xlsx or CSV',
    );
  }
  if (startsWith(head, ZIP_MAGIC)) {
    const sheet = await readXlsxOffThread(
      'buffer' in input ? input.buffer : { path: input.path },
      template.sheet,
    );
    return {
      format: 'XLSX',
      encoding: null,
      delimiter: null,
      sheetName: sheet.sheetName,
      batches: [sheet.rows],
      problems: [],
    };
  }
  const source: RowSource = {
    format: 'CSV',
    encoding: null,
    delimiter: null,
    sheetName: null,
    // Decoded and parsed off the event loop: a 100 MB upload must not stall the API (#17.5).
    batches: readCsvOffThread(input, {
      encoding: template.encoding,
      delimiter: template.delimiter,
      onEncoding: (encoding) => (source.encoding = encoding),
      onDelimiter: (delimiter) => (source.delimiter = delimiter),
      onProblem: (problem) => {
        source.problems.push({
          code: problem.code,
          row: problem.line,
          column: null,
          message: problem.message,
        });
      },
    }),
    problems: [],
  };
  return source;
}

async function readHead(input: ImportInput): Promise<Uint8Array> {
  if ('buffer' in input) return input.buffer.subarray(0, 8);
  const handle = await open(input.path, 'r');
  try {
    const buffer = Buffer.alloc(8);
    const { bytesRead } = await handle.read(buffer, 0, 8, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((byte, i) => bytes[i] === byte);
}
