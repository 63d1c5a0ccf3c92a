import { actorOf, Permission, requirePermission } from '../../../auth/policy';
import { Difference } from '../../../entities/difference.entity';
import type { ReconciliationPeriod } from '../../../entities/reconciliation-period.entity';
import { Money } from '../../../money/decimal';
import { readPendingAdjustments } from '../../../periods/pending-adjustments';
import { approvalBlock, type PendingAdjustmentNode } from './approval-block';
import type { ApiContext } from '../../context';
import { decodeCursor, encodeCursor, pageSize, refuseBackward } from '../../pagination';
import type { PendingAdjustmentResolvers, QueryResolvers } from '../resolvers-types.generated';

const gap = (period: ReconciliationPeriod, shift: Money) =>
  period.theirClosingBalance === null || period.ourClosingBalance === null
    ? null
    : period.theirClosingBalance.minus(period.ourClosingBalance.plus(shift));

export const approvalQueryResolvers: QueryResolvers = {
  pendingAdjustments: async (_, args, ctx) => {
    // The approvers' queue: clerks see the approval tasks of their own queue instead.
    const principal = requirePermission(ctx.principal, Permission.APPROVE_ADJUSTMENT);
    refuseBackward('Query.pendingAdjustments', args);
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

async function periodOf(node: PendingAdjustmentNode, ctx: ApiContext): Promise<ReconciliationPeriod> {
  const period = await ctx.loaders.periodById.load(node.periodId);
  if (!period) throw new Error(`adjustment ${node.id} names a missing period ${node.periodId}`);
  return period;
}

export const pendingAdjustmentResolvers: PendingAdjustmentResolvers = {
  amount: (node: PendingAdjustmentNode) => new Money(node.amount),
  proposedBy: (node: PendingAdjustmentNode) => node.proposedByName ?? node.proposedBy,
  approvals: (node: PendingAdjustmentNode) =>
    node.approvals.map((approval) => ({
      approverName: approval.approverName ?? approval.approverId,
      comment: approval.comment,
      at: approval.at,
    })),
  period: (node: PendingAdjustmentNode, _: unknown, ctx: ApiContext) => periodOf(node, ctx),
  difference: async (node: PendingAdjustmentNode, _: unknown, ctx: ApiContext) => {
    if (!node.differenceId) return null;
    const row = await ctx.dataSource.getRepository(Difference).findOneBy({ id: node.differenceId });
    return row ? { ...row, ourEntryIds: row.ourIds, theirLineIds: row.theirIds } : null;
  },
  gapBefore: async (node: PendingAdjustmentNode, _: unknown, ctx: ApiContext) =>
    gap(await periodOf(node, ctx), new Money(0)),
  gapAfter: async (node: PendingAdjustmentNode, _: unknown, ctx: ApiContext) =>
    gap(await periodOf(node, ctx), new Money(node.amount)),
  ourClosingAfter: async (node: PendingAdjustmentNode, _: unknown, ctx: ApiContext) =>
    (await periodOf(node, ctx)).ourClosingBalance?.plus(new Money(node.amount)) ?? null,
};
