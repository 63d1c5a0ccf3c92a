import { ApiErrorCode } from './error-codes';
import {
  GraphQLError,
  Kind,
  type ASTNode,
  type FragmentDefinitionNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/**
 * Refuses documents nested deeper than `maxDepth` fields (fragments followed, cycles cut; introspection
 * exempt). A fragment's depth is worked out once: spreading F(n-1) twice in each of 30 fragments
 * would otherwise be 2^30 walks, a few hundred bytes that held the event loop for minutes.
 */
export function depthLimit(maxDepth: number): ValidationRule {
  return (context: ValidationContext) => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const fragmentDepths = new Map<string, number>();
    const depthOf = (node: ASTNode, seen: Set<string>): number => {
      switch (node.kind) {
        case Kind.FIELD:
          // Introspection nests as deep as type references do; it is bounded by the schema,
          // costed by the cost limit and kept from cycling by graphql's MaxIntrospectionDepthRule.
          if (node.name.value.startsWith('__')) return 1;
          return node.selectionSet ? 1 + depthOf(node.selectionSet, seen) : 1;
        case Kind.SELECTION_SET:
          return Math.max(0, ...node.selections.map((selection) => depthOf(selection, seen)));
        case Kind.INLINE_FRAGMENT:
          return depthOf(node.selectionSet, seen);
        case Kind.FRAGMENT_SPREAD: {
          const name = node.name.value;
          const known = fragmentDepths.get(name);
          if (known !== undefined) return known;
          const fragment = fragments.get(name);
          // A cycle is refused by graphql's NoFragmentCyclesRule; here it only has to end.
          if (!fragment || seen.has(name)) return 0;
          seen.add(name);
          const depth = depthOf(fragment.selectionSet, seen);
          seen.delete(name);
          fragmentDepths.set(name, depth);
          return depth;
        }
        default:
          return 0;
      }
    };
    return {
      OperationDefinition(operation) {
        const depth = depthOf(operation.selectionSet, new Set());
        if (depth > maxDepth) {
          context.reportError(
            new GraphQLError(`query depth ${depth} exceeds the limit of ${maxDepth}`, {
              nodes: [operation],
              extensions: { code: ApiErrorCode.QUERY_TOO_DEEP },
            }),
          );
        }
      },
    };
  };
}
