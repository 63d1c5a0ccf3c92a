import { Permission, requirePermission } from '../../../auth/policy';
import { loadCustomerStatement } from '../../../periods/customer-statement';
import { ApiError, ApiErrorCode } from '../../api-error';
import type { QueryResolvers } from '../resolvers-types.generated';

export const customerStatementQueryResolvers: QueryResolvers = {
  customerStatement: async (_, __, ctx) => {
    const principal = requirePermission(ctx.principal, Permission.RESPOND_AS_CUSTOMER);
    if (principal.kind !== 'customer')
      throw new ApiError(ApiErrorCode.FORBIDDEN, 'customerStatement answers a confirmation link only');
    return loadCustomerStatement(ctx.dataSource, { name: ctx.companyName ?? DEFAULT_COMPANY }, principal);
  },
};

const DEFAULT_COMPANY = '本公司 Our Company';
