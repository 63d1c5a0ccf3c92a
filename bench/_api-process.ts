import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { DatabaseConfig } from '../config/config';

/** The audit chain's key of a benchmark's Recon processes (production refuses to start without one). */
export const BENCH_AUDIT_CHAIN_KEY = 'bench-audit-chain-key-'.padEnd(40, 'x');

/** The server's URL with the benchmark's database in it (and the socket, when there is one). */
export function databaseUrl(db: DatabaseConfig): string {
  const url = new URL(db.url);
  url.pathname = `/${db.database}`;
  if (db.socketPath) url.searchParams.set('socket', db.socketPath);
  return url.toString();
}

/** The folder with package.json: two levels up from dist/bench/, one from bench/ (under jest). */
export function projectRoot(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir))
    if (existsSync(path.join(dir, 'package.json'))) return dir;
  throw new Error('package.json not found above ' + __dirname);
}

/**
 * One of package.json's node scripts (`start:api`, `start:worker`) in its own process, started
 * exactly as npm starts it, node flags included. Resolves with the first match of `ready` in its
 * output (group 1), once the process says it is up.
 */
export async function startPackageScript(
  script: string,
  env: Record<string, string>,
  ready: RegExp,
): Promise<{ child: ChildProcess; said: string }> {
  const root = projectRoot();
  const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const command = packageJson.scripts[script];
  const [node, ...args] = command.split(/\s+/);
  if (node !== 'node') throw new Error(`${script} must run node (got ${command})`);
  // BENCH_API_NODE_ARGS / BENCH_WORKER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof",
  // profile the API or the worker (every thread of it: the workflows' and the PDFs' too).
  const extraArgs: Record<string, string | undefined> = {
    'start:api': process.env.BENCH_API_NODE_ARGS,
    'start:worker': process.env.BENCH_WORKER_NODE_ARGS,
  };
  const extra = extraArgs[script]?.split(/\s+/).filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...extra, ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // BENCH_CHILD_OUTPUT_DIR keeps each process's output in DIR/<script>.log (e.g. with --trace-gc).
  const outputDir = process.env.BENCH_CHILD_OUTPUT_DIR;
  if (outputDir) {
    const file = createWriteStream(path.join(outputDir, `${script.replace(/:/g, '-')}.log`));
    child.stdout!.pipe(file);
    child.stderr!.pipe(file);
  }
  let output = '';
  const said = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match) resolve(match[1] ?? match[0]);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) =>
      reject(new Error(`${script} exited (${code}) before it was up:\n${output}`)),
    );
  });
  return { child, said };
}

/**
 * The API in its own process, started exactly as `npm run start:api` starts it (node flags
 * included: a 64 MB young generation, so that the objects of fifty requests in flight die young
 * instead of being promoted and swept by full collections).
 */
export async function startApiProcess(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string }> {
  const { child, said } = await startPackageScript('start:api', env, /Recon API: (\S+)/);
  return { child, url: said };
}

export function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
