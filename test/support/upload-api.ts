import type { Pool } from 'mysql2/promise';
import { createImportPool } from '../../api/imports/import-pool';
import { startApiServer, type RunningApi } from '../../api/server';
import { UserRole } from '../../contract/enums';
import { Customer } from '../../entities/customer.entity';
import { createTestDatabase, type TestDatabase } from './database';
import { staffTokens, TEST_SECRETS } from './harness-api';

/** The real API taking statement uploads on a database of its own, with customer BIG and a clerk. */
export interface UploadApi {
  db: TestDatabase;
  pool: Pool;
  api: RunningApi;
  /** "Bearer <token>" of a clerk (statements:import). */
  clerk: string;
  stop(): Promise<void>;
}

/** Uploads up to 100 MiB (the limits under test are the parser's, not the body's); no Temporal. */
export async function startUploadApi(name: string): Promise<UploadApi> {
  const db = await createTestDatabase(name);
  const pool = createImportPool(db.config);
  const api = await startApiServer({
    dataSource: db.dataSource,
    periods: undefined as never,
    temporalHealthy: async () => true,
    auth: TEST_SECRETS,
    host: '127.0.0.1',
    port: 0,
    maxBodyBytes: 64 * 1024,
    maxUploadBytes: 100 * 1024 * 1024,
    importPool: pool,
  });
  await db.dataSource.getRepository(Customer).save({ code: 'BIG', name: '大客户', currency: 'CNY' });
  const { clerk } = await staffTokens(db.dataSource, [['clerk', UserRole.CLERK]]);
  return {
    db,
    pool,
    api,
    clerk,
    stop: async () => {
      await api.stop();
      await pool.end();
      await db.drop();
    },
  };
}
