import {
  actorOf,
  Permission,
  requirePermission,
  requirePermissions,
  requireStepUp,
  WEBHOOK_RECEIVE,
} from '../../../auth/policy';
import type { WebhookDelivery } from '../../../entities/webhook-delivery.entity';
import { WEBHOOK_EVENT_TYPES } from '../../../webhooks/event-types';
import {
  createSubscription,
  findDeliveries,
  listSubscriptions,
  redeliver,
  setSubscriptionActive,
} from '../../../webhooks/webhook.service';
import type { ApiContext } from '../../context';
import { decodeCursor, encodeCursor, pageSize, refuseBackward } from '../../pagination';
import type {
  MutationResolvers,
  QueryResolvers,
  WebhookDeliveryResolvers,
} from '../resolvers-types.generated';
import { decodeId, decodeOptionalId } from '../../../contract/ids';

export const eventQueryResolvers: QueryResolvers = {
  webhookEventTypes: (_, __, ctx) => {
    requirePermission(ctx.principal, Permission.MANAGE_WEBHOOKS);
    return [...WEBHOOK_EVENT_TYPES];
  },
  webhookSubscriptions: (_, __, ctx) => {
    requirePermission(ctx.principal, Permission.MANAGE_WEBHOOKS);
    return listSubscriptions(ctx.dataSource);
  },
  webhookDeliveries: async (_, args, ctx) => {
    requirePermission(ctx.principal, Permission.MANAGE_WEBHOOKS);
    refuseBackward('Query.webhookDeliveries', args);
    const size = pageSize(args.first);
    const { deliveries, hasNextPage } = await findDeliveries(
      ctx.dataSource,
      { subscriptionId: decodeOptionalId(args.subscriptionId, 'subscriptionId'), status: args.status },
      size,
      decodeCursor(args.after),
    );
    return {
      edges: deliveries.map((node) => ({ cursor: encodeCursor(node.id), node })),
      pageInfo: {
        hasNextPage,
        hasPreviousPage: Boolean(args.after),
        startCursor: deliveries.length ? encodeCursor(deliveries[0].id) : null,
        endCursor: deliveries.length ? encodeCursor(deliveries[deliveries.length - 1].id) : null,
      },
    };
  },
};

export const eventMutationResolvers: MutationResolvers = {
  createWebhookSubscription: (_, args, ctx) => {
    const principal = requirePermissions(ctx.principal, WEBHOOK_RECEIVE);
    // A subscription sends the account's events to any address: a person proves the second factor
    // again (API keys have none: their scopes decide).
    requireStepUp(principal);
    return createSubscription(ctx.dataSource, args, actorOf(principal), ctx.webhookAllowPrivateHosts);
  },
  setWebhookSubscriptionActive: (_, args, ctx) => {
    // Pausing needs webhook:write; resuming starts the events again (WEBHOOK_RECEIVE).
    const principal = args.active
      ? requirePermissions(ctx.principal, WEBHOOK_RECEIVE)
      : requirePermission(ctx.principal, Permission.MANAGE_WEBHOOKS);
    return setSubscriptionActive(ctx.dataSource, decodeId(args.id, 'id'), args.active, actorOf(principal));
  },
  redeliverWebhook: (_, args, ctx) => {
    const principal = requirePermission(ctx.principal, Permission.MANAGE_WEBHOOKS);
    return redeliver(ctx.dataSource, decodeId(args.id, 'id'), actorOf(principal));
  },
};

export const webhookDeliveryResolvers: WebhookDeliveryResolvers = {
  log: (delivery: WebhookDelivery, _: unknown, ctx: ApiContext) =>
    ctx.loaders.attemptsByDeliveryId.load(delivery.id),
};
