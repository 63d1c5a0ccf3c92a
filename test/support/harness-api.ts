import type { DataSource } from 'typeorm';
import { startApiServer, type ApiServerOptions, type RunningApi } from '../../api/server';
import { signUserToken } from '../../auth/user-token';
import type { UserRole } from '../../contract/enums';
import { User } from '../../entities/user.entity';
import type { PeriodHarness } from './period-harness';

export const TEST_SECRETS = { tokenSecret: 't'.repeat(32), linkSecret: 'l'.repeat(32) };

/** The real API over HTTP on a period harness's database and Temporal server. */
export function startHarnessApi(
  h: PeriodHarness,
  overrides: Partial<ApiServerOptions> = {},
): Promise<RunningApi> {
  return startApiServer({
    dataSource: h.db.dataSource,
    periods: h.periods,
    temporalHealthy: async () => true,
    auth: TEST_SECRETS,
    host: '127.0.0.1',
    port: 0,
    maxBodyBytes: 64 * 1024,
    // No role must enrol unless a test says so: staffTokens' users have no second factor, and a
    // role that requires one holds their tokens to enrolment (as api-harness.ts does).
    twoFactorRoles: [],
    ...overrides,
  });
}

/** Creates one user per [name, role] and returns each one's "Bearer <signed token>", valid ten minutes. */
export async function staffTokens(
  dataSource: DataSource,
  users: ReadonlyArray<readonly [string, UserRole]>,
): Promise<Record<string, string>> {
  const bearer: Record<string, string> = {};
  for (const [name, role] of users) {
    const user = await dataSource
      .getRepository(User)
      .save({ email: `${name}@recon.test`, displayName: name, role });
    bearer[name] =
      `Bearer ${signUserToken(TEST_SECRETS.tokenSecret, { sub: user.id, role, name, exp: Date.now() / 1000 + 600 })}`;
  }
  return bearer;
}
