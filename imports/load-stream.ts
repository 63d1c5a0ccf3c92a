import { Readable } from 'node:stream';
import type { Connection, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import type { ImportMode } from './import-result';
import type { StatementReader } from './statement-reader';
import type { StatementLineInput } from './types';

/** One packet per 256 Ki characters: few packets, yet short-lived strings (and far below the 16 MiB packet limit). */
const LOAD_CHUNK_CHARS = 1 << 18;
/** ER_DUP_ENTRY: the one warning LOAD DATA … IGNORE is expected to give (an entry already loaded). */
const DUPLICATE_KEY_WARNING = 1062;

/**
 * Streams accepted lines into a LOAD DATA LOCAL INFILE statement while the file is still being read,
 * so parsing and the server's insert run side by side. In ALL_OR_NOTHING mode the first bad row stops
 * the sending (the caller rolls back) but reading goes on, to report every problem. Any warning but
 * an ignored duplicate is an error: a value the server changed is a value we did not mean to store.
 */
export async function streamIntoTable(
  conn: Connection,
  reader: StatementReader,
  sql: string,
  mode: ImportMode,
  toRow: (line: StatementLineInput) => string,
): Promise<ResultSetHeader> {
  async function* chunks(): AsyncGenerator<Buffer> {
    let sending = true;
    let text = '';
    for await (const batch of reader.batches()) {
      if (mode === 'ALL_OR_NOTHING' && batch.rejected.length > 0) sending = false;
      if (!sending) continue;
      for (const line of batch.lines) {
        text += toRow(line);
        if (text.length >= LOAD_CHUNK_CHARS) {
          yield Buffer.from(text);
          text = '';
        }
      }
    }
    if (sending && text) yield Buffer.from(text);
  }
  const stream = Readable.from(chunks(), { objectMode: false });
  const [result] = await conn.query<ResultSetHeader>({ sql, infileStreamFactory: () => stream });
  if (result.warningStatus > 0) {
    const [warnings] = await conn.query<RowDataPacket[]>('SHOW WARNINGS LIMIT 100');
    const unexpected = warnings.filter((w) => Number(w.Code) !== DUPLICATE_KEY_WARNING);
    if (unexpected.length > 0) {
      throw new Error(
        `bulk load warnings: ${unexpected
          .slice(0, 5)
          .map((w) => String(w.Message))
          .join('; ')}`,
      );
    }
  }
  return result;
}
