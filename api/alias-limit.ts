import { ApiErrorCode } from './error-codes';
import { GraphQLError, type ValidationContext, type ValidationRule } from 'graphql';

/**
 * Aliases let one request ask for the same field thousands of times (`a1: health … a9999: health`),
 * each one resolved on its own. No screen of the web app needs more than a handful.
 */
export const MAX_ALIASES = 20;

/** Refuses documents (operations and fragments together) with more than `maxAliases` aliased fields. */
export function aliasLimit(maxAliases: number): ValidationRule {
  return (context: ValidationContext) => {
    let aliases = 0;
    return {
      Field(node) {
        if (node.alias) aliases += 1;
      },
      Document: {
        leave(document) {
          if (aliases <= maxAliases) return;
          context.reportError(
            new GraphQLError(`the query has ${aliases} aliases, more than the limit of ${maxAliases}`, {
              nodes: [document],
              extensions: { code: ApiErrorCode.TOO_MANY_ALIASES },
            }),
          );
        },
      },
    };
  };
}
