import { can, canSeePeriod, mayOnlyEnrol, Permission, workQueuesOf } from '../../../auth/policy';
import { AuthError, AuthErrorCode, type Principal } from '../../../auth/principal';
import type { ApiContext } from '../../context';
import {
  approvalEventOf,
  creditEventOf,
  periodEventOf,
  taskEventOf,
  type ApprovalEvent,
  type CreditEvent,
  type PeriodEvent,
  type TaskEvent,
} from '../../subscriptions/live-events';
import {
  liveStream,
  unwrapDelivery,
  type LiveConnection,
  type LiveStreamSpec,
} from '../../subscriptions/live-stream';
import type { SubscriptionResolvers } from '../resolvers-types.generated';
import { decodeOptionalId } from '../../../contract/ids';

/** The context of an operation over the WebSocket: the HTTP one, plus the connection it came on. */
export interface LiveContext extends ApiContext {
  live: LiveConnection;
}

function subscribe<T>(ctx: LiveContext, spec: LiveStreamSpec<T>) {
  if (!ctx.principal) throw new AuthError(AuthErrorCode.UNAUTHENTICATED, 'authentication required');
  // A session or token that may only enrol follows nothing, as requirePermission refuses it elsewhere.
  if (mayOnlyEnrol(ctx.principal))
    throw new AuthError(
      AuthErrorCode.TWO_FACTOR_ENROLMENT_REQUIRED,
      'your role requires two-factor sign-in: enrol an authenticator first',
    );
  if (!spec.allowed(ctx.principal)) throw new AuthError(AuthErrorCode.FORBIDDEN, 'not allowed');
  return liveStream(ctx.live, spec);
}

/** Staff who work a queue see its tasks; keys with `read` see all; auditors and customers none. */
const mayFollowTasks = (principal: Principal) =>
  principal.kind === 'apiKey' ? can(principal, Permission.READ) : workQueuesOf(principal).length > 0;

/** Tasks of someone else's queue are not shown: the queue of each named task is read once per batch. */
async function tasksOfMyQueues(ctx: LiveContext, principal: Principal, events: TaskEvent[]) {
  if (principal.kind === 'apiKey') return events;
  const queues = new Set<string>(workQueuesOf(principal));
  const ids = [...new Set(events.flatMap((event) => (event.taskId ? [event.taskId] : [])))];
  const taskQueues = new Map<string, string>();
  if (ids.length) {
    const rows: Array<{ id: string; queue: string }> = await ctx.dataSource.query(
      `SELECT CAST(id AS CHAR) AS id, queue FROM tasks WHERE id IN (${ids.map(() => '?').join(', ')})`,
      ids,
    );
    for (const row of rows) taskQueues.set(row.id, row.queue);
  }
  return events.filter((event) => !event.taskId || queues.has(taskQueues.get(event.taskId) ?? ''));
}

export const subscriptionResolvers: SubscriptionResolvers<LiveContext> = {
  periodEvents: {
    subscribe: (_, args, ctx) => {
      // Over the WebSocket the API's id check (canonical-ids.ts) does not run: the id is decoded here.
      const periodId = decodeOptionalId(args.periodId, 'periodId');
      return subscribe<PeriodEvent>(ctx, {
        pick: (event) => {
          const periodEvent = periodEventOf(event);
          return periodEvent && (!periodId || periodEvent.periodId === periodId) ? periodEvent : undefined;
        },
        allowed: (principal) =>
          periodId ? canSeePeriod(principal, periodId) : can(principal, Permission.READ),
      });
    },
    resolve: unwrapDelivery,
  },
  taskEvents: {
    subscribe: (_, __, ctx) =>
      subscribe<TaskEvent>(ctx, {
        pick: taskEventOf,
        allowed: mayFollowTasks,
        visible: (principal, events) => tasksOfMyQueues(ctx, principal, events),
      }),
    resolve: unwrapDelivery,
  },
  approvalEvents: {
    subscribe: (_, __, ctx) =>
      subscribe<ApprovalEvent>(ctx, {
        pick: approvalEventOf,
        // Approvers, and the clerks who propose (their proposals come back approved or rejected).
        allowed: (principal) =>
          can(principal, Permission.APPROVE_ADJUSTMENT) || can(principal, Permission.REVIEW),
      }),
    resolve: unwrapDelivery,
  },
  creditEvents: {
    subscribe: (_: unknown, __: unknown, ctx: LiveContext) =>
      subscribe<CreditEvent>(ctx, {
        pick: creditEventOf,
        allowed: (principal) => can(principal, Permission.READ),
      }),
    resolve: unwrapDelivery,
  },
};
