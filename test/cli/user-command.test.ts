import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { verifyPassword } from '../../auth/passwords';
import { User } from '../../entities/user.entity';
import { createTestDatabase, type TestDatabase } from '../support/database';

const RECON = path.resolve(__dirname, '../../dist/cli/recon.js');

/** #20: a fresh installation's first admin, and new passwords, from the command line. */
describe('recon user create / passwd', () => {
  let db: TestDatabase;
  const recon = (args: string[], stdin: string) =>
    spawnSync(process.execPath, [RECON, ...args], {
      input: stdin,
      env: { ...process.env, DATABASE_URL: db.config.url },
      encoding: 'utf8',
      timeout: 60_000,
    });

  beforeAll(async () => {
    db = await createTestDatabase('user_cli');
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('creates the first ADMIN with the password read from standard input, audited as the operator', async () => {
    const run = recon(
      ['user', 'create', '--email', 'Root@Example.com', '--name', '管理员 Admin', '--role', 'ADMIN'],
      'violet tractor lantern 42\n',
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^created ADMIN root@example\.com \(user \d+\)/);
    const user = await db.dataSource.getRepository(User).findOneByOrFail({ email: 'root@example.com' });
    expect(user.role).toBe('ADMIN');
    await expect(verifyPassword('violet tractor lantern 42', user.passwordHash)).resolves.toBe(true);
    const [audit] = (await db.dataSource.query(
      "SELECT actor_id, after_state FROM audit_events WHERE action = 'user.created'",
    )) as Array<{
      actor_id: string;
      after_state: string;
    }>;
    expect(audit.actor_id).toBe('system');
    expect(JSON.stringify(audit)).not.toContain('violet');
  });

  it('refuses short, common and breached passwords and unknown roles, writing nothing', async () => {
    for (const [password, reason] of [
      ['short', /12 to 1024 characters/],
      ['password123456', /common or breached/],
      ['Qwerty123456!!', /common or breached/],
    ] as const) {
      const run = recon(
        ['user', 'create', '--email', 'weak@example.com', '--name', 'Weak', '--role', 'CLERK'],
        `${password}\n`,
      );
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(reason);
    }
    const badRole = recon(
      ['user', 'create', '--email', 'x@example.com', '--name', 'X', '--role', 'OWNER'],
      'violet tractor lantern 42\n',
    );
    expect(badRole.status).toBe(2);
    expect(badRole.stderr).toContain('--role must be one of');
    await expect(db.dataSource.getRepository(User).countBy({ email: 'weak@example.com' })).resolves.toBe(0);
  });

  it('sets a new password (recon user passwd) and ends the user’s sessions', async () => {
    const user = await db.dataSource.getRepository(User).findOneByOrFail({ email: 'root@example.com' });
    await db.dataSource.query('INSERT INTO user_sessions (id_hash, user_id, expires_at) VALUES (?, ?, ?)', [
      'a'.repeat(64),
      user.id,
      new Date(Date.now() + 3600_000),
    ]);
    const run = recon(['user', 'passwd', '--email', 'root@example.com'], 'amber compass harbour 7\n');
    expect(run.status).toBe(0);
    const after = await db.dataSource.getRepository(User).findOneByOrFail({ id: user.id });
    await expect(verifyPassword('amber compass harbour 7', after.passwordHash)).resolves.toBe(true);
    await expect(
      db.dataSource.query('SELECT * FROM user_sessions WHERE user_id = ?', [user.id]),
    ).resolves.toEqual([]);
    expect(
      recon(['user', 'passwd', '--email', 'nobody@example.com'], 'amber compass harbour 7\n').status,
    ).toBe(1);
  });
});
