import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
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
  stop(): Promise<void>;
}

/** `temporal server start-dev`, with Recon's search attributes registered at launch. */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  mkdirSync(options.dataDir, { recursive: true });
  const port = await choosePort(options.port ?? 7233);
  const uiPort = options.ephemeral ? undefined : await choosePort(port + 1000);
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
  const log = openSync(path.join(options.dataDir, `temporal-dev-server-${port}.log`), 'a');
  const child = spawn(options.cliPath, args, { stdio: ['ignore', log, log] });
  const address = `127.0.0.1:${port}`;
  try {
    await waitUntilServing(address, child, options.startTimeoutMs ?? 60_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    address,
    uiUrl: uiPort ? `http://127.0.0.1:${uiPort}` : undefined,
    stop: () => stopChild(child),
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
