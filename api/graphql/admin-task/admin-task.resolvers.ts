import { actorOf, Permission, requirePermission } from '../../../auth/policy';
import type { AdminTaskStatus } from '../../../contract/enums';
import { listAdminTasks, resolveAdminTask } from '../../../tasks/admin-tasks';
import type { ApiContext } from '../../context';

export const adminTaskQueryResolvers = {
  adminTasks: (_: unknown, args: { status?: AdminTaskStatus | null }, ctx: ApiContext) => {
    requirePermission(ctx.principal, Permission.ADMIN);
    return listAdminTasks(ctx.dataSource, args.status ?? undefined);
  },
};

export const adminTaskMutationResolvers = {
  resolveAdminTask: (_: unknown, args: { id: string; outcome: string }, ctx: ApiContext) => {
    const principal = requirePermission(ctx.principal, Permission.ADMIN);
    return resolveAdminTask(ctx.dataSource, args.id, args.outcome, actorOf(principal));
  },
};
