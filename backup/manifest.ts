import { createHash } from 'node:crypto';
import { canonicalJson } from '../audit/canonical-json';
import { BackupError, BackupErrorCode } from './backup-error';

export const MANIFEST_FILE = 'manifest.json';
export const SCHEMA_FILE = 'schema.json';
export const BACKUP_FORMAT = 'recon-backup/1';

/** Facts about the database that a restore must reproduce exactly (all read in one snapshot). */
export interface DatabaseFacts {
  /** Rows per table, by table name. */
  rowCounts: Record<string, number>;
  /** The audit chain's head: the newest event and its hash. */
  auditChainHead: { lastEventId: string | null; lastHash: string } | null;
  /** Each customer's ledger balance per currency, as SQL's exact DECIMAL text. */
  balances: Array<{ customerCode: string; currency: string; balance: string }>;
  /** The newest migration applied (the schema version), and every one applied. */
  schemaVersion: string | null;
  migrations: string[];
}

export interface BackupFile {
  /** Relative to the backup folder. */
  path: string;
  sha256: string;
  bytes: number;
  /** For table files: the rows it holds. */
  rows?: number;
}

export interface BackupManifest extends DatabaseFacts {
  format: typeof BACKUP_FORMAT;
  /** ISO-8601, when the snapshot was taken. */
  createdAt: string;
  database: string;
  server: string;
  reconVersion: string;
  files: BackupFile[];
  /** SHA-256 of the manifest's canonical JSON without this field. */
  checksum: string;
}

export const manifestChecksum = (manifest: Omit<BackupManifest, 'checksum'>): string =>
  createHash('sha256')
    .update(canonicalJson({ ...manifest, checksum: undefined }))
    .digest('hex');

export function sealManifest(manifest: Omit<BackupManifest, 'checksum'>): BackupManifest {
  return { ...manifest, checksum: manifestChecksum(manifest) };
}

/** Parses and checks a manifest's shape and checksum; anything off is CORRUPT, named. */
export function readManifest(text: string): BackupManifest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw corrupt(`${MANIFEST_FILE} is not JSON`);
  }
  const manifest = parsed as BackupManifest;
  if (typeof manifest !== 'object' || manifest === null || manifest.format !== BACKUP_FORMAT)
    throw corrupt(`${MANIFEST_FILE} is not a ${BACKUP_FORMAT} manifest`);
  if (
    !Array.isArray(manifest.files) ||
    typeof manifest.rowCounts !== 'object' ||
    !Array.isArray(manifest.balances) ||
    !Array.isArray(manifest.migrations)
  )
    throw corrupt(`${MANIFEST_FILE} lacks files, row counts, balances or migrations`);
  const { checksum, ...rest } = manifest;
  if (checksum !== manifestChecksum(rest)) throw corrupt(`${MANIFEST_FILE} does not match its checksum`);
  for (const file of manifest.files) {
    if (typeof file.path !== 'string' || !/^[A-Za-z0-9_./-]+$/.test(file.path) || file.path.includes('..'))
      throw corrupt(`${MANIFEST_FILE} names a file outside the backup: ${String(file.path)}`);
  }
  return manifest;
}

const corrupt = (message: string) =>
  new BackupError(BackupErrorCode.CORRUPT, `backup is unusable: ${message}`);
