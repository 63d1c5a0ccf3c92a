import { findAuditEvents } from '../../../audit/audit-query';
import { auditAnchor } from '../../../audit/chain-key';
import { verifyAnchoredAuditChain, type ChainVerdict } from '../../../audit/verify-chain';
import type { DataSource } from 'typeorm';
import { Permission, requirePermission } from '../../../auth/policy';
import { SingleFlight } from '../../../common/single-flight';
import { ApiError, ApiErrorCode } from '../../api-error';
import { decodeCursor, encodeCursor, pageSize, refuseBackward } from '../../pagination';
import type { AuditEventResolvers, QueryResolvers } from '../resolvers-types.generated';
import { decodeOptionalId } from '../../../contract/ids';

/**
 * A verification walks the whole chain: overlapping requests (or twenty aliases of one) share the
 * walk in flight instead of each starting one, so an `audit:read` caller cannot multiply full scans.
 */
const verifications = new SingleFlight<DataSource, ChainVerdict>();

export const auditQueryResolvers: QueryResolvers = {
  auditEvents: async (_, args, ctx) => {
    requirePermission(ctx.principal, Permission.READ_AUDIT);
    refuseBackward('Query.auditEvents', args);
    const size = pageSize(args.first);
    const filter = args.filter ?? {};
    decodeOptionalId(filter.periodId, 'filter.periodId');
    for (const bound of [filter.from, filter.to]) {
      if (bound && Number.isNaN(bound.getTime()))
        throw new ApiError(ApiErrorCode.BAD_USER_INPUT, 'from/to must be ISO-8601 instants');
    }
    const { events, hasNextPage } = await findAuditEvents(
      ctx.dataSource,
      filter,
      size,
      decodeCursor(args.after),
    );
    return {
      edges: events.map((node) => ({ cursor: encodeCursor(node.id), node })),
      pageInfo: {
        hasNextPage,
        hasPreviousPage: Boolean(args.after),
        startCursor: events.length ? encodeCursor(events[0].id) : null,
        endCursor: events.length ? encodeCursor(events[events.length - 1].id) : null,
      },
    };
  },
  verifyAuditChain: (_, __, ctx) => {
    requirePermission(ctx.principal, Permission.READ_AUDIT);
    // The same check as `recon audit verify`: chain and signed checkpoints (a cut tail shows).
    return verifications.run(ctx.dataSource, () => verifyAnchoredAuditChain(ctx.dataSource, auditAnchor()));
  },
};

export const auditEventResolvers: AuditEventResolvers = {
  before: (event) => event.beforeState,
  after: (event) => event.afterState,
};
