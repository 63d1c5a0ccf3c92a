import { isGranted, type Actor } from '../../contract/actor';
import { Permission } from '../../contract/permission';
import { Money } from '../../money/decimal';
import {
  AdjustmentState,
  PeriodRejection,
  type AdjustmentView,
  type PeriodSettings,
} from '../../contract/period';

/**
 * How many approvals an adjustment needs: one by anyone but its proposer; above the manager
 * threshold that one must be a manager; above the dual threshold, two managers.
 */
export function approvalsRequired(
  amount: string,
  settings: PeriodSettings,
): { required: number; requiresManager: boolean } {
  const size = new Money(amount).abs();
  if (size.gt(settings.dualApprovalThreshold)) return { required: 2, requiresManager: true };
  if (size.gt(settings.managerApprovalThreshold)) return { required: 1, requiresManager: true };
  return { required: 1, requiresManager: false };
}

/**
 * Why `actor` may not decide on `adjustment`, or undefined when they may. Maker ≠ checker, always;
 * above the manager threshold, only an actor the policy granted APPROVE_ADJUSTMENT.
 */
export function approvalRefusal(
  adjustment: AdjustmentView | undefined,
  actor: Actor,
): { type: PeriodRejection; message: string } | undefined {
  if (!adjustment) return { type: PeriodRejection.NOT_FOUND, message: 'no such adjustment in this period' };
  if (adjustment.state !== AdjustmentState.PROPOSED) {
    return { type: PeriodRejection.WRONG_STATE, message: `adjustment is ${adjustment.state}` };
  }
  if (adjustment.proposedBy === actor.id) {
    return { type: PeriodRejection.MAKER_CHECKER, message: 'nobody approves their own proposal' };
  }
  if (adjustment.approvals.includes(actor.id)) {
    return { type: PeriodRejection.MAKER_CHECKER, message: 'each approver counts once' };
  }
  if (adjustment.requiresManager && !isGranted(actor, Permission.APPROVE_ADJUSTMENT)) {
    return { type: PeriodRejection.FORBIDDEN, message: 'this amount needs a manager’s approval' };
  }
  return undefined;
}
