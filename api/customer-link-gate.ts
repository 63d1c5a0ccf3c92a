import { getNamedType, TypeInfo, visit, visitWithTypeInfo } from 'graphql';
import { customerLinkMayRead } from '../auth/customer-link-policy';
import { API_ERRORS, ApiError, ApiErrorCode } from './api-error';
import type { ApiContext } from './context';
import type { OperationCheck } from './operation-checks';

/**
 * Refuses, before anything runs, every field a customer's link may not read (auth/customer-link-policy.ts),
 * wherever it sits in the operation: `confirmStatement { customer { periods { … } } }` is refused
 * as much as `periods`. Staff and keys pass through untouched.
 */
export const customerLinkGateCheck: OperationCheck<ApiContext> = ({ schema, document, contextValue }) => {
  if (contextValue.principal?.kind !== 'customer') return;
  const typeInfo = new TypeInfo(schema);
  const refused: string[] = [];
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        const parentName = parent ? getNamedType(parent).name : '?';
        if (!customerLinkMayRead(parentName, node.name.value))
          refused.push(`${parentName}.${node.name.value}`);
      },
    }),
  );
  if (refused.length)
    // Refused before execution: the answer's status is the code's (Apollo's default is 500).
    throw new ApiError(
      ApiErrorCode.FORBIDDEN,
      `a confirmation link may not read ${[...new Set(refused)].join(', ')}`,
      { http: { status: API_ERRORS[ApiErrorCode.FORBIDDEN].status } },
    );
};
