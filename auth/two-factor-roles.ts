import { UserRole } from '../contract/enums';

/** The security setting that names the roles which must sign in with a second factor. */
export const TWO_FACTOR_ROLES_SETTING = 'two_factor_required_roles';

/** Recon's default until an admin sets them: managers and admins. */
export const DEFAULT_TWO_FACTOR_ROLES: readonly UserRole[] = [UserRole.MANAGER, UserRole.ADMIN];

/**
 * SQL, 1 when the user row `u` has no second factor and its role must have one: the admin's setting,
 * else `fallback`. Read with the user's standing at every request, so a token or session issued
 * before an admin added the role may only enrol from then on (#17 probe), as a new sign-in may.
 */
export function mustEnrolSql(fallback: readonly UserRole[]): string {
  const roles = fallback.filter((role) => Object.values(UserRole).includes(role));
  const byDefault = roles.length ? `u.role IN (${roles.map((role) => `'${role}'`).join(', ')})` : 'FALSE';
  return `(u.totp_enabled_at IS NULL AND COALESCE(
            (SELECT JSON_CONTAINS(ss.value, JSON_QUOTE(u.role)) FROM security_settings ss
              WHERE ss.name = '${TWO_FACTOR_ROLES_SETTING}'), ${byDefault}))`;
}
