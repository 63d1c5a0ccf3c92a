import { readdirSync } from 'node:fs';
import { knownMigrations, MIGRATIONS_DIR } from '../../db/migration-list';

describe('the migrations this code ships', () => {
  it('have one timestamp each, so their order (and the schema version a backup records) is never a tie', () => {
    const migrations = knownMigrations();
    expect(migrations.length).toBe(
      readdirSync(MIGRATIONS_DIR).filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts')).length,
    );
    const timestamps = migrations.map((m) => m.timestamp);
    expect(new Set(timestamps).size).toBe(timestamps.length);
    expect([...timestamps].sort((a, b) => a - b)).toEqual(timestamps);
  });
});
