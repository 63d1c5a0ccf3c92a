import { Permission, requirePermission, workQueuesOf } from '../../../auth/policy';
import type { Principal } from '../../../auth/principal';
import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import { Customer } from '../../../entities/customer.entity';
import { ReconciliationPeriod } from '../../../entities/reconciliation-period.entity';
import { Task } from '../../../entities/task.entity';
import type { QueueColumns } from '../../../tasks/queue-pages';
import { propertiesSelected, type FieldReads } from '../../execution/projection';
import { Selection } from '../../execution/selection';
import { CUSTOMER_FIELD_READS } from '../customer/customer.resolvers';
import { PERIOD_FIELD_READS } from '../period/period.resolvers';
import type { QueueCursor } from '../../../tasks/queue-order';
import { claimTask, completeTask, queueCounts, releaseTask } from '../../../tasks/task.service';
import { checkWorkFilter, isPlainQueue, type WorkFilterInput } from '../../../tasks/work-filter';
import { claimNextTask, readWorkCounts, readWorkPage } from '../../../tasks/work-queue';
import { SharedQueueCounts } from '../../../tasks/shared-queue-counts';
import type { DataSource } from 'typeorm';
import { ApiError, ApiErrorCode } from '../../api-error';
import type { ApiContext } from '../../context';
import { ForgetfulMap } from '../../../common/forgetful-map';
import { isoTimestamp } from '../../iso-timestamp';
import { present } from '../../loaders/primed-loader';
import { base64UrlOfAscii, pageSize, refuseBackward } from '../../pagination';
import type { MutationResolvers, QueryResolvers, TaskResolvers } from '../resolvers-types.generated';
import { ID_PATTERN } from '../../../contract/ids';
import { TASK_OUTCOME_MAX_CHARS } from '../../../contract/period';

// Cursors over (dueAt, priority, id): the queue's own order. The tasks on people's screens come
// back page after page: their cursors are remembered while due date and priority stay the same.
const cursors = new ForgetfulMap<string, { dueAt: number; priority: number; cursor: string }>(50_000);
export function encodeTaskCursor(task: Pick<Task, 'id' | 'dueAt' | 'priority'>): string {
  const dueAt = task.dueAt.getTime();
  const known = cursors.get(task.id);
  if (known && known.dueAt === dueAt && known.priority === task.priority) return known.cursor;
  const cursor = base64UrlOfAscii(`t:${isoTimestamp(task.dueAt)}|${task.priority}|${task.id}`);
  return cursors.set(task.id, { dueAt, priority: task.priority, cursor }).cursor;
}

const QUEUE_CURSOR = new RegExp(`^t:([0-9T:.\\-Z]+)\\|(-?\\d{1,5})\\|(${ID_PATTERN})$`);

function decode(cursor: string | null | undefined): QueueCursor | undefined {
  if (!cursor) return undefined;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = QUEUE_CURSOR.exec(text);
  if (!match || Number.isNaN(Date.parse(match[1])))
    throw new ApiError(ApiErrorCode.BAD_USER_INPUT, 'invalid cursor');
  return { dueAt: new Date(match[1]), priority: Number(match[2]), id: match[3] };
}

/** Task queues are people's work: users only (an API key or a customer has no queue). */
/**
 * How long a queue's counts are shared between its clerks at most (and only while nothing audited
 * has been committed since): tasks/shared-queue-counts.ts. One share per database.
 */
const QUEUE_COUNTS_SHARED_MS = 3_000;
const sharedQueueCounts = new WeakMap<DataSource, SharedQueueCounts>();
function sharedQueueCountsOf(dataSource: DataSource): SharedQueueCounts {
  let shared = sharedQueueCounts.get(dataSource);
  if (!shared) sharedQueueCounts.set(dataSource, (shared = new SharedQueueCounts(QUEUE_COUNTS_SHARED_MS)));
  return shared;
}

function staff(principal: Principal | null) {
  const checked = requirePermission(principal, Permission.READ);
  if (checked.kind !== 'user') throw new ApiError(ApiErrorCode.FORBIDDEN, 'task queues belong to users');
  return { id: checked.userId, queues: workQueuesOf(checked) };
}

/** What Task's fields read of the row beyond their own column (see propertiesSelected). */
export const TASK_FIELD_READS: FieldReads = {
  period: ['periodId'],
  customer: ['periodId', 'customerId'],
  kind: ['type'],
  overdue: ['dueAt'],
  mine: ['assigneeId'],
};

/** A page of tasks as a connection, cursors in the queue's order. */
function taskConnection(tasks: Task[], hasNextPage: boolean, after: string | null | undefined) {
  const edges = tasks.map((node) => ({ cursor: encodeTaskCursor(node), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage,
      hasPreviousPage: Boolean(after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/** The filter checked, its customer code looked up (an unknown one is refused). */
const workFilter = (ctx: ApiContext, input: WorkFilterInput | null | undefined) =>
  checkWorkFilter(input, async (code) => {
    const customer = await ctx.dataSource
      .getRepository(Customer)
      .findOne({ where: { code }, select: ['id'] });
    return customer?.id;
  });

async function myQueuePage(
  ctx: ApiContext,
  info: GraphQLResolveInfo,
  args: { first?: number | null; after?: string | null },
) {
  const size = pageSize(args.first);
  const page = await ctx.queueReader.read({
    user: staff(ctx.principal),
    first: size,
    after: decode(args.after),
    columns: columnsShown(ctx, info),
  });
  // The queue read its periods and customers already: the field resolvers find them loaded.
  for (const period of page.periods) ctx.loaders.periodById.prime(period.id, period);
  for (const customer of page.customers) ctx.loaders.customerById.prime(customer.id, customer);
  return taskConnection(page.tasks, page.hasNextPage, args.after);
}

/** Both lists' properties; undefined (every column) when either is. */
const unionOf = (a: string[] | undefined, b: string[] | undefined) =>
  a && b ? [...new Set([...a, ...b])].sort() : undefined;

// Per parsed query (Apollo keeps one document per query text): which columns its page shows.
const queueColumns = new WeakMap<FieldNode, QueueColumns>();
function columnsShown(ctx: ApiContext, info: GraphQLResolveInfo): QueueColumns {
  let columns = queueColumns.get(info.fieldNodes[0]);
  if (!columns) {
    const task = Selection.of(info).at('edges', 'node');
    const period = task.field('period');
    columns = {
      task: propertiesSelected(ctx.dataSource, Task, task, TASK_FIELD_READS),
      period: propertiesSelected(ctx.dataSource, ReconciliationPeriod, period, PERIOD_FIELD_READS),
      // The customer is shown through the period and (a dunning case's task has none) the task.
      customer: unionOf(
        propertiesSelected(ctx.dataSource, Customer, period.field('customer'), CUSTOMER_FIELD_READS),
        propertiesSelected(ctx.dataSource, Customer, task.field('customer'), CUSTOMER_FIELD_READS),
      ),
    };
    if (info.fieldNodes.length === 1) queueColumns.set(info.fieldNodes[0], columns);
  }
  return columns;
}

export const taskQueryResolvers: QueryResolvers = {
  myTasks: (_, args, ctx, info) => {
    refuseBackward('Query.myTasks', args);
    return myQueuePage(ctx, info, args);
  },
  workTasks: async (_, args, ctx, info) => {
    const user = staff(ctx.principal);
    refuseBackward('Query.workTasks', args);
    const size = pageSize(args.first);
    const after = decode(args.after);
    const filter = await workFilter(ctx, args.filter);
    // Unfiltered, it is the plain queue: its batched, shared read (tasks/queue-reader.ts).
    if (isPlainQueue(filter)) return myQueuePage(ctx, info, args);
    const page = await readWorkPage(ctx.dataSource, filter, user, size, after);
    return taskConnection(page.tasks, page.hasNextPage, args.after);
  },
  myTaskCounts: (_, __, ctx) =>
    readWorkCounts(ctx.dataSource, staff(ctx.principal), new Date(), sharedQueueCountsOf(ctx.dataSource)),
  taskCounts: (_, __, ctx) => {
    requirePermission(ctx.principal, Permission.READ);
    return queueCounts(ctx.dataSource);
  },
};

export const taskMutationResolvers: MutationResolvers = {
  claimTask: (_, args, ctx) => {
    const user = staff(ctx.principal);
    requirePermission(ctx.principal, Permission.REVIEW);
    return claimTask(ctx.dataSource, args.id, user);
  },
  releaseTask: (_, args, ctx) => {
    const user = staff(ctx.principal);
    requirePermission(ctx.principal, Permission.REVIEW);
    return releaseTask(ctx.dataSource, args.id, user);
  },
  claimNextTask: async (_, args, ctx) => {
    const user = staff(ctx.principal);
    requirePermission(ctx.principal, Permission.REVIEW);
    return claimNextTask(ctx.dataSource, await workFilter(ctx, args.filter), user);
  },
  completeTask: (_, args, ctx) => {
    const user = staff(ctx.principal);
    requirePermission(ctx.principal, Permission.REVIEW);
    const outcome = args.outcome.trim();
    if (!outcome) throw new ApiError(ApiErrorCode.BAD_USER_INPUT, 'outcome is required');
    // MariaDB counts code points: a longer outcome failed in the database as an internal error.
    if ([...outcome].length > TASK_OUTCOME_MAX_CHARS)
      throw new ApiError(
        ApiErrorCode.BAD_USER_INPUT,
        `outcome is longer than ${TASK_OUTCOME_MAX_CHARS} characters`,
      );
    return completeTask(ctx.dataSource, args.id, user, outcome);
  },
};

export const taskFieldResolvers: TaskResolvers = {
  period: (task, _, ctx) =>
    task.periodId === null
      ? null
      : present(ctx.loaders.periodById.load(task.periodId), `period ${task.periodId}`),
  customer: async (task, _, ctx) => {
    const customerId =
      task.customerId ??
      (await present(ctx.loaders.periodById.load(task.periodId!), `period ${task.periodId}`)).customerId;
    return present(ctx.loaders.customerById.load(customerId), `customer ${customerId}`);
  },
  kind: (task: Task) => task.type,
  overdue: (task: Task) => task.dueAt.getTime() < Date.now(),
  mine: (task: Task, _: unknown, ctx: ApiContext) =>
    ctx.principal?.kind === 'user' && task.assigneeId === ctx.principal.userId,
};
