import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

/** A Recon process (the production entry points in dist/main), started and killed as an operator's would be. */
export interface ReconChild {
  readonly child: ChildProcess;
  /** Everything it printed. */
  output(): string;
  /** SIGKILL: no shutdown hook runs, as in a crash or an OOM kill. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

const READY: Record<'worker' | 'api', RegExp> = {
  worker: /Recon worker polling/,
  api: /Recon API: http/,
};

/** `node dist/main/<entry>.js` with the given environment; resolves once it says it is ready. */
export function startRecon(entry: 'worker' | 'api', env: Record<string, string>): Promise<ReconChild> {
  const file = path.join(ROOT, 'dist', 'main', `${entry}.js`);
  if (!existsSync(file)) throw new Error(`${file} is missing: npm run build (scripts/test.sh does)`);
  const child = spawn(process.execPath, [file], {
    env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const handle: ReconChild = {
    child,
    output: () => output,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${entry} did not start within 90 s:\n${output}`)),
      90_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (READY[entry].test(output)) {
        clearTimeout(timer);
        resolve(handle);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited (${signal ?? code}) before it was ready:\n${output}`));
    });
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 60_000,
  intervalMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

/**
 * A MariaDB server of the test's own (its own data folder and port), so that restarting it does not
 * disturb the tests that share the machine's server. No grant tables: root without a password.
 */
export class PrivateMariaDb {
  private child: ChildProcess | undefined;
  readonly url: string;

  constructor(
    private readonly dir: string,
    readonly port: number,
    database: string,
  ) {
    this.url = `mysql://root@127.0.0.1:${port}/${database}`;
  }

  static available(): boolean {
    return existsSync('/usr/sbin/mariadbd') && spawnSync('which', ['mariadb-install-db']).status === 0;
  }

  async start(): Promise<void> {
    if (!existsSync(path.join(this.dir, 'mysql'))) {
      mkdirSync(this.dir, { recursive: true });
      const installed = spawnSync(
        'mariadb-install-db',
        [
          '--no-defaults',
          `--datadir=${this.dir}`,
          '--user=root',
          '--skip-test-db',
          '--auth-root-authentication-method=normal',
        ],
        { encoding: 'utf8' },
      );
      if (installed.status !== 0) throw new Error(`mariadb-install-db failed: ${installed.stderr}`);
    }
    this.child = spawn(
      '/usr/sbin/mariadbd',
      [
        '--no-defaults',
        `--datadir=${this.dir}`,
        `--port=${this.port}`,
        '--bind-address=127.0.0.1',
        `--socket=${path.join(this.dir, 'mysqld.sock')}`,
        `--pid-file=${path.join(this.dir, 'mysqld.pid')}`,
        `--log-error=${path.join(this.dir, 'error.log')}`,
        '--user=root',
        '--skip-grant-tables',
        '--local-infile=1',
        '--innodb-buffer-pool-size=64M',
        '--character-set-server=utf8mb4',
        '--collation-server=utf8mb4_unicode_ci',
      ],
      { stdio: 'ignore' },
    );
    await waitFor(
      `MariaDB on port ${this.port}`,
      () =>
        new Promise<boolean>((resolve) => {
          const socket = net.connect(this.port, '127.0.0.1', () => {
            socket.destroy();
            resolve(true);
          });
          socket.once('error', () => resolve(false));
        }),
      60_000,
    );
  }

  /** SIGKILL: the server dies mid-transaction; InnoDB recovers at the next start. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
}
