import { createHash, randomBytes } from 'node:crypto';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  rmdirSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { DatabaseConfig } from '../config/config';
import { describeServer } from '../db/server-address';
import { BackupError, BackupErrorCode } from './backup-error';
import { baseTables, quoteName, readFacts, type Query } from './database-facts';
import {
  BACKUP_FORMAT,
  MANIFEST_FILE,
  SCHEMA_FILE,
  sealManifest,
  type BackupFile,
  type BackupManifest,
} from './manifest';
import { openRawConnection } from './mysql-connection';
import { isBinaryType, tableFile, type BackupSchema, type TableHeader } from './table-format';

export interface BackupOptions {
  db: DatabaseConfig;
  /** The backup's own folder: created; refused when it exists and is not empty. */
  outDir: string;
  reconVersion?: string;
}

/**
 * A consistent snapshot of Recon's database while it runs: one REPEATABLE READ transaction
 * started WITH CONSISTENT SNAPSHOT reads every table, the DDL and the facts of the manifest (row
 * counts, balances, audit-chain head, schema version), so all of them describe one instant. InnoDB
 * serves it from its undo log: no table lock, the API keeps writing. Each table is written as
 * gzip-compressed JSON lines; the manifest lists every file with its SHA-256 and is itself
 * checksummed. The folder appears only when complete (written beside it, then renamed).
 */
export async function writeBackup(options: BackupOptions): Promise<BackupManifest> {
  const outDir = path.resolve(options.outDir);
  if (existsSync(outDir) && readdirSync(outDir).length > 0)
    throw new BackupError(
      BackupErrorCode.OUTPUT_EXISTS,
      `${outDir} exists and is not empty: choose a new folder`,
    );
  const work = `${outDir}.partial-${randomBytes(4).toString('hex')}`;
  mkdirSync(path.join(work, 'tables'), { recursive: true });
  const raw = await openRawConnection(options.db, options.db.database);
  try {
    await raw.query("SET SESSION time_zone = '+00:00'");
    await raw.query('SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    await raw.query('START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY');
    const createdAt = new Date().toISOString();
    const tables = await baseTables(raw.query, options.db.database);
    const schema = await readSchema(raw.query, options.db.database, tables);
    const files: BackupFile[] = [];
    const rowCounts: Record<string, number> = {};
    for (const table of schema.tables) {
      const file = await dumpTable(raw.connection, table.header, work);
      files.push(file);
      rowCounts[table.header.table] = file.rows ?? 0;
    }
    const facts = await readFacts(raw.query, rowCounts);
    await raw.query('COMMIT');
    files.unshift(writeJson(work, SCHEMA_FILE, schema));
    const manifest = sealManifest({
      format: BACKUP_FORMAT,
      createdAt,
      database: options.db.database,
      server: describeServer(options.db),
      reconVersion: options.reconVersion ?? 'unknown',
      ...facts,
      files,
    });
    writeFileSync(path.join(work, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n');
    if (existsSync(outDir)) rmdirSync(outDir);
    mkdirSync(path.dirname(outDir), { recursive: true });
    renameSync(work, outDir);
    return manifest;
  } catch (error) {
    rmSync(work, { recursive: true, force: true });
    throw error;
  } finally {
    await raw.end().catch(() => undefined);
  }
}

/** Every table's CREATE statement and columns, and the triggers (without their DEFINER: restorable anywhere). */
async function readSchema(query: Query, database: string, tables: string[]): Promise<BackupSchema> {
  const columns = await query(
    `SELECT TABLE_NAME AS t, COLUMN_NAME AS c, DATA_TYPE AS type, EXTRA AS extra FROM information_schema.COLUMNS
      WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, ORDINAL_POSITION`,
    [database],
  );
  const result: BackupSchema = { tables: [], triggers: [] };
  for (const table of tables) {
    const [create] = await query(`SHOW CREATE TABLE ${quoteName(table)}`);
    const own = columns
      .filter((column) => column.t === table)
      // Generated columns are computed again on restore, never written.
      .filter((column) => !/GENERATED|VIRTUAL|STORED|PERSISTENT/i.test(String(column.extra ?? '')));
    result.tables.push({
      createSql: String(create['Create Table']),
      header: {
        table,
        columns: own.map((column) => String(column.c)),
        binary: own.map((column, i) => (isBinaryType(String(column.type)) ? i : -1)).filter((i) => i >= 0),
      },
    });
  }
  const triggers = await query(
    `SELECT TRIGGER_NAME AS name, EVENT_OBJECT_TABLE AS t FROM information_schema.TRIGGERS
      WHERE TRIGGER_SCHEMA = ? ORDER BY TRIGGER_NAME`,
    [database],
  );
  for (const trigger of triggers) {
    const [create] = await query(`SHOW CREATE TRIGGER ${quoteName(String(trigger.name))}`);
    result.triggers.push({
      name: String(trigger.name),
      table: String(trigger.t),
      createSql: String(create['SQL Original Statement']).replace(/\s+DEFINER\s*=\s*`[^`]*`@`[^`]*`/i, ''),
    });
  }
  return result;
}

/** Streams one table into tables/<name>.jsonl.gz: a header line, then one JSON array per row. */
async function dumpTable(
  connection: import('mysql2').Connection,
  header: TableHeader,
  work: string,
): Promise<BackupFile> {
  const relative = tableFile(header.table);
  const binary = new Set(header.binary);
  const select = header.columns.length ? header.columns.map(quoteName).join(', ') : '1';
  const rows = connection
    .query({
      sql: `SELECT ${select} FROM ${quoteName(header.table)}`,
      rowsAsArray: true,
      // Every value as the server's own bytes: nothing passes through a JS number or Date.
      typeCast: (field) => field.buffer(),
    })
    .stream({ highWaterMark: 256 });
  let count = 0;
  async function* lines(): AsyncGenerator<string> {
    yield JSON.stringify(header) + '\n';
    let chunk = '';
    for await (const row of rows as AsyncIterable<Array<Buffer | null>>) {
      count += 1;
      chunk +=
        JSON.stringify(
          row.map((value, i) =>
            value === null ? null : binary.has(i) ? value.toString('base64') : value.toString('utf8'),
          ),
        ) + '\n';
      if (chunk.length > 64 * 1024) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }
  const hash = createHash('sha256');
  let bytes = 0;
  const measure = new Transform({
    transform(data: Buffer, _encoding, done) {
      hash.update(data);
      bytes += data.length;
      done(null, data);
    },
  });
  await pipeline(
    Readable.from(lines()),
    createGzip({ level: 6 }),
    measure,
    createWriteStream(path.join(work, relative)),
  );
  return { path: relative, sha256: hash.digest('hex'), bytes, rows: count };
}

function writeJson(work: string, relative: string, value: unknown): BackupFile {
  const body = Buffer.from(JSON.stringify(value, null, 2) + '\n');
  writeFileSync(path.join(work, relative), body);
  return { path: relative, sha256: createHash('sha256').update(body).digest('hex'), bytes: body.length };
}
