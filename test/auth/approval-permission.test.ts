import { ApprovalBlock, approvalBlock } from '../../api/graphql/approval/approval-block';
import { actorOf, can, Permission } from '../../auth/policy';
import type { Principal } from '../../auth/principal';
import { UserRole } from '../../contract/enums';
import { AdjustmentState, PeriodRejection, type AdjustmentView } from '../../contract/period';
import type { PendingAdjustment } from '../../periods/pending-adjustments';
import { approvalRefusal } from '../../workflows/period/approval-rules';

/**
 * APPROVE_ADJUSTMENT is decided in one place, auth/policy.ts. Every approval path asks it: the
 * approvers' queue and the approval events (requirePermission / can), and the workflow's rule
 * above the manager threshold (approvalRefusal), which reads the grant that actorOf copied from
 * the policy into the message, as does the approvals page's reason for a disabled button.
 */
const user = (role: UserRole, userId = '5'): Principal => ({ kind: 'user', userId, role, name: role });
const key = (...scopes: Permission[]): Principal => ({ kind: 'apiKey', apiKeyId: '9', scopes, name: 'erp' });
const customer: Principal = {
  kind: 'customer',
  customerCode: 'C1',
  periodId: '7',
  round: 1,
  confirmationId: '3',
};

const PRINCIPALS: Array<[string, Principal]> = [
  ['clerk', user(UserRole.CLERK)],
  ['manager', user(UserRole.MANAGER)],
  ['admin', user(UserRole.ADMIN)],
  ['auditor', user(UserRole.AUDITOR)],
  ['key scoped period:review', key(Permission.REVIEW)],
  ['key scoped period:review and adjustment:approve', key(Permission.REVIEW, Permission.APPROVE_ADJUSTMENT)],
  ['customer link', customer],
];

const aboveManagerThreshold: AdjustmentView = {
  id: '11',
  amount: '6000',
  proposedBy: 'user:1',
  requiredApprovals: 1,
  requiresManager: true,
  approvals: [],
  state: AdjustmentState.PROPOSED,
};

const pending: PendingAdjustment = {
  id: '11',
  periodId: '7',
  differenceId: null,
  amount: '6000',
  currency: 'CNY',
  entryDate: '2026-10-20',
  reason: 'invoice never booked',
  proposedBy: 'user:1',
  proposedByName: 'Clerk Li',
  proposedAt: new Date('2026-11-02T08:00:00Z'),
  requiredApprovals: 1,
  requiresManager: true,
  approvals: [],
};

describe('the approval permission, decided once by the policy', () => {
  it.each(PRINCIPALS)(
    '%s: the workflow message carries the grant exactly when the policy grants it',
    (_, principal) => {
      const granted = can(principal, Permission.APPROVE_ADJUSTMENT);
      expect(actorOf(principal).grants ?? []).toEqual(granted ? [Permission.APPROVE_ADJUSTMENT] : []);
    },
  );

  it('is granted to managers, admins and keys given the scope, and to nobody else', () => {
    const granted = PRINCIPALS.filter(([, principal]) => can(principal, Permission.APPROVE_ADJUSTMENT));
    expect(granted.map(([name]) => name)).toEqual([
      'manager',
      'admin',
      'key scoped period:review and adjustment:approve',
    ]);
  });

  it.each(PRINCIPALS)(
    '%s: above the manager threshold the workflow and the approvals page follow the policy',
    (_, principal) => {
      const actor = actorOf(principal);
      const granted = can(principal, Permission.APPROVE_ADJUSTMENT);
      const refusal = approvalRefusal(aboveManagerThreshold, actor);
      expect(refusal?.type).toBe(granted ? undefined : PeriodRejection.FORBIDDEN);
      expect(approvalBlock(pending, actor)).toBe(granted ? null : ApprovalBlock.NEEDS_MANAGER);
    },
  );

  it('below the manager threshold anyone but the proposer approves, granted or not', () => {
    const small = { ...aboveManagerThreshold, amount: '15', requiresManager: false };
    expect(approvalRefusal(small, actorOf(user(UserRole.CLERK)))).toBeUndefined();
    expect(approvalRefusal(small, actorOf(user(UserRole.CLERK, '1')))?.type).toBe(
      PeriodRejection.MAKER_CHECKER,
    );
    // The grant does not lift maker ≠ checker either.
    expect(approvalRefusal(aboveManagerThreshold, actorOf(user(UserRole.MANAGER, '1')))?.type).toBe(
      PeriodRejection.MAKER_CHECKER,
    );
  });

  it('a grant the policy did not make is not read from the role', () => {
    // An actor recorded as a manager but without the grant (as in a message the API did not build) is refused.
    const { grants: _grants, ...withoutGrant } = actorOf(user(UserRole.MANAGER));
    expect(approvalRefusal(aboveManagerThreshold, withoutGrant)?.type).toBe(PeriodRejection.FORBIDDEN);
  });
});
