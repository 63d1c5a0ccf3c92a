import { UserRole } from '../contract/enums';
import { AuthError, AuthErrorCode, type Principal } from './principal';

/** Everything the API can be asked to do. API key scopes are these names. */
export enum Permission {
  READ = 'read',
  OPEN_PERIOD = 'period:open',
  REVIEW = 'period:review',
  CLOSE_BY_EXCEPTION = 'period:close-exception',
  APPROVE_ADJUSTMENT = 'adjustment:approve',
  WRITE_LEDGER = 'ledger:write',
  ADMIN = 'admin',
  RESPOND_AS_CUSTOMER = 'customer:respond',
  IMPORT_FILES = 'import',
  MANAGE_TEMPLATES = 'template:write',
  SUBMIT_STATEMENT = 'statement:write',
  /** The audit log and its chain: auditors and admins (and keys given this scope). */
  READ_AUDIT = 'audit:read',
  /** The month's dashboard, aging and KPIs: managers, auditors and admins (and keys given this scope). */
  READ_REPORTS = 'report:read',
  /** Register and manage webhook endpoints (admins, or an integrator's key with this scope). */
  MANAGE_WEBHOOKS = 'webhook:write',
}

const ROLE_PERMISSIONS: Record<UserRole, ReadonlySet<Permission>> = {
  [UserRole.AUDITOR]: new Set([Permission.READ, Permission.READ_AUDIT, Permission.READ_REPORTS]),
  [UserRole.CLERK]: new Set([
    Permission.READ,
    Permission.OPEN_PERIOD,
    Permission.REVIEW,
    Permission.IMPORT_FILES,
    Permission.MANAGE_TEMPLATES,
    Permission.SUBMIT_STATEMENT,
  ]),
  [UserRole.MANAGER]: new Set([
    Permission.READ,
    Permission.OPEN_PERIOD,
    Permission.REVIEW,
    Permission.CLOSE_BY_EXCEPTION,
    Permission.APPROVE_ADJUSTMENT,
    Permission.READ_REPORTS,
    Permission.IMPORT_FILES,
    Permission.MANAGE_TEMPLATES,
    Permission.SUBMIT_STATEMENT,
  ]),
  [UserRole.ADMIN]: new Set(Object.values(Permission).filter((p) => p !== Permission.RESPOND_AS_CUSTOMER)),
};

/** What an integrator's key may be granted: never admin, never a customer's voice. */
export const API_KEY_SCOPES: readonly Permission[] = Object.values(Permission).filter(
  (p) => p !== Permission.ADMIN && p !== Permission.RESPOND_AS_CUSTOMER,
);

/** The one place where the server decides who may do what. */
export function can(principal: Principal | null, permission: Permission): boolean {
  if (!principal) return false;
  switch (principal.kind) {
    case 'user':
      return ROLE_PERMISSIONS[principal.role].has(permission);
    case 'apiKey':
      return (
        principal.scopes.includes(permission) ||
        (permission === Permission.READ && principal.scopes.length > 0)
      );
    case 'customer':
      return permission === Permission.RESPOND_AS_CUSTOMER;
  }
}

export function requirePermission(principal: Principal | null, permission: Permission): Principal {
  if (!principal) throw new AuthError(AuthErrorCode.UNAUTHENTICATED, 'authentication required');
  if (!can(principal, permission)) throw new AuthError(AuthErrorCode.FORBIDDEN, `not allowed: ${permission}`);
  return principal;
}

/** A customer principal may see exactly one period: the one its link names. */
export function canSeePeriod(principal: Principal | null, periodId: string): boolean {
  if (!principal) return false;
  if (principal.kind === 'customer') return principal.periodId === periodId;
  return can(principal, Permission.READ);
}
