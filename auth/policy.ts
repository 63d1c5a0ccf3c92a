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
  /** Register and manage webhook endpoints (admins, or an integrator's key with this scope). */
  MANAGE_WEBHOOKS = 'webhook:write',
  /** Payment terms, dunning levels and the credit policy's settings (managers). */
  MANAGE_CREDIT = 'credit:manage',
  /** Apply receipts and credit notes to invoices by hand (clerks, managers). */
  APPLY_RECEIVABLES = 'receivables:apply',
}

const ROLE_PERMISSIONS: Record<UserRole, ReadonlySet<Permission>> = {
  [UserRole.AUDITOR]: new Set([Permission.READ, Permission.READ_AUDIT]),
  [UserRole.CLERK]: new Set([
    Permission.READ,
    Permission.OPEN_PERIOD,
    Permission.REVIEW,
    Permission.IMPORT_FILES,
    Permission.MANAGE_TEMPLATES,
    Permission.SUBMIT_STATEMENT,
    Permission.APPLY_RECEIVABLES,
  ]),
  [UserRole.MANAGER]: new Set([
    Permission.READ,
    Permission.OPEN_PERIOD,
    Permission.REVIEW,
    Permission.CLOSE_BY_EXCEPTION,
    Permission.APPROVE_ADJUSTMENT,
    Permission.IMPORT_FILES,
    Permission.MANAGE_TEMPLATES,
    Permission.SUBMIT_STATEMENT,
    Permission.MANAGE_CREDIT,
    Permission.APPLY_RECEIVABLES,
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
    // A key holds exactly its scopes: `read` is a scope of its own, implied by none of the others.
    case 'apiKey':
      return principal.scopes.includes(permission);
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

/**
 * Finding a period to act on: the caller needs the action's permission (checked by the caller of
 * this), not `read`. A key scoped `period:review` may act on a period without reading the rest.
 */
export function canActOnPeriod(principal: Principal | null, periodId: string): boolean {
  if (!principal) return false;
  if (principal.kind === 'customer') return principal.periodId === periodId;
  return true;
}
