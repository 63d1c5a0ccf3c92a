import { Readable } from 'node:stream';
import type { Connection, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import type { StatementReader } from './statement-reader';
import type { ImportMode, StatementLineInput } from './types';

/** How lines reach the table: LOAD DATA LOCAL INFILE, or batched multi-row INSERTs where it is disabled. */
export type BulkMethod = 'LOAD_DATA' | 'INSERT';

/** One table's two ways in. */
export interface BulkTarget {
  readonly loadDataSql: string;
  readonly tsvRow: (line: StatementLineInput) => string;
  /** `INSERT … VALUES ?`, filled with `values` rows. */
  readonly insertSql: string;
  readonly values: (line: StatementLineInput) => (string | number | null)[];
}

/** One packet per 256 Ki characters: few packets, yet short-lived strings (and far below the 16 MiB packet limit). */
const LOAD_CHUNK_CHARS = 1 << 18;
/** Rows per INSERT: about 200 KB of SQL, well under max_allowed_packet. */
const INSERT_BATCH_ROWS = 2000;
/** ER_DUP_ENTRY: the one warning an IGNORE load is expected to give (an entry already loaded). */
const DUPLICATE_KEY_WARNING = 1062;
/** The server (or this client) does not allow LOAD DATA LOCAL: 1148 (MySQL 5), 3948 (MySQL 8), 4166 (MariaDB 10.6+). */
const LOCAL_INFILE_REFUSED = new Set([1148, 3948, 4166]);

export interface BulkResult {
  readonly affectedRows: number;
  readonly method: BulkMethod;
}

/**
 * Streams accepted lines into the table while the file is still being read, so parsing and the
 * server's insert run side by side. LOAD DATA LOCAL INFILE first (fastest); a server that refuses it
 * (MySQL 8 ships with local_infile=OFF) gets batched multi-row INSERTs in the same transaction. In
 * ALL_OR_NOTHING mode the first bad row stops the sending (the caller rolls back) but reading goes on,
 * to report every problem. Any warning but an ignored duplicate is an error: a value the server
 * changed is a value we did not mean to store.
 */
export async function streamIntoTable(
  conn: Connection,
  reader: StatementReader,
  target: BulkTarget,
  mode: ImportMode,
  method: BulkMethod | 'AUTO' = 'AUTO',
): Promise<BulkResult> {
  let result: BulkResult;
  if (method === 'INSERT') {
    result = await insertBatches(conn, reader, target, mode);
  } else {
    let started = false;
    let data: Readable | undefined;
    try {
      const [header] = await conn.query<ResultSetHeader>({
        sql: target.loadDataSql,
        // Made only when the server asks for the data: a refusal leaves the reader untouched.
        infileStreamFactory: () => {
          started = true;
          return (data = Readable.from(tsvChunks(reader, target, mode), { objectMode: false }));
        },
      });
      await checkWarnings(conn, header);
      result = { affectedRows: header.affectedRows, method: 'LOAD_DATA' };
    } catch (error) {
      // The connection died mid-load (the server restarted): mysql2 leaves the file's stream paused
      // where it stopped. Ending it ends the reader, which gives back its parse thread and slot at
      // once instead of after the thread's idle timeout (two such imports held every later import
      // of the process for two minutes: test/faults/database-restart.test.ts).
      data?.destroy();
      if (method === 'LOAD_DATA' || started || !LOCAL_INFILE_REFUSED.has(errorNumber(error))) throw error;
      result = await insertBatches(conn, reader, target, mode);
    }
  }
  return result;
}

async function* acceptedLines(
  reader: StatementReader,
  mode: ImportMode,
): AsyncGenerator<StatementLineInput[]> {
  let sending = true;
  for await (const batch of reader.batches()) {
    if (mode === 'ALL_OR_NOTHING' && batch.rejected.length > 0) sending = false;
    if (sending && batch.lines.length > 0) yield batch.lines;
  }
}

async function* tsvChunks(
  reader: StatementReader,
  target: BulkTarget,
  mode: ImportMode,
): AsyncGenerator<Buffer> {
  let text = '';
  for await (const lines of acceptedLines(reader, mode)) {
    for (const line of lines) {
      text += target.tsvRow(line);
      if (text.length >= LOAD_CHUNK_CHARS) {
        yield Buffer.from(text);
        text = '';
      }
    }
  }
  if (text) yield Buffer.from(text);
}

/** One INSERT in flight while the next batch is being parsed, so the two overlap as LOAD DATA does. */
async function insertBatches(
  conn: Connection,
  reader: StatementReader,
  target: BulkTarget,
  mode: ImportMode,
): Promise<BulkResult> {
  let affectedRows = 0;
  let inFlight: Promise<void> = Promise.resolve();
  let rows: (string | number | null)[][] = [];
  const send = async (batch: (string | number | null)[][]): Promise<void> => {
    const [header] = await conn.query<ResultSetHeader>(target.insertSql, [batch]);
    await checkWarnings(conn, header);
    affectedRows += header.affectedRows;
  };
  const flush = async (): Promise<void> => {
    await inFlight;
    if (rows.length > 0) {
      inFlight = send(rows);
      // Handled here so a failure while the next batch is parsed is not an unhandled rejection;
      // awaiting inFlight still throws it.
      inFlight.catch(() => undefined);
    }
    rows = [];
  };
  try {
    for await (const lines of acceptedLines(reader, mode)) {
      for (const line of lines) {
        rows.push(target.values(line));
        if (rows.length >= INSERT_BATCH_ROWS) await flush();
      }
    }
    await flush();
  } finally {
    // Settle the last INSERT before anyone rolls back or commits on this connection.
    await inFlight.catch(() => undefined);
  }
  await inFlight;
  return { affectedRows, method: 'INSERT' };
}

async function checkWarnings(conn: Connection, header: ResultSetHeader): Promise<void> {
  if (header.warningStatus === 0) return;
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

function errorNumber(error: unknown): number {
  return typeof error === 'object' && error !== null ? Number((error as { errno?: unknown }).errno) : 0;
}
