import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { createGunzip } from 'node:zlib';
import { verifyAuditChain } from '../audit/verify-chain';
import type { DatabaseConfig } from '../config/config';
import { createDataSource } from '../db/data-source';
import { ensureDatabase } from '../db/ensure-database';
import { knownMigrations } from '../db/migration-list';
import { prepareDatabase } from '../db/prepare-database';
import { BackupError, BackupErrorCode } from './backup-error';
import { baseTables, compareFacts, quoteName, readFacts, type Query } from './database-facts';
import { MANIFEST_FILE, readManifest, SCHEMA_FILE, type BackupManifest } from './manifest';
import { openRawConnection } from './mysql-connection';
import { tableFile, type BackupSchema, type TableHeader } from './table-format';

export interface RestoreOptions {
  /** The server to restore onto (its `database` is ignored: `database` below is the target). */
  db: DatabaseConfig;
  dir: string;
  database: string;
  /** Replace a database that has tables. */
  force?: boolean;
}

export interface RestoreReport {
  manifest: BackupManifest;
  tables: number;
  rows: number;
  balances: number;
  auditEventsVerified: number;
  /** Migrations run after the restore, when the backup's schema was older than this Recon's. */
  migratedTo: string | null;
}

/** Largest INSERT a restore sends (well under MySQL's and MariaDB's default max_allowed_packet). */
const BATCH_BYTES = 2 * 1024 * 1024;

/**
 * Restores a backup into `database` on the configured server, then proves it: every table's row
 * count, each customer's balance to the cent and the audit-chain head equal the manifest's, and the
 * audit chain verifies. Refuses a backup written by a newer schema, a corrupt one (checksums are
 * checked before anything is written), and a target that has tables unless `force`. A backup from
 * an older schema is migrated forward after it verified.
 */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreReport> {
  if (!/^[A-Za-z0-9_]{1,64}$/.test(options.database))
    throw new BackupError(
      BackupErrorCode.INVALID_INPUT,
      `--database must be letters, digits and _ (got "${options.database}")`,
    );
  const dir = path.resolve(options.dir);
  const manifestPath = path.join(dir, MANIFEST_FILE);
  if (!existsSync(manifestPath))
    throw new BackupError(BackupErrorCode.CORRUPT, `${dir} holds no ${MANIFEST_FILE}: not a Recon backup`);
  const manifest = readManifest(readFileSync(manifestPath, 'utf8'));
  refuseNewerSchema(manifest);
  await checkFiles(dir, manifest);
  const schema = JSON.parse(readFileSync(path.join(dir, SCHEMA_FILE), 'utf8')) as BackupSchema;

  const target: DatabaseConfig = { ...options.db, database: options.database };
  await prepareTarget(target, options.force ?? false);
  const raw = await openRawConnection(target, target.database);
  let rows = 0;
  try {
    await raw.query("SET SESSION time_zone = '+00:00'");
    await raw.query("SET SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO,STRICT_ALL_TABLES'");
    await raw.query('SET SESSION foreign_key_checks = 0');
    await raw.query('SET SESSION unique_checks = 0');
    for (const table of schema.tables) await raw.query(table.createSql);
    for (const table of schema.tables) rows += await loadTable(raw.query, dir, table.header);
    for (const trigger of schema.triggers) await raw.query(trigger.createSql);
    await raw.query('SET SESSION foreign_key_checks = 1');
    const counts: Record<string, number> = {};
    for (const table of await baseTables(raw.query, target.database)) {
      const [row] = await raw.query(`SELECT COUNT(*) AS n FROM ${quoteName(table)}`);
      counts[table] = Number(row.n);
    }
    const problems = compareFacts(manifest, await readFacts(raw.query, counts));
    if (problems.length)
      throw new BackupError(
        BackupErrorCode.VERIFY_FAILED,
        `restored database ${target.database} does not match the backup (left as restored, for inspection):\n  ${problems.join('\n  ')}`,
      );
  } finally {
    await raw.end().catch(() => undefined);
  }
  const auditEventsVerified = await verifyAudit(target);
  const migratedTo = await migrateForward(target, manifest);
  return {
    manifest,
    tables: schema.tables.length,
    rows,
    balances: manifest.balances.length,
    auditEventsVerified,
    migratedTo,
  };
}

function refuseNewerSchema(manifest: BackupManifest): void {
  const known = knownMigrations();
  const names = new Set(known.map((m) => m.name));
  const unknown = manifest.migrations.filter((name) => !names.has(name));
  if (unknown.length)
    throw new BackupError(
      BackupErrorCode.NEWER_SCHEMA,
      `the backup's schema (${manifest.schemaVersion}) is newer than this Recon's (${known.at(-1)?.name ?? 'none'}): ` +
        `it has migrations this Recon does not know (${unknown.join(', ')}). Restore it with the Recon version that wrote it (${manifest.reconVersion}) or a newer one.`,
    );
}

/** Every file is there and its SHA-256 is the manifest's, before anything is written. */
async function checkFiles(dir: string, manifest: BackupManifest): Promise<void> {
  for (const file of manifest.files) {
    const full = path.join(dir, file.path);
    if (!existsSync(full))
      throw new BackupError(BackupErrorCode.CORRUPT, `backup is unusable: ${file.path} is missing`);
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(full)) hash.update(chunk as Buffer);
    if (hash.digest('hex') !== file.sha256)
      throw new BackupError(
        BackupErrorCode.CORRUPT,
        `backup is unusable: ${file.path} does not match its checksum`,
      );
  }
}

/** Creates the target database, or refuses one with tables unless forced (then it is dropped first). */
async function prepareTarget(target: DatabaseConfig, force: boolean): Promise<void> {
  const server = await openRawConnection(target);
  try {
    const [row] = await server.query(
      `SELECT COUNT(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?`,
      [target.database],
    );
    const tables = Number(row.n);
    if (tables > 0 && !force)
      throw new BackupError(
        BackupErrorCode.TARGET_NOT_EMPTY,
        `database ${target.database} is not empty (${tables} tables): restore into a new name, or give --force to replace it`,
      );
    if (tables > 0) await server.query(`DROP DATABASE ${quoteName(target.database)}`);
    await server.query(
      `CREATE DATABASE IF NOT EXISTS ${quoteName(target.database)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } finally {
    await server.end();
  }
}

/** Reads one table file and inserts its rows in multi-row INSERTs of bound values. */
async function loadTable(query: Query, dir: string, expected: TableHeader): Promise<number> {
  const lines = readline.createInterface({
    input: createReadStream(path.join(dir, tableFile(expected.table))).pipe(createGunzip()),
    crlfDelay: Infinity,
  });
  let header: TableHeader | undefined;
  let batch: unknown[][] = [];
  let bytes = 0;
  let count = 0;
  const flush = async () => {
    if (!batch.length || !header) return;
    const tuple = `(${header.columns.map(() => '?').join(', ')})`;
    await query(
      `INSERT INTO ${quoteName(header.table)} (${header.columns.map(quoteName).join(', ')}) VALUES ${batch.map(() => tuple).join(', ')}`,
      batch.flat(),
    );
    batch = [];
    bytes = 0;
  };
  for await (const line of lines) {
    if (!line) continue;
    if (!header) {
      header = JSON.parse(line) as TableHeader;
      if (header.table !== expected.table)
        throw new BackupError(
          BackupErrorCode.CORRUPT,
          `backup is unusable: ${tableFile(expected.table)} holds ${header.table}`,
        );
      continue;
    }
    const binary = new Set(header.binary);
    const values = (JSON.parse(line) as Array<string | null>).map((value, i) =>
      value !== null && binary.has(i) ? Buffer.from(value, 'base64') : value,
    );
    batch.push(values);
    bytes += line.length;
    count += 1;
    if (bytes > BATCH_BYTES || batch.length >= 2000) await flush();
  }
  await flush();
  return count;
}

async function verifyAudit(target: DatabaseConfig): Promise<number> {
  const flavor = await ensureDatabase(target);
  const dataSource = createDataSource(target, { flavor, poolSize: 2 });
  await dataSource.initialize();
  try {
    const verdict = await verifyAuditChain(dataSource);
    if (!verdict.ok)
      throw new BackupError(
        BackupErrorCode.VERIFY_FAILED,
        `restored audit chain broken at event ${verdict.firstBrokenEventId}: ${verdict.reason}`,
      );
    return verdict.eventsChecked;
  } finally {
    await dataSource.destroy();
  }
}

/** After it verified as it was: bring an older backup's schema up to this Recon's. */
async function migrateForward(target: DatabaseConfig, manifest: BackupManifest): Promise<string | null> {
  const newest = knownMigrations().at(-1)?.name ?? null;
  if (!newest || newest === manifest.schemaVersion) return null;
  const dataSource = await prepareDatabase(target, { poolSize: 2 });
  await dataSource.destroy();
  return newest;
}
