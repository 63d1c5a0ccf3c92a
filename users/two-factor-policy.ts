import type { DataSource } from 'typeorm';
import { appendAudit } from '../audit/audit-log';
import { auditFields, type Actor } from '../contract/actor';
import { UserRole } from '../contract/enums';
import { SecuritySetting } from '../entities/security-setting.entity';
import { DEFAULT_TWO_FACTOR_ROLES, TWO_FACTOR_ROLES_SETTING } from '../auth/two-factor-roles';
import { invalidField } from './user-error';

/**
 * Which roles must sign in with a second factor: an admin's setting (stored in the database);
 * until an admin sets it, the fallback the API is given: Recon's default, managers and admins
 * (DEFAULT_TWO_FACTOR_ROLES), which every process uses.
 */
const SETTING = TWO_FACTOR_ROLES_SETTING;

export { DEFAULT_TWO_FACTOR_ROLES };

const isRole = (value: unknown): value is UserRole => Object.values(UserRole).includes(value as UserRole);

export async function twoFactorRequiredRoles(
  dataSource: DataSource,
  fallback: readonly UserRole[],
): Promise<UserRole[]> {
  const row = await dataSource.getRepository(SecuritySetting).findOneBy({ name: SETTING });
  if (!row) return [...fallback];
  const stored = JSON.parse(row.value) as unknown;
  return Array.isArray(stored) ? stored.filter(isRole) : [...fallback];
}

export async function setTwoFactorRequiredRoles(
  dataSource: DataSource,
  roles: readonly string[],
  fallback: readonly UserRole[],
  actor: Actor,
): Promise<UserRole[]> {
  const unknown = roles.find((role) => !isRole(role));
  if (unknown !== undefined) throw invalidField('roles', `names no role: ${unknown}`);
  const next = Object.values(UserRole).filter((role) => roles.includes(role));
  return dataSource.transaction(async (manager) => {
    const before = await twoFactorRequiredRoles(dataSource, fallback);
    await manager.upsert(SecuritySetting, { name: SETTING, value: JSON.stringify(next) }, ['name']);
    await appendAudit(manager, {
      ...auditFields(actor),
      action: 'security.two_factor_roles_set',
      entityType: 'security_setting',
      entityId: SETTING,
      before: { roles: before },
      after: { roles: next },
    });
    return next;
  });
}
