import { actorOf, Permission, requirePermission } from '../../../auth/policy';
import type { Actor } from '../../../contract/actor';
import { AdjustmentState, PeriodRejection, type AdjustmentView } from '../../../contract/period';
import { Difference } from '../../../entities/difference.entity';
import type { ReconciliationPeriod } from '../../../entities/reconciliation-period.entity';
import { Money } from '../../../money/decimal';
import { readPendingAdjustments, type PendingAdjustment } from '../../../periods/pending-adjustments';
import { approvalRefusal } from '../../../workflows/period/approval-rules';
import type { ApiContext } from '../../context';
import { decodeCursor, encodeCursor, pageSize } from '../../pagination';

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

const gap = (period: ReconciliationPeriod, shift: Money) =>
  period.theirClosingBalance === null || period.ourClosingBalance === null
    ? null
    : period.theirClosingBalance.minus(period.ourClosingBalance.plus(shift));

export const approvalQueryResolvers = {
  pendingAdjustments: async (
    _: unknown,
    args: { first?: number | null; after?: string | null },
    ctx: ApiContext,
  ) => {
    // The approvers' queue: clerks see the approval tasks of their own queue instead.
    const principal = requirePermission(ctx.principal, Permission.APPROVE_ADJUSTMENT);
    const size = pageSize(args.first);
    const page = await readPendingAdjustments(ctx.dataSource.manager, size, decodeCursor(args.after));
    const actor = actorOf(principal);
    const edges = page.adjustments.map((adjustment) => ({
      cursor: encodeCursor(adjustment.id),
      node: { ...adjustment, myBlock: approvalBlock(adjustment, actor) },
    }));
    return {
      edges,
      pageInfo: {
        hasNextPage: page.hasNextPage,
        hasPreviousPage: Boolean(args.after),
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.length ? edges[edges.length - 1].cursor : null,
      },
    };
  },
};

type Node = PendingAdjustment & { myBlock: ApprovalBlock | null };

async function periodOf(node: Node, ctx: ApiContext): Promise<ReconciliationPeriod> {
  const period = await ctx.loaders.periodById.load(node.periodId);
  if (!period) throw new Error(`adjustment ${node.id} names a missing period ${node.periodId}`);
  return period;
}

export const pendingAdjustmentResolvers = {
  amount: (node: Node) => new Money(node.amount),
  proposedBy: (node: Node) => node.proposedByName ?? node.proposedBy,
  approvals: (node: Node) =>
    node.approvals.map((approval) => ({
      approverName: approval.approverName ?? approval.approverId,
      comment: approval.comment,
      at: approval.at,
    })),
  period: (node: Node, _: unknown, ctx: ApiContext) => periodOf(node, ctx),
  difference: async (node: Node, _: unknown, ctx: ApiContext) => {
    if (!node.differenceId) return null;
    const row = await ctx.dataSource.getRepository(Difference).findOneBy({ id: node.differenceId });
    return row ? { ...row, ourEntryIds: row.ourIds, theirLineIds: row.theirIds } : null;
  },
  gapBefore: async (node: Node, _: unknown, ctx: ApiContext) => gap(await periodOf(node, ctx), new Money(0)),
  gapAfter: async (node: Node, _: unknown, ctx: ApiContext) =>
    gap(await periodOf(node, ctx), new Money(node.amount)),
  ourClosingAfter: async (node: Node, _: unknown, ctx: ApiContext) =>
    (await periodOf(node, ctx)).ourClosingBalance?.plus(new Money(node.amount)) ?? null,
};
