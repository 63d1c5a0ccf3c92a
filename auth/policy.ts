import type { Actor } from '../contract/actor';
import { ActorType, TaskQueue, UserRole } from '../contract/enums';
import { Permission } from '../contract/permission';

// The permissions are named in contract/ so that workflow messages can carry what was granted.
export { Permission };
import { AuthError, AuthErrorCode, type Principal } from './principal';

const ROLE_PERMISSIONS: Record<UserRole, ReadonlySet<Permission>> = {
  [UserRole.AUDITOR]: new Set([Permission.READ, Permission.READ_AUDIT, Permission.READ_REPORTS]),
  [UserRole.CLERK]: new Set([
    Permission.READ,
    Permission.OPEN_PERIOD,
    Permission.REVIEW,
    Permission.IMPORT_FILES,
    Permission.MANAGE_TEMPLATES,
    Permission.SUBMIT_STATEMENT,
    Permission.APPLY_RECEIVABLES,
    Permission.REQUEST_CREDIT,
    Permission.COLLECT,
  ]),
  [UserRole.MANAGER]: new Set([
    Permission.READ,
    Permission.OPEN_PERIOD,
    Permission.REVIEW,
    Permission.CLOSE_BY_EXCEPTION,
    Permission.APPROVE_ADJUSTMENT,
    Permission.RECORD_CUSTOMER_ANSWER,
    Permission.READ_REPORTS,
    Permission.IMPORT_FILES,
    Permission.MANAGE_TEMPLATES,
    Permission.SUBMIT_STATEMENT,
    Permission.MANAGE_CREDIT,
    Permission.APPLY_RECEIVABLES,
    Permission.REQUEST_CREDIT,
    Permission.COLLECT,
  ]),
  [UserRole.ADMIN]: new Set(Object.values(Permission).filter((p) => p !== Permission.RESPOND_AS_CUSTOMER)),
};

/** What an integrator's key may be granted: never admin, never a customer's voice. */
export const API_KEY_SCOPES: readonly Permission[] = Object.values(Permission).filter(
  (p) => p !== Permission.ADMIN && p !== Permission.RESPOND_AS_CUSTOMER,
);

/**
 * The one place where the server decides who may do what. A staff credential held to enrolment
 * (mayOnlyEnrol) may do nothing here: enrolling is not a permission (probe: the period lookup and the
 * REST routes asked this alone and let such a credential read periods and reports, and import).
 */
export function can(principal: Principal | null, permission: Permission): boolean {
  if (!principal) return false;
  switch (principal.kind) {
    case 'user':
      return !mayOnlyEnrol(principal) && ROLE_PERMISSIONS[principal.role].has(permission);
    // A key holds exactly its scopes: `read` is a scope of its own, implied by none of the others.
    case 'apiKey':
      return principal.scopes.includes(permission);
    case 'customer':
      return permission === Permission.RESPOND_AS_CUSTOMER;
  }
}

/** A staff session or token held to enrolment: its role requires a second factor it has not enrolled. */
export const mayOnlyEnrol = (principal: Principal): boolean =>
  principal.kind === 'user' && Boolean(principal.secondFactor?.enrolmentOnly);

/** Refuses a credential held to enrolment with TWO_FACTOR_ENROLMENT_REQUIRED (before any FORBIDDEN). */
export function refuseEnrolmentOnly(principal: Principal): void {
  if (mayOnlyEnrol(principal))
    throw new AuthError(
      AuthErrorCode.TWO_FACTOR_ENROLMENT_REQUIRED,
      'your role requires two-factor sign-in: enrol an authenticator first',
    );
}

export function requirePermission(principal: Principal | null, permission: Permission): Principal {
  if (!principal) throw new AuthError(AuthErrorCode.UNAUTHENTICATED, 'authentication required');
  refuseEnrolmentOnly(principal);
  if (!can(principal, permission)) throw new AuthError(AuthErrorCode.FORBIDDEN, `not allowed: ${permission}`);
  return principal;
}

/** Every one of `permissions` (the first refused names itself), e.g. an action that is also a read. */
export function requirePermissions(
  principal: Principal | null,
  permissions: readonly Permission[],
): Principal {
  let checked: Principal | null = principal;
  for (const permission of permissions) checked = requirePermission(principal, permission);
  return checked!;
}

/**
 * Making a webhook subscription deliver (creating or resuming it) is a standing read of the events
 * it receives (periods' customers and statuses, tasks' titles, credit limits and exposures): it
 * needs `read` besides `webhook:write`, as the same events over the WebSocket do (probe).
 */
export const WEBHOOK_RECEIVE: readonly Permission[] = [Permission.MANAGE_WEBHOOKS, Permission.READ];

/**
 * A staff account (e-mail, active, two-factor sign-in) is read by admins (`users`) and by its own
 * user; a name and a task count elsewhere is not a way to it (probe: the dashboard's workloads).
 */
export function requireAccountReader(principal: Principal | null, userId: string): Principal {
  if (principal?.kind === 'user' && principal.userId === userId && !mayOnlyEnrol(principal)) return principal;
  return requirePermission(principal, Permission.ADMIN);
}

/** How long a proved second factor covers sensitive actions. */
export const STEP_UP_SECONDS = 5 * 60;

/**
 * Sensitive actions (approving above the second threshold, creating API keys or webhook
 * subscriptions, changing a customer's contact address, accounts) need a user with
 * two-factor sign-in to have proved it within STEP_UP_SECONDS. Users without it cannot step up:
 * whether they must have it is the role requirement's decision, made at sign-in. API keys are
 * not people and have no second factor.
 */
export function requireStepUp(principal: Principal, now = Date.now()): void {
  if (principal.kind !== 'user' || !principal.secondFactor?.enrolled) return;
  const at = principal.secondFactor.verifiedAt;
  if (at === null || now - at > STEP_UP_SECONDS * 1000)
    throw new AuthError(
      AuthErrorCode.STEP_UP_REQUIRED,
      'this action needs your authenticator code again (stepUp)',
    );
}

const ROLE_QUEUES: Record<UserRole, readonly TaskQueue[]> = {
  [UserRole.CLERK]: [TaskQueue.CLERK],
  [UserRole.MANAGER]: [TaskQueue.MANAGER, TaskQueue.CLERK],
  [UserRole.ADMIN]: [TaskQueue.MANAGER, TaskQueue.CLERK],
  [UserRole.AUDITOR]: [],
};

/** The task queues the caller works: clerks the clerk queue, managers and admins theirs and the clerks'. Keys and customers none. */
export function workQueuesOf(principal: Principal | null): readonly TaskQueue[] {
  return principal?.kind === 'user' ? ROLE_QUEUES[principal.role] : [];
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

/**
 * Permissions a workflow checks itself, because they depend on state only it holds: which
 * adjustments need a manager's approval depends on their amount and the customer's thresholds.
 */
const CHECKED_BY_WORKFLOWS: readonly Permission[] = [Permission.APPROVE_ADJUSTMENT];

/**
 * The caller as the one who acts: what workflow messages carry and audit rows record. Ids are
 * stable strings, so maker ≠ checker compares them; `grants` carries what this policy decided
 * for the checks a workflow makes (Actor.grants).
 */
export function actorOf(principal: Principal): Actor {
  const granted = CHECKED_BY_WORKFLOWS.filter((permission) => can(principal, permission));
  const grants = granted.length ? { grants: granted } : {};
  switch (principal.kind) {
    case 'user':
      return { id: `user:${principal.userId}`, type: ActorType.USER, name: principal.name, ...grants };
    case 'apiKey':
      return {
        id: `api-key:${principal.apiKeyId}`,
        type: ActorType.API_KEY,
        name: principal.name,
        ...grants,
      };
    case 'customer':
      return {
        id: `customer:${principal.customerCode}`,
        type: ActorType.CUSTOMER,
        name: principal.customerCode,
      };
  }
}
