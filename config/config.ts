import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, type ConfigProblem } from './config-error';
import { allowListEntryProblem } from './allow-list';

/** Everything Recon reads from its environment, validated once, in one place. */
export interface ReconConfig {
  readonly env: 'development' | 'test' | 'production';
  readonly database: DatabaseConfig;
  readonly temporal: TemporalConfig;
  readonly http: {
    readonly port: number;
    readonly host: string;
    readonly maxBodyBytes: number;
    readonly maxUploadBytes: number;
    /** Uploads received at once (per process, per caller) and their temporary files' bytes together. */
    readonly uploads: { readonly perProcess: number; readonly perCaller: number; readonly tempBytes: number };
    /** API processes `npm run start:api` runs on the one port (node:cluster); 1: this process serves. */
    readonly processes: number;
    /** Whether GraphQL answers introspection (`__schema`); default on, except in production. */
    readonly introspection: boolean;
    /** Whether `GET /graphql` in a browser shows the bundled GraphiQL; default on, except in production. */
    readonly graphiql: boolean;
    /** Reverse proxies in front of the API whose X-Forwarded-For entries name the client (0: none). */
    readonly trustProxyHops: number;
  };
  /** Password guesses evaluated per window, per account and per source address (docs/security.md). */
  readonly login: {
    readonly maxPerAccount: number;
    readonly maxPerAddress: number;
    readonly windowSeconds: number;
  };
  /** Logs and metrics (docs/operations.md "Metrics and logs"). */
  readonly observability: {
    readonly logLevel: 'debug' | 'info' | 'warn' | 'error';
    /** json: one object per line (collectors); text: one readable line. */
    readonly logFormat: 'json' | 'text';
    /** The admin port serving /metrics; null: no metrics endpoint. */
    readonly metrics: { readonly host: string; readonly port: number } | null;
    /** Where the Temporal worker's own Prometheus metrics are served (host:port); null: not served. */
    readonly temporalMetricsAddress: string | null;
  };
  readonly auth: {
    readonly tokenSecret: string;
    readonly linkSecret: string;
    readonly tokenTtlSeconds: number;
    /** AUTH_CACHE_MS: how long a user's standing and an API key's record are remembered per process. */
    readonly cacheMs: number;
  };
  /** DUNNING_LOOK_POLL_MS: how often the worker hands noted payments to their dunning cases. */
  readonly dunningLookPollMs: number;
  readonly dataDir: string;
  readonly publicUrl: string;
  /** Printed at the head of statements, confirmation letters and reports. */
  readonly companyName: string;
  /** Unset: statements go to an outbox folder under the data folder instead of being mailed. */
  readonly mail: { readonly smtpUrl: string | undefined; readonly from: string };
  /** Scheduled backups (docs/operations.md). */
  readonly backup: BackupConfig;
  /** The audit chain's key and its anchor outside the database (docs/security.md). */
  readonly audit: AuditConfig;
  /** WEBHOOK_ALLOW_PRIVATE_HOSTS: private hosts, addresses and CIDR ranges webhooks may reach (default none). */
  readonly webhookAllowPrivateHosts: readonly string[];
}

export interface AuditConfig {
  /** HMAC-SHA256 key of the audit chain; the database never holds it. */
  readonly chainKey: string;
  /** A signed checkpoint of the chain's head is appended to `checkpointFile` every this many events. */
  readonly checkpointEvery: number;
  readonly checkpointFile: string;
}

export interface BackupConfig {
  /** Where scheduled backups are written (one folder each). */
  readonly dir: string;
  /** A cron expression (UTC) for the backup schedule; null: no scheduled backups. */
  readonly schedule: string | null;
  readonly keepDaily: number;
  readonly keepMonthly: number;
}

export interface DatabaseConfig {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** The server's Unix socket, used instead of host:port (several times cheaper per query than TCP). */
  readonly socketPath?: string;
  readonly user: string;
  readonly password: string;
  readonly database: string;
}

export interface TemporalConfig {
  /** Unset: Recon starts a local dev server for you. */
  readonly address: string | undefined;
  readonly namespace: string;
  readonly taskQueue: string;
  /** The `temporal` CLI used for the local dev server; found automatically when unset. */
  readonly cliPath: string | undefined;
}

/** Every variable loadConfig() reads; docker-compose.yml is checked against this list. */
export const CONFIG_VARIABLES = [
  'NODE_ENV',
  'GRAPHIQL',
  'GRAPHQL_INTROSPECTION',
  'DATABASE_URL',
  'TEMPORAL_ADDRESS',
  'TEMPORAL_NAMESPACE',
  'TEMPORAL_TASK_QUEUE',
  'TEMPORAL_CLI_PATH',
  'HTTP_PORT',
  'HTTP_HOST',
  'HTTP_MAX_BODY_BYTES',
  'HTTP_MAX_UPLOAD_BYTES',
  'UPLOAD_MAX_CONCURRENT',
  'UPLOAD_MAX_CONCURRENT_PER_CALLER',
  'UPLOAD_TEMP_MAX_BYTES',
  'API_PROCESSES',
  'LOG_LEVEL',
  'LOG_FORMAT',
  'METRICS_HOST',
  'METRICS_PORT',
  'TEMPORAL_METRICS_ADDRESS',
  'AUTH_TOKEN_SECRET',
  'CUSTOMER_LINK_SECRET',
  'AUTH_TOKEN_TTL_SECONDS',
  'AUTH_CACHE_MS',
  'DUNNING_LOOK_POLL_MS',
  'RECON_DATA_DIR',
  'PUBLIC_URL',
  'COMPANY_NAME',
  'SMTP_URL',
  'MAIL_FROM',
  'BACKUP_DIR',
  'BACKUP_SCHEDULE',
  'BACKUP_KEEP_DAILY',
  'BACKUP_KEEP_MONTHLY',
  'WEBHOOK_ALLOW_PRIVATE_HOSTS',
  'LOGIN_MAX_GUESSES_PER_ACCOUNT',
  'LOGIN_MAX_GUESSES_PER_ADDRESS',
  'LOGIN_THROTTLE_WINDOW_SECONDS',
  'TRUST_PROXY_HOPS',
  'AUDIT_CHAIN_KEY',
  'AUDIT_CHECKPOINT_EVERY',
  'AUDIT_CHECKPOINT_FILE',
] as const;

/** The secrets that fall back to a built-in development value when unset (refused in production). */
export const SECRET_VARIABLES = ['AUTH_TOKEN_SECRET', 'CUSTOMER_LINK_SECRET', 'AUDIT_CHAIN_KEY'] as const;

/** The secrets this environment leaves to their development defaults: a start-up warning names them. */
export function devSecretsInUse(env: Env = process.env): string[] {
  return SECRET_VARIABLES.filter((name) => !env[name]);
}

export const DEFAULT_DATABASE_URL = 'mysql://root@localhost/recon';

/** Where MySQL and MariaDB put their socket on Debian, Ubuntu, Red Hat and macOS (Homebrew). */
export const STANDARD_MYSQL_SOCKETS = [
  '/run/mysqld/mysqld.sock',
  '/var/run/mysqld/mysqld.sock',
  '/var/lib/mysql/mysql.sock',
  '/tmp/mysql.sock',
];
const findStandardSocket = () => STANDARD_MYSQL_SOCKETS.find((candidate) => existsSync(candidate));
const DEV_SECRET = 'recon-development-secret-change-me';

type Env = Record<string, string | undefined>;

/** A value that passes every check, standing in for a variable already reported (required secrets, files). */
const STAND_IN = 'recon-config-stand-in-value-0123456789abcdef';

/**
 * Reads and validates every variable. All problems are reported at once: each variable found at
 * fault is set aside (its default, or a stand-in for a required one) and the rest read again.
 */
export function loadConfig(env: Env = process.env): ReconConfig {
  const problems: ConfigProblem[] = [];
  const current: Env = { ...env };
  for (let round = 0; ; round += 1) {
    try {
      const config = readConfig(current);
      if (problems.length) throw new ConfigError(problems);
      return config;
    } catch (error) {
      if (!(error instanceof ConfigError) || error.problems === problems) throw error;
      if (round > 2 * CONFIG_VARIABLES.length) throw new ConfigError([...problems, ...error.problems]);
      for (const problem of error.problems) {
        const { variable } = problem;
        if (!problems.some((p) => p.variable === variable)) problems.push(problem);
        if (!(CONFIG_VARIABLES as readonly string[]).includes(variable) || current[variable] === STAND_IN)
          throw new ConfigError(problems);
        current[variable] = current[variable]?.trim() ? undefined : STAND_IN;
      }
    }
  }
}

function readConfig(env: Env): ReconConfig {
  const dataDir = path.resolve(env.RECON_DATA_DIR?.trim() || '.data');
  const mode = readEnum(env, 'NODE_ENV', ['development', 'test', 'production'], 'development');
  const databaseUrl = env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  const port = readPort(env, 'HTTP_PORT', 4000);
  const host = env.HTTP_HOST?.trim() || '127.0.0.1';
  return {
    env: mode,
    database: parseDatabaseUrl(databaseUrl),
    temporal: {
      address: readAddress(env, 'TEMPORAL_ADDRESS'),
      namespace: readName(env, 'TEMPORAL_NAMESPACE', 'default'),
      taskQueue: readName(env, 'TEMPORAL_TASK_QUEUE', 'recon'),
      cliPath: env.TEMPORAL_CLI_PATH?.trim() || undefined,
    },
    http: {
      port,
      host,
      maxBodyBytes: readPositiveInt(env, 'HTTP_MAX_BODY_BYTES', 10 * 1024 * 1024),
      maxUploadBytes: readPositiveInt(env, 'HTTP_MAX_UPLOAD_BYTES', 100 * 1024 * 1024),
      uploads: {
        perProcess: readPositiveInt(env, 'UPLOAD_MAX_CONCURRENT', 4),
        perCaller: readPositiveInt(env, 'UPLOAD_MAX_CONCURRENT_PER_CALLER', 2),
        tempBytes: readPositiveInt(env, 'UPLOAD_TEMP_MAX_BYTES', 1024 * 1024 * 1024),
      },
      processes: readProcesses(env, 'API_PROCESSES'),
      introspection:
        readEnum(env, 'GRAPHQL_INTROSPECTION', ['on', 'off'], mode === 'production' ? 'off' : 'on') === 'on',
      graphiql: readEnum(env, 'GRAPHIQL', ['on', 'off'], mode === 'production' ? 'off' : 'on') === 'on',
      trustProxyHops: /^\d$/.test(env.TRUST_PROXY_HOPS?.trim() ?? '')
        ? Number(env.TRUST_PROXY_HOPS!.trim())
        : readPositiveInt(env, 'TRUST_PROXY_HOPS', 0),
    },
    login: {
      maxPerAccount: readPositiveInt(env, 'LOGIN_MAX_GUESSES_PER_ACCOUNT', 5),
      maxPerAddress: readPositiveInt(env, 'LOGIN_MAX_GUESSES_PER_ADDRESS', 20),
      windowSeconds: readPositiveInt(env, 'LOGIN_THROTTLE_WINDOW_SECONDS', 15 * 60),
    },
    observability: {
      logLevel: readEnum(env, 'LOG_LEVEL', ['debug', 'info', 'warn', 'error'], 'info'),
      logFormat: readEnum(env, 'LOG_FORMAT', ['json', 'text'], 'json'),
      metrics: readMetricsEndpoint(env),
      temporalMetricsAddress: readAddress(env, 'TEMPORAL_METRICS_ADDRESS') ?? null,
    },
    auth: {
      tokenSecret: readSecret(env, 'AUTH_TOKEN_SECRET', mode),
      linkSecret: readSecret(env, 'CUSTOMER_LINK_SECRET', mode),
      tokenTtlSeconds: readPositiveInt(env, 'AUTH_TOKEN_TTL_SECONDS', 8 * 3600),
      cacheMs: readAuthCacheMs(env),
    },
    dunningLookPollMs: readDunningLookPollMs(env),
    dataDir,
    publicUrl: env.PUBLIC_URL?.trim() || `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`,
    companyName: env.COMPANY_NAME?.trim() || '本公司 Our Company',
    mail: { smtpUrl: readSmtpUrl(env), from: env.MAIL_FROM?.trim() || 'Recon <recon@localhost>' },
    backup: {
      dir: path.resolve(env.BACKUP_DIR?.trim() || path.join(dataDir, 'backups')),
      schedule: readCron(env, 'BACKUP_SCHEDULE', '30 1 * * *'),
      keepDaily: readPositiveInt(env, 'BACKUP_KEEP_DAILY', 7),
      keepMonthly: readPositiveInt(env, 'BACKUP_KEEP_MONTHLY', 12),
    },
    audit: {
      chainKey: readSecret(env, 'AUDIT_CHAIN_KEY', mode),
      checkpointEvery: readPositiveInt(env, 'AUDIT_CHECKPOINT_EVERY', 1000),
      checkpointFile: path.resolve(
        env.AUDIT_CHECKPOINT_FILE?.trim() || path.join(dataDir, 'audit', 'checkpoints.jsonl'),
      ),
    },
    webhookAllowPrivateHosts: readAllowList(env, 'WEBHOOK_ALLOW_PRIVATE_HOSTS'),
  };
}

/** A comma-separated list of host names, IP addresses and CIDR ranges (e.g. "10.0.0.0/8,hooks.corp"). */
function readAllowList(env: Env, name: string): string[] {
  const entries = (env[name] ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const problems = entries.map(allowListEntryProblem).filter((problem) => problem !== null);
  if (problems.length)
    throw new ConfigError(
      name,
      `${problems.join('; ')} (a comma-separated list of hosts, addresses and CIDR ranges)`,
    );
  return entries;
}

/** A five-field cron expression (minute hour day-of-month month day-of-week, UTC), or "off". */
function readCron(env: Env, name: string, fallback: string): string | null {
  const raw = env[name]?.trim();
  if (raw === 'off') return null;
  if (!raw) return fallback;
  const fields = raw.split(/\s+/);
  if (fields.length !== 5 || fields.some((field) => !/^[0-9*,/-]+$/.test(field)))
    throw new ConfigError(
      name,
      `must be a cron expression of five fields, e.g. "30 1 * * *", or "off" (got "${raw}")`,
    );
  return fields.join(' ');
}

/**
 * mysql://user:password@host:port/database[?socket=/path/to/mysqld.sock]
 *
 * As with MySQL's own clients, `localhost` without a port means the local server's Unix socket
 * when one is found (else TCP to 127.0.0.1:3306); `?socket=` names the socket explicitly.
 */
export function parseDatabaseUrl(
  url: string,
  findSocket: () => string | undefined = findStandardSocket,
): DatabaseConfig {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError('DATABASE_URL', `is not a URL (expected mysql://user:password@host:port/database)`);
  }
  if (parsed.protocol !== 'mysql:' && parsed.protocol !== 'mariadb:') {
    throw new ConfigError('DATABASE_URL', `must start with mysql:// (got ${parsed.protocol}//)`);
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]{1,64}$/.test(database)) {
    throw new ConfigError(
      'DATABASE_URL',
      `must name a database of letters, digits and _ (got "${database}")`,
    );
  }
  const port = parsed.port ? Number(parsed.port) : 3306;
  const socket = parsed.searchParams.get('socket')?.trim();
  if (socket !== undefined && !path.isAbsolute(socket)) {
    throw new ConfigError('DATABASE_URL', `?socket= must be an absolute path (got "${socket}")`);
  }
  const local = parsed.hostname === 'localhost' && !parsed.port;
  const socketPath = socket || (local ? findSocket() : undefined);
  return {
    url,
    host: parsed.hostname === 'localhost' ? '127.0.0.1' : parsed.hostname || '127.0.0.1',
    port,
    ...(socketPath ? { socketPath } : {}),
    user: decodeURIComponent(parsed.username || 'root'),
    password: decodeURIComponent(parsed.password),
    database,
  };
}

function readEnum<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')} (got "${raw}")`);
  }
  return raw as T;
}

/** AUTH_CACHE_MS's default: a revoked key or a deactivated user fails within 2 s in every API process. */
export const DEFAULT_AUTH_CACHE_MS = 2_000;
/** The longest memory allowed: past it revocation would lag more than an operator expects. */
export const MAX_AUTH_CACHE_MS = 30_000;

/** AUTH_CACHE_MS: 0 (read at every request) to MAX_AUTH_CACHE_MS; revocation lags by at most this. */
function readAuthCacheMs(env: Env): number {
  const raw = env.AUTH_CACHE_MS?.trim();
  if (!raw) return DEFAULT_AUTH_CACHE_MS;
  if (!/^\d+$/.test(raw) || Number(raw) > MAX_AUTH_CACHE_MS)
    throw new ConfigError(
      'AUTH_CACHE_MS',
      `must be a whole number of milliseconds from 0 to ${MAX_AUTH_CACHE_MS} (got "${raw}")`,
    );
  return Number(raw);
}

/** DUNNING_LOOK_POLL_MS: 100 ms to 1 minute (default 1 s), how late a CLI-imported payment reaches dunning. */
function readDunningLookPollMs(env: Env): number {
  const raw = env.DUNNING_LOOK_POLL_MS?.trim();
  if (!raw) return 1_000;
  if (!/^\d+$/.test(raw) || Number(raw) < 100 || Number(raw) > 60_000)
    throw new ConfigError(
      'DUNNING_LOOK_POLL_MS',
      `must be a whole number of milliseconds from 100 to 60000 (got "${raw}")`,
    );
  return Number(raw);
}

function readPositiveInt(env: Env, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) <= 0)
    throw new ConfigError(name, `must be a positive integer (got "${raw}")`);
  return Number(raw);
}

/** METRICS_PORT unset or "off": no /metrics; else served on METRICS_HOST (127.0.0.1 unless set). */
function readMetricsEndpoint(env: Env): { host: string; port: number } | null {
  const raw = env.METRICS_PORT?.trim();
  if (!raw || raw === 'off') return null;
  return { host: env.METRICS_HOST?.trim() || '127.0.0.1', port: readPort(env, 'METRICS_PORT', 0) };
}

/** A count of processes, or "auto": one per core this process may use. */
function readProcesses(env: Env, name: string): number {
  const raw = env[name]?.trim();
  if (!raw) return 1;
  if (raw === 'auto') return os.availableParallelism();
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 256)
    throw new ConfigError(name, `must be "auto" or a whole number from 1 to 256 (got "${raw}")`);
  return Number(raw);
}

function readPort(env: Env, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 0 || port > 65535) {
    throw new ConfigError(name, `must be a port number 0-65535 (got "${raw}")`);
  }
  return port;
}

function readAddress(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  if (!/^[A-Za-z0-9.\-[\]:]+:\d{1,5}$/.test(raw)) {
    throw new ConfigError(name, `must be host:port, e.g. temporal:7233 (got "${raw}")`);
  }
  return raw;
}

function readName(env: Env, name: string, fallback: string): string {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!/^[A-Za-z0-9._-]{1,200}$/.test(raw)) {
    throw new ConfigError(name, `may hold only letters, digits, ".", "_" and "-" (got "${raw}")`);
  }
  return raw;
}

function readSmtpUrl(env: Env): string | undefined {
  const raw = env.SMTP_URL?.trim();
  if (!raw) return undefined;
  if (!/^smtps?:\/\/[^\s]+$/.test(raw))
    throw new ConfigError('SMTP_URL', 'must be smtp://[user:password@]host:port or smtps://…');
  return raw;
}

function readSecret(env: Env, name: string, mode: ReconConfig['env']): string {
  const raw = env[name];
  if (!raw) {
    if (mode === 'production')
      throw new ConfigError(name, 'must be set in production (32 or more characters)');
    return `${DEV_SECRET}-${name}`;
  }
  if (raw.length < 32) throw new ConfigError(name, 'must be at least 32 characters long');
  return raw;
}
