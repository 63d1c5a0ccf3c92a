import { Command } from 'commander';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from './database';

/** How a `recon` command joins the program (each cli/commands module's `register`). */
type Register = (program: Command) => void;

/**
 * Runs `recon <args>` in this process with `commands` registered, as the binary would parse them;
 * resolves to what it printed (console.log), rejects with what it threw (commander's exits included).
 */
export async function runRecon(commands: readonly Register[], args: readonly string[]): Promise<string> {
  const program = new Command('recon').exitOverride();
  for (const register of commands) register(program);
  const out: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => {
    out.push(parts.join(' '));
  });
  try {
    await program.parseAsync(['node', 'recon', ...args]);
    return out.join('\n');
  } finally {
    log.mockRestore();
  }
}

/**
 * For a test file of `recon` commands against the database: before its own set-up, a throw-away
 * database that the commands connect to (DATABASE_URL names it until the file ends, then is put
 * back) and a scratch folder for what they write; both removed after the file.
 */
export function useCliDatabase(label: string): { readonly db: TestDatabase; readonly dir: string } {
  let db: TestDatabase | undefined;
  let dir: string | undefined;
  const savedUrl = process.env.DATABASE_URL;
  beforeAll(async () => {
    db = await createTestDatabase(label);
    process.env.DATABASE_URL = db.config.url;
    dir = mkdtempSync(path.join(os.tmpdir(), `recon-${label}-`));
  });
  afterAll(async () => {
    process.env.DATABASE_URL = savedUrl;
    if (dir) rmSync(dir, { recursive: true, force: true });
    await db?.drop();
  });
  return {
    get db() {
      if (!db) throw new Error('useCliDatabase: the database is made in beforeAll');
      return db;
    },
    get dir() {
      if (!dir) throw new Error('useCliDatabase: the folder is made in beforeAll');
      return dir;
    },
  };
}
