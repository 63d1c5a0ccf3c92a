import type { Pool } from 'mysql2/promise';
import { createImportPool } from '../../api/imports/import-pool';
import { startApiServer, type RunningApi } from '../../api/server';
import type { AuditTailOptions } from '../../audit/audit-tail';
import { hashPassword } from '../../auth/passwords';
import { signUserToken } from '../../auth/user-token';
import { UserRole } from '../../contract/enums';
import { User } from '../../entities/user.entity';
import type { PeriodService } from '../../periods/period.service';
import type { LoginThrottleSettings } from '../../users/login-throttle';
import type { DispatcherOptions } from '../../webhooks/dispatcher';
import { codes, gql, type GraphQLResponse } from '../support/api-client';
import { createTestDatabase, type TestDatabase } from '../support/database';

export const SECRETS = { tokenSecret: 't'.repeat(32), linkSecret: 'l'.repeat(32) };
export const PASSWORD = 'correct horse battery staple';

/** Nothing in these tests drives a workflow: a PeriodService that says so if anything tries. */
const NO_WORKFLOWS = new Proxy({} as PeriodService, {
  get: (_, name) => {
    throw new Error(`this test has no Temporal (PeriodService.${String(name)})`);
  },
});

export interface ApiHarness {
  db: TestDatabase;
  api: RunningApi;
  /** `Bearer <token>` per role; the users' emails are <role>@recon.test, password PASSWORD. */
  bearer: Record<UserRole, string>;
  userIds: Record<UserRole, string>;
  call<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    authorization?: string,
  ): Promise<GraphQLResponse<T>>;
  /** The import pool, when started with `uploads: true` (POST /imports/statements answers then). */
  importPool?: Pool;
  /** Rows in the audit log: "nothing written" checks compare it. */
  auditCount(): Promise<number>;
  stop(): Promise<void>;
}

/** A real API over HTTP on a fresh migrated database, with one user per role. */
export async function startApiHarness(
  label: string,
  options: {
    maxBodyBytes?: number;
    webhooks?: DispatcherOptions | false;
    webRoot?: string | false;
    publicUrl?: string;
    liveEvents?: AuditTailOptions;
    graphiql?: boolean;
    uploads?: boolean;
    /** With `uploads`: the largest file (default 1 MiB) and where uploads are streamed while read. */
    maxUploadBytes?: number;
    uploadDir?: string;
    /** WEBHOOK_ALLOW_PRIVATE_HOSTS for this API (receivers in tests listen on 127.0.0.1). */
    webhookAllowPrivateHosts?: string[];
    loginThrottleSettings?: LoginThrottleSettings;
    trustProxyHops?: number;
    /**
     * The roles that must sign in with a second factor until an admin sets them. None unless given:
     * these API tests sign staff in with a password to test other things; two-factor.test.ts
     * passes Recon's default, and the browser tests run with it.
     */
    twoFactorRoles?: UserRole[];
    shortLinkLookupsPerMinute?: number;
    /** AUTH_CACHE_MS for this API (none unless given: most tests revoke and expect it at once). */
    authCacheMs?: number;
  } = {},
): Promise<ApiHarness> {
  const db = await createTestDatabase(label);
  const importPool = options.uploads ? createImportPool(db.config) : undefined;
  const api = await startApiServer({
    ...(importPool ? { importPool, maxUploadBytes: options.maxUploadBytes ?? 1024 * 1024 } : {}),
    ...(options.uploadDir ? { uploadDir: options.uploadDir } : {}),
    dataSource: db.dataSource,
    periods: NO_WORKFLOWS,
    temporalHealthy: async () => true,
    auth: SECRETS,
    host: '127.0.0.1',
    port: 0,
    maxBodyBytes: options.maxBodyBytes ?? 256 * 1024,
    webhooks: options.webhooks ?? false,
    webRoot: options.webRoot ?? false,
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
    ...(options.liveEvents ? { liveEvents: options.liveEvents } : {}),
    ...(options.graphiql ? { graphiql: true } : {}),
    ...(options.webhookAllowPrivateHosts
      ? { webhookAllowPrivateHosts: options.webhookAllowPrivateHosts }
      : {}),
    ...(options.loginThrottleSettings ? { loginThrottleSettings: options.loginThrottleSettings } : {}),
    ...(options.trustProxyHops ? { trustProxyHops: options.trustProxyHops } : {}),
    twoFactorRoles: options.twoFactorRoles ?? [],
    ...(options.authCacheMs ? { authCacheMs: options.authCacheMs } : {}),
    ...(options.shortLinkLookupsPerMinute
      ? { shortLinkLookupsPerMinute: options.shortLinkLookupsPerMinute }
      : {}),
  });
  const bearer = {} as Record<UserRole, string>;
  const userIds = {} as Record<UserRole, string>;
  const passwordHash = await hashPassword(PASSWORD);
  for (const role of Object.values(UserRole)) {
    const user = await db.dataSource
      .getRepository(User)
      .save({ email: `${role.toLowerCase()}@recon.test`, displayName: role, role, passwordHash });
    userIds[role] = user.id;
    bearer[role] =
      `Bearer ${signUserToken(SECRETS.tokenSecret, { sub: user.id, role, name: role, exp: Date.now() / 1000 + 600 })}`;
  }
  return {
    db,
    api,
    importPool,
    bearer,
    userIds,
    call: (query, variables = {}, authorization) => gql(api.graphqlUrl, query, variables, authorization),
    auditCount: async () => {
      const [row] = (await db.dataSource.query('SELECT COUNT(*) AS n FROM audit_events')) as Array<{
        n: string;
      }>;
      return Number(row.n);
    },
    stop: async () => {
      await api.stop();
      await importPool?.end();
      await db.drop();
    },
  };
}

export { codes };
