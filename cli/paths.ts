import { statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from './exit-codes';

/**
 * A path the user typed, as they meant it. Under `npm run recon -- …` npm runs the command from the
 * package's folder; INIT_CWD is the folder the user was in, so relative paths resolve against it.
 */
export function userPath(file: string, env: NodeJS.ProcessEnv = process.env): string {
  if (path.isAbsolute(file)) return file;
  const base = env.npm_lifecycle_event && env.INIT_CWD ? env.INIT_CWD : process.cwd();
  return path.resolve(base, file);
}

/**
 * Under `npm run recon -- …` every command (match, generate, report, backup, …) works from the
 * folder the user was in, so a relative path means what they typed wherever it is read.
 */
export function enterUserFolder(env: NodeJS.ProcessEnv = process.env): void {
  if (env.npm_lifecycle_event && env.INIT_CWD && path.resolve(env.INIT_CWD) !== process.cwd())
    process.chdir(env.INIT_CWD);
}

/** A file the user named, as their path; one that is not there (or is a folder) is a usage error, not a stack. */
export function existingFile(file: string, env: NodeJS.ProcessEnv = process.env): string {
  const resolved = userPath(file, env);
  let stat;
  try {
    stat = statSync(resolved);
  } catch {
    throw new UsageError(
      `cannot read ${resolved}: no such file (relative paths are from the folder you are in)`,
    );
  }
  if (!stat.isFile()) throw new UsageError(`cannot read ${resolved}: it is a folder, not a file`);
  return resolved;
}
