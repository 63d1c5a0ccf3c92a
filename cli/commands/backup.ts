import path from 'node:path';
import type { Command } from 'commander';
import { restoreBackup, writeBackup } from '../../backup';
import { loadConfig } from '../../config/config';
import { reconVersion } from '../../config/version';
import { ExitCode } from '../exit-codes';

/**
 * `recon backup --out DIR`: a consistent, compressed snapshot of the database with its manifest.
 * `recon restore DIR --database NAME [--force]`: restores it and verifies it against the manifest.
 */
export function register(program: Command): void {
  program
    .command('backup')
    .description('write a consistent snapshot of the database (while Recon runs) to a new folder')
    .requiredOption('--out <dir>', 'the backup folder to create (must not exist, or be empty)')
    .option('--database <name>', 'the database to back up (default: DATABASE_URL’s)')
    .action(async (options: { out: string; database?: string }) => {
      const db = loadConfig().database;
      const started = Date.now();
      const manifest = await writeBackup({
        db: options.database ? { ...db, database: options.database } : db,
        outDir: options.out,
        reconVersion: reconVersion(),
      });
      const rows = Object.values(manifest.rowCounts).reduce((sum, n) => sum + n, 0);
      const bytes = manifest.files.reduce((sum, file) => sum + file.bytes, 0);
      console.log(
        `backup of ${manifest.database} written to ${path.resolve(options.out)}: ${Object.keys(manifest.rowCounts).length} tables, ` +
          `${rows} rows, ${manifest.balances.length} customer balances, audit head ${manifest.auditChainHead?.lastEventId ?? '-'}, ` +
          `schema ${manifest.schemaVersion}; ${(bytes / 1024).toFixed(0)} KiB compressed in ${Date.now() - started} ms`,
      );
    });
  program
    .command('restore')
    .description('restore a backup into a database and verify it against its manifest')
    .argument('<dir>', 'a folder written by recon backup')
    .requiredOption('--database <name>', 'the database to restore into (on DATABASE_URL’s server)')
    .option('--force', 'replace the database if it has tables')
    .action(async (dir: string, options: { database: string; force?: boolean }) => {
      const report = await restoreBackup({
        db: loadConfig().database,
        dir,
        database: options.database,
        force: options.force,
      });
      console.log(
        `restored ${report.manifest.database} (${report.manifest.createdAt}) into ${options.database}: ` +
          `${report.tables} tables, ${report.rows} rows`,
      );
      console.log(
        `verified: every table's row count, ${report.balances} customer balances to the cent, audit chain head, ` +
          `audit chain intact (${report.auditEventsVerified} events)`,
      );
      if (report.migratedTo)
        console.log(`migrated from ${report.manifest.schemaVersion} to ${report.migratedTo}`);
      process.exitCode = ExitCode.OK;
    });
}
