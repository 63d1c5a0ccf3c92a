import type { Actor } from '../../../contract/actor';
import { AdjustmentState, PeriodRejection, type AdjustmentView } from '../../../contract/period';
import type { PendingAdjustment } from '../../../periods/pending-adjustments';
import { approvalRefusal } from '../../../workflows/period/approval-rules';

export enum ApprovalBlock {
  OWN_PROPOSAL = 'OWN_PROPOSAL',
  ALREADY_APPROVED = 'ALREADY_APPROVED',
  NEEDS_MANAGER = 'NEEDS_MANAGER',
  NOT_ALLOWED = 'NOT_ALLOWED',
}

const viewOf = (adjustment: PendingAdjustment): AdjustmentView => ({
  id: adjustment.id,
  amount: adjustment.amount,
  proposedBy: adjustment.proposedBy,
  requiredApprovals: adjustment.requiredApprovals,
  requiresManager: adjustment.requiresManager,
  approvals: adjustment.approvals.map((approval) => approval.approverId),
  state: AdjustmentState.PROPOSED,
});

/** The workflow's own rule (approvalRefusal) decides; this only names its reason for a button. */
export function approvalBlock(adjustment: PendingAdjustment, actor: Actor): ApprovalBlock | null {
  const view = viewOf(adjustment);
  const refusal = approvalRefusal(view, actor);
  if (!refusal) return null;
  if (view.proposedBy === actor.id) return ApprovalBlock.OWN_PROPOSAL;
  if (view.approvals.includes(actor.id)) return ApprovalBlock.ALREADY_APPROVED;
  if (refusal.type === PeriodRejection.FORBIDDEN && view.requiresManager) {
    return ApprovalBlock.NEEDS_MANAGER;
  }
  return ApprovalBlock.NOT_ALLOWED;
}

/** A pending adjustment as the API shows it: with why the caller may not approve it (null: may). */
export type PendingAdjustmentNode = PendingAdjustment & { myBlock: ApprovalBlock | null };
