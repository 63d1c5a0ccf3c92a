import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { parse } from 'yaml';
import { ConfigError } from '../../config/config-error';
import { loadConfig } from '../../config/config';
import { DatabaseAccessDeniedError, ensureDatabase } from '../../db/ensure-database';
import { findTemporalBinary } from '../../temporal/find-cli';
import { ensureNamespace } from '../../temporal/ensure-namespace';
import { registerSearchAttributes } from '../../temporal/register-search-attributes';
import { TemporalSetupErrorCode } from '../../temporal/temporal-error';
import { startTestTemporal } from '../support/temporal';

/** #20 "Deployment that starts": each point proved without Docker, on the files or by running their scripts. */
const ROOT = path.resolve(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const compose = parse(read('docker-compose.yml'), { merge: true }) as {
  services: Record<string, { command?: string[]; ports?: string[]; environment?: Record<string, string> }>;
};

/** A compose `sh -c` script as the container's shell would get it ($$ is compose's escape for $). */
const script = (service: string) =>
  (compose.services[service].command ?? []).join('\n').replace(/\$\$/g, '$');

describe('deployment files', () => {
  it('sets log_bin_trust_function_creators on the MySQL command line, not in the init script', () => {
    expect(compose.services.mysql.command).toContain('--log-bin-trust-function-creators=1');
    const statements = read('docker/mysql-init.sql')
      .split('\n')
      .filter((line) => !line.trim().startsWith('--'))
      .join('\n');
    expect(statements).not.toMatch(/log_bin_trust_function_creators/i);
  });

  it("publishes MySQL on loopback and on a port that does not clash with a local server's 3306", () => {
    const ports = compose.services.mysql.ports ?? [];
    expect(ports).toHaveLength(1);
    const match = /^127\.0\.0\.1:\$\{MYSQL_HOST_PORT:-(\d+)\}:3306$/.exec(ports[0]);
    expect(match).not.toBeNull();
    expect(Number(match![1])).not.toBe(3306);
    expect(read('.env.example')).toMatch(/^MYSQL_HOST_PORT=\d+$/m);
  });

  it('creates /data owned by node in the image, before switching to node', () => {
    const lines = read('Dockerfile').split('\n');
    const stages = lines.flatMap((line, i) => (line.startsWith('FROM ') ? [i] : []));
    const runtime = lines.slice(stages[stages.length - 1]);
    const chown = runtime.findIndex((l) => /^RUN .*mkdir -p \/data.*chown node:node \/data/.test(l));
    const user = runtime.findIndex((l) => /^USER node\b/.test(l));
    expect(chown).toBeGreaterThan(-1);
    expect(chown).toBeLessThan(user);
    expect(compose.services.worker.environment?.RECON_DATA_DIR).toBe('/data');
  });

  it('ships the data files the code reads at run time in the image', () => {
    expect(read('Dockerfile')).toContain(
      'COPY --from=build /app/auth/breached-passwords.txt ./auth/breached-passwords.txt',
    );
  });

  it('keeps .env (secrets) out of the build context, but not .env.example', () => {
    const rules = read('.dockerignore')
      .split('\n')
      .map((l) => l.trim());
    expect(rules).toEqual(expect.arrayContaining(['.env', '.env.*', '!.env.example']));
  });
});

describe('starting against a real Temporal server', () => {
  let env: TestWorkflowEnvironment;
  const cli = findTemporalBinary('temporal', process.env.TEMPORAL_CLI_PATH);

  beforeAll(async () => {
    env = await startTestTemporal();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it('Recon creates its namespace when it is missing, then its search attributes', async () => {
    const namespace = `recon-created-${process.pid}`;
    const address = env.connection.options.address;
    await expect(ensureNamespace(env.connection, namespace, address)).resolves.toBe(true);
    await expect(ensureNamespace(env.connection, namespace, address)).resolves.toBe(false);
    await registerSearchAttributes(env.connection, namespace, 20);
    const listed = await env.connection.operatorService.listSearchAttributes({ namespace });
    expect(Object.keys(listed.customAttributes)).toEqual(
      expect.arrayContaining(['ReconStatus', 'ReconCustomer', 'ReconPeriod']),
    );
  });

  it('says how to create the namespace when the server will not let Recon', async () => {
    const refusing = {
      workflowService: {
        describeNamespace: () => Promise.reject(Object.assign(new Error('namespace not found'), { code: 5 })),
        registerNamespace: () => Promise.reject(Object.assign(new Error('permission denied'), { code: 7 })),
      },
    } as unknown as Parameters<typeof ensureNamespace>[0];
    await expect(ensureNamespace(refusing, 'finance', 'temporal:7233')).rejects.toMatchObject({
      code: TemporalSetupErrorCode.NAMESPACE_MISSING,
      message: expect.stringContaining('temporal operator namespace create --namespace finance'),
    });
  });

  (cli ? it : it.skip)(
    "compose's init step creates the namespace and search attributes with the real CLI",
    () => {
      const namespace = `recon-compose-${process.pid}`;
      const run = spawnSync('sh', ['-c', script('temporal-namespace')], {
        env: {
          PATH: `${path.dirname(cli!)}:${process.env.PATH}`,
          TEMPORAL_ADDRESS: env.connection.options.address,
          RECON_NAMESPACE: namespace,
          ATTEMPTS: '5',
        },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(run.status).toBe(0);
      const listed = spawnSync(
        cli!,
        [
          'operator',
          'search-attribute',
          'list',
          '--namespace',
          namespace,
          '--address',
          env.connection.options.address,
        ],
        {
          encoding: 'utf8',
        },
      );
      for (const name of ['ReconStatus', 'ReconCustomer', 'ReconPeriod'])
        expect(listed.stdout).toContain(name);
    },
  );

  (cli ? it : it.skip)(
    "compose's init step gives up after its attempts when Temporal does not answer",
    () => {
      const started = Date.now();
      const run = spawnSync('sh', ['-c', script('temporal-namespace')], {
        env: {
          PATH: `${path.dirname(cli!)}:${process.env.PATH}`,
          TEMPORAL_ADDRESS: '127.0.0.1:1',
          RECON_NAMESPACE: 'x',
          ATTEMPTS: '2',
        },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(run.status).toBe(1);
      expect(run.stdout).toContain('Temporal does not answer after 2 attempts');
      expect(Date.now() - started).toBeLessThan(30_000);
    },
  );
});

describe('start-up messages', () => {
  it('wrong database credentials say "access denied", not that no server answers', async () => {
    const base = loadConfig({ ...process.env, NODE_ENV: 'test' }).database;
    const wrong = { ...base, user: 'recon_nobody', password: 'not the password' };
    const failure = ensureDatabase(wrong);
    await expect(failure).rejects.toBeInstanceOf(DatabaseAccessDeniedError);
    await expect(failure).rejects.toThrow(/^Access denied/);
    await expect(failure).rejects.not.toThrow(/No MySQL server answers/);
  });

  it('lists every configuration problem at once', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({
        NODE_ENV: 'production',
        HTTP_PORT: 'eighty',
        BACKUP_SCHEDULE: 'hourly',
        DATABASE_URL: 'postgres://x/y',
      });
    } catch (caught) {
      error = caught as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.problems.map((p) => p.variable).sort()).toEqual(
      [
        'AUDIT_CHAIN_KEY',
        'AUTH_TOKEN_SECRET',
        'BACKUP_SCHEDULE',
        'CUSTOMER_LINK_SECRET',
        'DATABASE_URL',
        'HTTP_PORT',
      ].sort(),
    );
    expect(error!.message).toMatch(/^Invalid configuration \(6 problems\):\n {2}- /);
  });
});
