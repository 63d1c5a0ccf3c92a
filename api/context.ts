import type { Pool } from 'mysql2/promise';
import type { DataSource } from 'typeorm';
import type { AuthSecrets } from '../auth/authenticate';
import type { Principal } from '../auth/principal';
import type { UserRole } from '../contract/enums';
import type { PeriodService } from '../periods/period.service';
import type { QueueReader } from '../tasks/queue-reader';
import type { LoginThrottle, LoginThrottleSettings } from '../users/login-throttle';
import type { RequestAuth, SessionCookie } from './http/request-auth';
import type { Health } from './health';
import { RequestLoaders } from './loaders';

export interface ApiServices {
  dataSource: DataSource;
  periods: PeriodService;
  temporalHealthy: () => Promise<boolean>;
  /** mysql2 pool for file imports and templates (the bulk path streams LOAD DATA through it). */
  importPool?: Pool;
  /** WEBHOOK_ALLOW_PRIVATE_HOSTS: private hosts, addresses and ranges webhooks may reach. */
  webhookAllowPrivateHosts?: readonly string[];
  /** Guesses evaluated per window (LOGIN_* configuration; defaults in users/login-throttle.ts). */
  loginThrottleSettings?: LoginThrottleSettings;
  /** TRUST_PROXY_HOPS: reverse proxies in front of the API, whose X-Forwarded-For entries count. */
  trustProxyHops?: number;
  /**
   * The roles that must sign in with a second factor until an admin sets them
   * (users/two-factor-policy.ts). Absent: Recon's default, managers and admins
   * (DEFAULT_TWO_FACTOR_ROLES); only an explicit list (a test of something else) says otherwise.
   */
  twoFactorRoles?: readonly UserRole[];
}

/** What a request over HTTP knows about the browser that sent it (absent for other transports). */
export interface BrowserContext {
  /** How the request authenticated, and whether it passed the same-origin (CSRF) checks. */
  auth: RequestAuth;
  cookie: SessionCookie;
  /** Adds a Set-Cookie header to the answer. */
  setCookie(value: string): void;
}

export interface ApiContext extends ApiServices {
  principal: Principal | null;
  /** Signing secrets: `login` signs user tokens with them. */
  auth: AuthSecrets;
  loaders: RequestLoaders;
  /** One per API process: concurrent "my queue" reads share their statements. */
  queueReader: QueueReader;
  /** Liveness, checked at most once a second per process (api/health.ts). */
  health: () => Promise<Health>;
  browser?: BrowserContext;
  /** Counts password guesses, in the database (one per API process). */
  loginThrottle: LoginThrottle;
  /** The caller's address as the login throttle counts it (api/http/client-address.ts); null off HTTP. */
  clientAddress: string | null;
  /** Heads the statements customers see (ApiServerOptions.companyName). */
  companyName?: string;
  /** After revoking a key or changing a user: this process forgets the credentials it remembers. */
  forgetCredentials?: () => void;
}

/** Per-request loaders (batching, and the rows a query already read). */
export const createLoaders = (dataSource: DataSource) => new RequestLoaders(dataSource);
