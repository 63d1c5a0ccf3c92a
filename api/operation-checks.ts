import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';

/** An operation Apollo resolved (parsed, validated), before it runs: what each check reads. */
export interface OperationToCheck<TContext> {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  variables: Record<string, unknown>;
  contextValue: TContext;
}

/** Refuses an operation before it runs by throwing (a GraphQLError or ApiError with its code). */
export type OperationCheck<TContext> = (operation: OperationToCheck<TContext>) => void;

/** Runs the checks in order: the first that refuses answers. */
export const allChecks =
  <TContext>(checks: ReadonlyArray<OperationCheck<TContext>>): OperationCheck<TContext> =>
  (operation) => {
    for (const check of checks) check(operation);
  };

/**
 * The checks as one Apollo plugin (didResolveOperation, before anything runs). The API's prepared
 * path (api/execution/prepared-path.ts) runs the same function, so a check added to the list
 * applies to both.
 */
export function operationChecksPlugin<TContext extends BaseContext>(
  check: OperationCheck<TContext>,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request, contextValue }) {
          if (!operation) return;
          check({ schema, document, operation, variables: request.variables ?? {}, contextValue });
        },
      };
    },
  };
}
