import { actorOf, Permission, requirePermission } from '../../../auth/policy';
import { StatementSource } from '../../../contract/enums';
import { submitStatement } from '../../../statements/statement.service';
import { ApiError, ApiErrorCode, toApiError } from '../../api-error';
import type { MutationResolvers } from '../resolvers-types.generated';

export const MAX_STATEMENT_LINES = 50_000;

export const statementMutationResolvers: MutationResolvers = {
  submitStatement: async (_, args, ctx) => {
    const principal = requirePermission(ctx.principal, Permission.SUBMIT_STATEMENT);
    if (args.input.lines.length > MAX_STATEMENT_LINES)
      throw new ApiError(ApiErrorCode.BAD_USER_INPUT, `at most ${MAX_STATEMENT_LINES} lines per statement`);
    try {
      return await submitStatement(
        ctx.dataSource,
        { ...args.input, source: StatementSource.API },
        actorOf(principal),
      );
    } catch (error) {
      throw toApiError(error);
    }
  },
};
