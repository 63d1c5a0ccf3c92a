import type { Pool } from 'mysql2/promise';
import type { ActivityDeps } from '../../activities';
import { createImportPool } from '../../api/imports/import-pool';
import type { ApiServerOptions, RunningApi } from '../../api/server';
import { issueApiKey } from '../../auth/api-keys';
import { UserRole } from '../../contract/enums';
import { ReconciliationPeriod } from '../../entities/reconciliation-period.entity';
import type { GraphQLResponse } from '../support/api-client';
import { staffTokens, startHarnessApi } from '../support/harness-api';
import { startPeriodHarness, type PeriodHarness } from '../support/period-harness';

export { codes } from '../support/api-client';

/**
 * The real stack for one of sec-platform's security test files: MariaDB, a Temporal dev server and a
 * worker, and the API over HTTP (with file uploads). One per file: starting it takes seconds.
 */
export interface PlatformStack {
  h: PeriodHarness;
  api: RunningApi;
  importPool: Pool;
  /** "Bearer …" of one user per role (emails <role>@recon.test, display name = role). */
  staff: Record<UserRole, string>;
  /** "Bearer rk_…" of a new API key with exactly these scopes. */
  apiKey(...scopes: string[]): Promise<string>;
  call<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    authorization?: string,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  /** Opens a customer's October 2026 period and returns its id once the workflow reached `status`. */
  openPeriod(customerCode: string, status: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startPlatformStack(
  label: string,
  overrides: Partial<ApiServerOptions> = {},
  workerDeps?: Partial<ActivityDeps>,
): Promise<PlatformStack> {
  const h = await startPeriodHarness(label, { deps: workerDeps });
  const importPool = createImportPool(h.db.config);
  let api: RunningApi | undefined;
  try {
    api = await startHarnessApi(h, { importPool, maxUploadBytes: 8 * 1024 * 1024, ...overrides });
  } catch (error) {
    await importPool.end();
    await h.stop();
    throw error;
  }
  const staff = (await staffTokens(
    h.db.dataSource,
    Object.values(UserRole).map((role) => [role.toLowerCase(), role] as const),
  )) as Record<string, string>;
  const running = api;
  return {
    h,
    api: running,
    importPool,
    staff: Object.fromEntries(
      Object.values(UserRole).map((role) => [role, staff[role.toLowerCase()]]),
    ) as Record<UserRole, string>,
    apiKey: async (...scopes) =>
      `Bearer ${(await issueApiKey(h.db.dataSource, `key ${scopes.join(' ')}`, scopes)).key}`,
    call: async <T>(
      query: string,
      variables: Record<string, unknown> = {},
      authorization?: string,
      headers: Record<string, string> = {},
    ) => {
      const response = await fetch(running.graphqlUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(authorization ? { authorization } : {}),
          ...headers,
        },
        body: JSON.stringify({ query, variables }),
        // A request that would hang fails the test instead of stalling it.
        signal: AbortSignal.timeout(30_000),
      });
      const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status'>;
      return { status: response.status, ...body };
    },
    openPeriod: async (customerCode, status) => {
      const opened = await h.periods.openPeriod(customerCode, '2026-10-01', '2026-10-31');
      await h.waitForStatus(opened.workflowId, status as never);
      return (
        await h.db.dataSource.getRepository(ReconciliationPeriod).findOneByOrFail({
          workflowId: opened.workflowId,
        })
      ).id;
    },
    stop: async () => {
      await running.stop();
      await importPool.end();
      await h.stop();
    },
  };
}
