import { createConnection } from 'mysql2/promise';
import { loadConfig } from '../../../config/config';
import { serverAddress } from '../../../db/server-address';
import { UNREACHABLE_DATABASE_URL } from '../../support/no-database';

/**
 * The workflow unit tests run without MariaDB: their jest project points Recon's configuration at
 * a closed port. This holds that in place: were the set-up dropped, this file would fail.
 */
describe('workflow unit tests have no database', () => {
  it('configure a database that nothing answers', async () => {
    const { database } = loadConfig({ ...process.env, NODE_ENV: 'test' });
    expect(database.url).toBe(UNREACHABLE_DATABASE_URL);
    // Reached the way Recon's data source reaches it (a socket when the configuration names one).
    await expect(
      createConnection({ ...serverAddress(database), user: database.user, connectTimeout: 2000 }),
    ).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
