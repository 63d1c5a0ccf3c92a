import type { DataSource } from 'typeorm';
import { appendAudit } from '../audit/audit-log';
import { auditFields, type Actor } from '../contract/actor';
import { passwordProblem } from '../auth/password-rules';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { ActorType, UserRole } from '../contract/enums';
import { isEmailAddress } from '../formats/email';
import { User } from '../entities/user.entity';
import type { LoginThrottle } from './login-throttle';
import { invalidField, UserError, UserErrorCode } from './user-error';

export { MIN_PASSWORD_LENGTH } from '../auth/password-rules';

/** Compared against when the email is unknown, so both refusals take as long. */
const DUMMY_HASH = hashPassword('recon-login-timing-equaliser');

const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** Who is guessing: the throttle that counts guesses, and the source address it counts them by. */
export interface LoginGuard {
  throttle: LoginThrottle;
  address: string | null;
}

/**
 * Checks email and password (under the login throttle: the guess is counted before it is checked,
 * and refused unchecked past the account's or the address's limit) and records the sign-in; one
 * generic error for every kind of failure. `via` says what the sign-in starts: a token or a session.
 */
export async function checkCredentials(
  dataSource: DataSource,
  email: string,
  password: string,
  guard: LoginGuard,
  via: 'token' | 'session' = 'token',
): Promise<User> {
  const key = normaliseEmail(email).slice(0, 320);
  const refused = new UserError(UserErrorCode.LOGIN_FAILED, 'invalid email or password');
  const attempt = await guard.throttle.attempt(key, guard.address);
  if (!attempt.allowed) throw refused;
  const user = key.length <= 254 ? await dataSource.getRepository(User).findOneBy({ email: key }) : null;
  const valid = await verifyPassword(password.slice(0, 1024), user?.passwordHash ?? (await DUMMY_HASH));
  if (!user || !user.active || !user.passwordHash || !valid) {
    // Every guess that was evaluated and failed is on the record (the throttle bounds how many).
    await appendAudit(dataSource.manager, {
      actorType: ActorType.SYSTEM,
      actorId: 'anonymous',
      action: 'user.login_failed',
      entityType: 'user',
      entityId: user?.id ?? '-',
      after: { via, address: guard.address },
    });
    throw refused;
  }
  await attempt.succeeded();
  await appendAudit(dataSource.manager, {
    actorType: ActorType.USER,
    actorId: `user:${user.id}`,
    action: 'user.logged_in',
    entityType: 'user',
    entityId: user.id,
    ...(via === 'session' ? { after: { via } } : {}),
  });
  return user;
}

export interface NewUser {
  email: string;
  displayName: string;
  role: UserRole;
  password: string;
}

function checkNewUser(input: NewUser): NewUser {
  const email = normaliseEmail(input.email);
  if (!isEmailAddress(email)) throw invalidField('email', 'is not an email address');
  const displayName = input.displayName.trim();
  if (!displayName || displayName.length > 200)
    throw invalidField('displayName', 'must be 1 to 200 characters');
  if (!Object.values(UserRole).includes(input.role)) throw invalidField('role', 'is not a role');
  const weak = passwordProblem(input.password, { email, displayName });
  if (weak) throw invalidField('password', weak);
  return { ...input, email, displayName };
}

export async function createUser(dataSource: DataSource, input: NewUser, actor: Actor): Promise<User> {
  const valid = checkNewUser(input);
  const passwordHash = await hashPassword(valid.password);
  return dataSource.transaction(async (manager) => {
    const repository = manager.getRepository(User);
    if (await repository.existsBy({ email: valid.email }))
      throw invalidField('email', 'belongs to another user');
    const user = await repository.save({
      email: valid.email,
      displayName: valid.displayName,
      role: valid.role,
      passwordHash,
    });
    await appendAudit(manager, {
      ...auditFields(actor),
      action: 'user.created',
      entityType: 'user',
      entityId: user.id,
      after: { email: user.email, displayName: user.displayName, role: user.role, active: true },
    });
    return repository.findOneByOrFail({ id: user.id });
  });
}

export interface UserChange {
  role?: UserRole;
  active?: boolean;
}

/** Role changes and (de)activation; an inactive user's tokens stop working at once. */
export async function updateUser(
  dataSource: DataSource,
  id: string,
  change: UserChange,
  actor: Actor,
): Promise<User> {
  if (change.role !== undefined && !Object.values(UserRole).includes(change.role))
    throw invalidField('role', 'is not a role');
  return dataSource.transaction(async (manager) => {
    const repository = manager.getRepository(User);
    const before = await repository.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!before) throw new UserError(UserErrorCode.NOT_FOUND, `no user ${id}`);
    if (
      actor.id === `user:${id}` &&
      (change.active === false || (change.role && change.role !== before.role))
    )
      throw new UserError(UserErrorCode.WRONG_STATE, 'admins cannot demote or deactivate themselves');
    const after = { role: change.role ?? before.role, active: change.active ?? before.active };
    await repository.update({ id }, after);
    await appendAudit(manager, {
      ...auditFields(actor),
      action: 'user.updated',
      entityType: 'user',
      entityId: id,
      before: { role: before.role, active: before.active },
      after,
    });
    return repository.findOneByOrFail({ id });
  });
}

/**
 * Sets a user's password (an admin's reset, or `recon user passwd`), under the password rules; the
 * user's browser sessions end (a stolen one dies with the old password). Audited without the password.
 */
export async function setPassword(
  dataSource: DataSource,
  email: string,
  password: string,
  actor: Actor,
): Promise<User> {
  const key = normaliseEmail(email);
  const user = await dataSource.getRepository(User).findOneBy({ email: key });
  if (!user) throw new UserError(UserErrorCode.NOT_FOUND, `no user with e-mail ${key}`);
  const weak = passwordProblem(password, { email: user.email, displayName: user.displayName });
  if (weak) throw invalidField('password', weak);
  const passwordHash = await hashPassword(password);
  return dataSource.transaction(async (manager) => {
    await manager.getRepository(User).update({ id: user.id }, { passwordHash });
    await manager.query('DELETE FROM user_sessions WHERE user_id = ?', [user.id]);
    await appendAudit(manager, {
      ...auditFields(actor),
      action: 'user.password_set',
      entityType: 'user',
      entityId: user.id,
    });
    return manager.getRepository(User).findOneByOrFail({ id: user.id });
  });
}

export const listUsers = (dataSource: DataSource) =>
  dataSource.getRepository(User).find({ order: { id: 'ASC' } });
