import path from 'node:path';

/**
 * A path the user typed, as they meant it. Under `npm run recon -- …` npm runs the command from the
 * package's folder; INIT_CWD is the folder the user was in, so relative paths resolve against it.
 */
export function userPath(file: string, env: NodeJS.ProcessEnv = process.env): string {
  if (path.isAbsolute(file)) return file;
  const base = env.npm_lifecycle_event && env.INIT_CWD ? env.INIT_CWD : process.cwd();
  return path.resolve(base, file);
}
