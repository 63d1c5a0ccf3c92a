import type { ApolloServerPlugin } from '@apollo/server';
import { apiErrors, graphqlOperationSeconds, operationLabel } from '../../observability/metrics';

/**
 * Times every GraphQL operation by name and type, and counts the errors it answers by code. A
 * document that never parsed or validated counts under the operation "invalid".
 */
export function graphqlMetricsPlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ response, operation, operationName }) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
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
        },
      };
    },
  };
}
