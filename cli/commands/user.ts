import type { Command } from 'commander';
import { loadConfig } from '../../config/config';
import { SYSTEM_ACTORS } from '../../contract/actor';
import { UserRole } from '../../contract/enums';
import { prepareDatabase } from '../../db/prepare-database';
import { createUser, setPassword } from '../../users/user.service';
import { UsageError } from '../exit-codes';
import { readNewPassword } from '../read-password';

const ROLES = Object.values(UserRole);

/**
 * `recon user create --email E --name N --role ADMIN`: the first admin of a fresh installation (and
 * any user after it); `recon user passwd --email E`: a new password. The password is prompted for
 * (no echo) or read from standard input; the password rules apply; both are audited as the operator.
 */
export function register(program: Command): void {
  const user = program.command('user').description('staff users: create one, set a password');
  user
    .command('create')
    .description('create a user (e.g. the first ADMIN of a new installation)')
    .requiredOption('--email <email>', 'the sign-in e-mail')
    .requiredOption('--name <name>', 'display name')
    .requiredOption('--role <role>', ROLES.join(' | '))
    .action(async (options: { email: string; name: string; role: string }) => {
      const role = ROLES.find((r) => r === options.role.toUpperCase());
      if (!role) throw new UsageError(`--role must be one of ${ROLES.join(', ')} (got "${options.role}")`);
      const password = await readNewPassword();
      await withUsers(async (dataSource) => {
        const created = await createUser(
          dataSource,
          { email: options.email, displayName: options.name, role, password },
          SYSTEM_ACTORS.operator,
        );
        console.log(`created ${created.role} ${created.email} (user ${created.id})`);
      });
    });
  user
    .command('passwd')
    .description("set a user's password (their browser sessions end)")
    .requiredOption('--email <email>', 'whose password')
    .action(async (options: { email: string }) => {
      const password = await readNewPassword('New password');
      await withUsers(async (dataSource) => {
        const changed = await setPassword(dataSource, options.email, password, SYSTEM_ACTORS.operator);
        console.log(`password of ${changed.email} set; their sessions were ended`);
      });
    });
}

/** A refusal of the user service (a taken e-mail, a weak password) prints its reason and exits 1. */
async function withUsers(work: (dataSource: Awaited<ReturnType<typeof prepareDatabase>>) => Promise<void>) {
  const dataSource = await prepareDatabase(loadConfig().database, { poolSize: 2 });
  try {
    await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
