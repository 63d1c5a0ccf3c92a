import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError, OperationDefinitionNode } from 'graphql';
import { apiErrors, graphqlOperationSeconds, operationLabel } from '../../observability/metrics';

/** One answered operation: its time by name and type, its errors by code ("invalid": none resolved). */
export function recordGraphqlOperation(
  operation: OperationDefinitionNode | undefined,
  operationName: string | null | undefined,
  errors: readonly GraphQLFormattedError[],
  seconds: number,
): void {
  for (const error of errors)
    apiErrors.inc({ code: String(error.extensions?.code ?? 'INTERNAL'), path: 'graphql' });
  graphqlOperationSeconds.observe(
    {
      operation: operation ? operationLabel(operationName ?? operation.name?.value) : 'invalid',
      type: operation?.operation ?? 'none',
      outcome: errors.length ? 'error' : 'ok',
    },
    seconds,
  );
}

/**
 * Times every GraphQL operation by name and type, and counts the errors it answers by code. A
 * document that never parsed or validated counts under the operation "invalid". The prepared path
 * (api/execution/prepared-path.ts) records its answers with the same function.
 */
export function graphqlMetricsPlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ response, operation, operationName }) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          recordGraphqlOperation(operation, operationName, errors, seconds);
        },
      };
    },
  };
}
