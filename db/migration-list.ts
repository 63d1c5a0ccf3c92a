import { readdirSync } from 'node:fs';
import path from 'node:path';

/** One migration this code ships, as TypeORM records it in `schema_migrations`. */
export interface KnownMigration {
  timestamp: number;
  /** The class name, e.g. "InitialSchema1795477300183" (what `schema_migrations.name` holds). */
  name: string;
}

export const MIGRATIONS_DIR = path.join(__dirname, 'migrations');

const FILE = /^(\d+)-([A-Za-z0-9]+)\.(?:js|ts)$/;

/**
 * The migrations this build of Recon knows, oldest first, read from the file names
 * (`<timestamp>-<Name>.ts`, the class being `<Name><timestamp>`). The newest is the schema version
 * this code writes; a backup or a database past it comes from a newer Recon.
 */
export function knownMigrations(dir = MIGRATIONS_DIR): KnownMigration[] {
  const seen = new Map<string, KnownMigration>();
  for (const file of readdirSync(dir)) {
    const match = FILE.exec(file);
    if (!match) continue;
    const timestamp = Number(match[1]);
    const name = `${match[2]}${match[1]}`;
    seen.set(name, { timestamp, name });
  }
  return [...seen.values()].sort((a, b) => a.timestamp - b.timestamp);
}
