import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_DATABASE_URL, devSecretsInUse, loadConfig, parseDatabaseUrl } from '../../config/config';
import { ConfigError } from '../../config/config-error';

describe('loadConfig', () => {
  it('defaults to the local MySQL and a dev server of its own', () => {
    const config = loadConfig({});
    expect(config.database.url).toBe(DEFAULT_DATABASE_URL);
    expect(config.database).toMatchObject({
      host: '127.0.0.1', // "localhost": the local socket when there is one, else this
      port: 3306,
      user: 'root',
      password: '',
      database: 'recon',
    });
    expect(config.temporal).toMatchObject({ address: undefined, namespace: 'default', taskQueue: 'recon' });
    expect(config.http.port).toBe(4000);
  });

  it('uses the Unix socket for localhost, as MySQL clients do, or the one ?socket= names', () => {
    const found = () => '/run/mysqld/mysqld.sock';
    expect(parseDatabaseUrl('mysql://root@localhost/recon', found)).toMatchObject({
      socketPath: '/run/mysqld/mysqld.sock',
    });
    expect(parseDatabaseUrl('mysql://root@localhost/recon', () => undefined)).toMatchObject({
      host: '127.0.0.1',
      port: 3306,
    });
    expect(parseDatabaseUrl('mysql://root@localhost/recon', () => undefined).socketPath).toBeUndefined();
    // A port or another host means TCP; an explicit socket wins everywhere.
    expect(parseDatabaseUrl('mysql://root@localhost:3306/recon', found).socketPath).toBeUndefined();
    expect(parseDatabaseUrl('mysql://root@127.0.0.1/recon', found).socketPath).toBeUndefined();
    expect(parseDatabaseUrl('mysql://root@db/recon?socket=/tmp/my.sock', found)).toMatchObject({
      socketPath: '/tmp/my.sock',
      database: 'recon',
    });
    expect(() => parseDatabaseUrl('mysql://root@db/recon?socket=my.sock')).toThrow(
      /socket= must be an absolute path/,
    );
  });

  it('reads a full environment', () => {
    const config = loadConfig({
      DATABASE_URL: 'mysql://recon:p%40ss@db.internal:3307/books',
      TEMPORAL_ADDRESS: 'temporal:7233',
      TEMPORAL_NAMESPACE: 'finance',
      TEMPORAL_TASK_QUEUE: 'recon-eu',
      HTTP_PORT: '8080',
      NODE_ENV: 'production',
      AUTH_TOKEN_SECRET: 'x'.repeat(40),
      CUSTOMER_LINK_SECRET: 'y'.repeat(40),
      AUDIT_CHAIN_KEY: 'z'.repeat(40),
      AUDIT_CHECKPOINT_EVERY: '500',
      AUDIT_CHECKPOINT_FILE: '/var/lib/recon-anchor/audit.jsonl',
    });
    expect(config.audit).toEqual({
      chainKey: 'z'.repeat(40),
      checkpointEvery: 500,
      checkpointFile: '/var/lib/recon-anchor/audit.jsonl',
    });
    expect(config.database).toMatchObject({
      host: 'db.internal',
      port: 3307,
      user: 'recon',
      password: 'p@ss',
      database: 'books',
    });
    expect(config.temporal).toMatchObject({
      address: 'temporal:7233',
      namespace: 'finance',
      taskQueue: 'recon-eu',
    });
    expect(config.http.port).toBe(8080);
  });

  it.each([
    ['DATABASE_URL', 'postgres://localhost/recon', /DATABASE_URL must start with mysql/],
    ['DATABASE_URL', 'not a url', /DATABASE_URL is not a URL/],
    ['DATABASE_URL', 'mysql://root@localhost/bad-name;drop', /DATABASE_URL must name a database/],
    ['HTTP_PORT', 'eighty', /HTTP_PORT must be a port number/],
    ['HTTP_PORT', '70000', /HTTP_PORT must be a port number/],
    ['TEMPORAL_ADDRESS', 'temporal', /TEMPORAL_ADDRESS must be host:port/],
    ['TEMPORAL_TASK_QUEUE', 'has spaces', /TEMPORAL_TASK_QUEUE may hold only/],
    ['NODE_ENV', 'staging', /NODE_ENV must be one of/],
    ['AUTH_TOKEN_SECRET', 'short', /AUTH_TOKEN_SECRET must be at least 32/],
    ['SMTP_URL', 'mail.example.com', /SMTP_URL must be smtp:\/\//],
  ])('names the bad variable %s=%s', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('runs one API process unless told how many: a count, or "auto" for one per core', () => {
    expect(loadConfig({}).http.processes).toBe(1);
    expect(loadConfig({ API_PROCESSES: '3' }).http.processes).toBe(3);
    expect(loadConfig({ API_PROCESSES: 'auto' }).http.processes).toBe(os.availableParallelism());
    for (const bad of ['0', '-2', '1.5', 'many', '257'])
      expect(() => loadConfig({ API_PROCESSES: bad })).toThrow(
        `Invalid configuration: API_PROCESSES must be "auto" or a whole number from 1 to 256 (got "${bad}")`,
      );
  });

  it('reads the hosts, addresses and ranges webhooks may reach although private (none by default)', () => {
    expect(loadConfig({}).webhookAllowPrivateHosts).toEqual([]);
    expect(
      loadConfig({ WEBHOOK_ALLOW_PRIVATE_HOSTS: ' 127.0.0.1, 10.0.0.0/8 ,hooks.corp.example,fd00::/8' })
        .webhookAllowPrivateHosts,
    ).toEqual(['127.0.0.1', '10.0.0.0/8', 'hooks.corp.example', 'fd00::/8']);
    for (const bad of ['10.0.0.0/33', 'http://x', '1.2.3.4/8/1'])
      expect(() => loadConfig({ WEBHOOK_ALLOW_PRIVATE_HOSTS: bad })).toThrow(/WEBHOOK_ALLOW_PRIVATE_HOSTS/);
  });

  it('reads the login throttle and the proxies to trust', () => {
    expect(loadConfig({}).login).toEqual({ maxPerAccount: 5, maxPerAddress: 20, windowSeconds: 900 });
    expect(loadConfig({}).http.trustProxyHops).toBe(0);
    const config = loadConfig({
      LOGIN_MAX_GUESSES_PER_ACCOUNT: '3',
      LOGIN_MAX_GUESSES_PER_ADDRESS: '50',
      LOGIN_THROTTLE_WINDOW_SECONDS: '600',
      TRUST_PROXY_HOPS: '1',
    });
    expect(config.login).toEqual({ maxPerAccount: 3, maxPerAddress: 50, windowSeconds: 600 });
    expect(config.http.trustProxyHops).toBe(1);
    expect(() => loadConfig({ LOGIN_MAX_GUESSES_PER_ACCOUNT: '0' })).toThrow(/LOGIN_MAX_GUESSES_PER_ACCOUNT/);
    expect(() => loadConfig({ TRUST_PROXY_HOPS: '-1' })).toThrow(/TRUST_PROXY_HOPS/);
  });

  it('remembers credentials 2 s unless told, 0 to 30 s, so revocation lags a bounded time', () => {
    expect(loadConfig({}).auth.cacheMs).toBe(2_000);
    expect(loadConfig({ AUTH_CACHE_MS: '0' }).auth.cacheMs).toBe(0);
    expect(loadConfig({ AUTH_CACHE_MS: '30000' }).auth.cacheMs).toBe(30_000);
    for (const bad of ['30001', '-1', '1.5', 'soon'])
      expect(() => loadConfig({ AUTH_CACHE_MS: bad })).toThrow(/AUTH_CACHE_MS/);
  });

  it('hands noted payments to dunning every second unless told, 100 ms to 1 minute', () => {
    expect(loadConfig({}).dunningLookPollMs).toBe(1_000);
    expect(loadConfig({ DUNNING_LOOK_POLL_MS: '250' }).dunningLookPollMs).toBe(250);
    for (const bad of ['99', '60001', 'often'])
      expect(() => loadConfig({ DUNNING_LOOK_POLL_MS: bad })).toThrow(/DUNNING_LOOK_POLL_MS/);
  });

  it('requires real secrets in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /AUTH_TOKEN_SECRET must be set in production/,
    );
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/AUDIT_CHAIN_KEY must be set in production/);
    expect(() => loadConfig({ AUDIT_CHAIN_KEY: 'short' })).toThrow(/AUDIT_CHAIN_KEY must be at least 32/);
    expect(() => loadConfig({ AUDIT_CHECKPOINT_EVERY: '0' })).toThrow(
      /AUDIT_CHECKPOINT_EVERY must be a positive/,
    );
  });

  it('names the development secrets in use, for the start-up warning', () => {
    expect(devSecretsInUse({})).toEqual(['AUTH_TOKEN_SECRET', 'CUSTOMER_LINK_SECRET', 'AUDIT_CHAIN_KEY']);
    expect(devSecretsInUse({ AUTH_TOKEN_SECRET: 'x'.repeat(40), AUDIT_CHAIN_KEY: 'z'.repeat(40) })).toEqual([
      'CUSTOMER_LINK_SECRET',
    ]);
    expect(loadConfig({}).audit.checkpointFile).toBe(path.resolve('.data/audit/checkpoints.jsonl'));
  });
});

describe('a process started with bad configuration', () => {
  const entry = path.resolve(__dirname, '../../dist/main/all-in-one.js');

  it('fails fast, naming the variable, before connecting to anything', () => {
    expect(existsSync(entry)).toBe(true); // scripts/test.sh builds before jest runs
    const started = Date.now();
    const result = spawnSync(process.execPath, [entry], {
      env: { ...process.env, HTTP_PORT: 'not-a-port', DATABASE_URL: 'mysql://root@127.0.0.1:1/recon' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Invalid configuration: HTTP_PORT must be a port number');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('explains how to get a database when none answers', () => {
    const result = spawnSync(process.execPath, [entry], {
      env: {
        ...process.env,
        DATABASE_URL: 'mysql://root@127.0.0.1:1/recon',
        TEMPORAL_ADDRESS: '127.0.0.1:1',
      },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('No MySQL server answers at 127.0.0.1:1');
    expect(result.stderr).toContain('docker compose up -d mysql');
  });
});
