import { actorOf, Permission, requirePermission } from '../../../auth/policy';
import { listAdminTasks, resolveAdminTask } from '../../../tasks/admin-tasks';
import type { MutationResolvers, QueryResolvers } from '../resolvers-types.generated';

export const adminTaskQueryResolvers: QueryResolvers = {
  adminTasks: (_, args, ctx) => {
    requirePermission(ctx.principal, Permission.ADMIN);
    return listAdminTasks(ctx.dataSource, args.status ?? undefined);
  },
};

export const adminTaskMutationResolvers: MutationResolvers = {
  resolveAdminTask: (_, args, ctx) => {
    const principal = requirePermission(ctx.principal, Permission.ADMIN);
    return resolveAdminTask(ctx.dataSource, args.id, args.outcome, actorOf(principal));
  },
};
