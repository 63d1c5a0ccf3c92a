import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, statSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { RECON_SEARCH_ATTRIBUTES } from '../contract/period';
import { TemporalSetupError, TemporalSetupErrorCode } from './temporal-error';

export interface DevServerOptions {
  cliPath: string;
  /** State (SQLite) and log live here; workflows survive a restart. */
  dataDir: string;
  namespace: string;
  /** Preferred gRPC port; a free one is chosen when it is taken. */
  port?: number;
  /** Keep state in memory only (tests). */
  ephemeral?: boolean;
  startTimeoutMs?: number;
}

export interface DevServer {
  readonly address: string;
  readonly uiUrl: string | undefined;
  /** The server's process id (benchmarks read its CPU time from /proc). */
  readonly pid: number | undefined;
  stop(): Promise<void>;
  /** SIGKILL, as a crash would (the fault tests restart it on the same state). */
  kill(): Promise<void>;
}

/** `temporal server start-dev`, with Recon's search attributes registered at launch. */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  mkdirSync(options.dataDir, { recursive: true });
  // A port found free can be taken before the server binds it (another server starting at the
  // same moment): then the server exits at once, and the next attempt takes ports the OS hands out.
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startOnce(options, attempt === 1 ? (options.port ?? 7233) : 0);
    } catch (error) {
      if (!(error instanceof PortTakenError) || attempt === BIND_ATTEMPTS) throw error;
    }
  }
}

const BIND_ATTEMPTS = 3;

class PortTakenError extends TemporalSetupError {}

async function startOnce(options: DevServerOptions, preferredPort: number): Promise<DevServer> {
  const port = await choosePort(preferredPort);
  const uiPort = options.ephemeral ? undefined : await choosePort(preferredPort === 0 ? 0 : port + 1000);
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--namespace',
    options.namespace,
    '--log-level',
    'warn',
    ...RECON_SEARCH_ATTRIBUTES.flatMap((key) => ['--search-attribute', `${key.name}=Keyword`]),
    ...(options.ephemeral ? ['--headless'] : ['--db-filename', path.join(options.dataDir, 'temporal.db')]),
    ...(uiPort ? ['--ui-port', String(uiPort)] : []),
  ];
  const logPath = path.join(options.dataDir, `temporal-dev-server-${port}.log`);
  const logStart = existsSync(logPath) ? statSync(logPath).size : 0;
  const child = spawn(options.cliPath, args, {
    stdio: ['ignore', openSync(logPath, 'a'), openSync(logPath, 'a')],
  });
  const address = `127.0.0.1:${port}`;
  try {
    await waitUntilServing(address, child, options.startTimeoutMs ?? 60_000);
  } catch (error) {
    child.kill('SIGKILL');
    if (/address already in use/.test(readFileSync(logPath).subarray(logStart).toString('utf8'))) {
      throw new PortTakenError(TemporalSetupErrorCode.DEV_SERVER_FAILED, `port ${port} was taken`);
    }
    throw error;
  }
  return {
    address,
    uiUrl: uiPort ? `http://127.0.0.1:${uiPort}` : undefined,
    pid: child.pid,
    stop: () => stopChild(child),
    kill: () => killChild(child),
  };
}

async function waitUntilServing(address: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited: number | null = null;
  child.once('exit', (code) => (exited = code ?? -1));
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (exited !== null) {
      throw new TemporalSetupError(
        TemporalSetupErrorCode.DEV_SERVER_FAILED,
        `temporal server start-dev exited with code ${exited}; see its log in the data folder`,
      );
    }
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await connection.workflowService.getSystemInfo({});
        return;
      } finally {
        await connection.close();
      }
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new TemporalSetupError(
    TemporalSetupErrorCode.DEV_SERVER_FAILED,
    `temporal dev server did not answer at ${address} within ${timeoutMs} ms: ${String(lastError)}`,
  );
}

function killChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** The preferred port when free, else one the OS hands out. */
export async function choosePort(preferred: number): Promise<number> {
  if (preferred > 0 && preferred < 65536 && (await isFree(preferred))) return preferred;
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
