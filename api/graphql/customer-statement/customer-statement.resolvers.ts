import { Permission, requirePermission } from '../../../auth/policy';
import { loadCustomerStatement } from '../../../periods/customer-statement';
import { ApiError, ApiErrorCode } from '../../api-error';
import type { ApiContext } from '../../context';

export const customerStatementQueryResolvers = {
  customerStatement: async (_: unknown, __: unknown, ctx: ApiContext) => {
    const principal = requirePermission(ctx.principal, Permission.RESPOND_AS_CUSTOMER);
    if (principal.kind !== 'customer')
      throw new ApiError(ApiErrorCode.FORBIDDEN, 'customerStatement answers a confirmation link only');
    return loadCustomerStatement(ctx.dataSource, { name: ctx.companyName ?? DEFAULT_COMPANY }, principal);
  },
};

const DEFAULT_COMPANY = '本公司 Our Company';
