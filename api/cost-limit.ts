import { ApiErrorCode } from './error-codes';
import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType,
  GraphQLError,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type GraphQLType,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { MAX_PAGE_SIZE } from './pagination';

export const MAX_QUERY_COST = 10_000;
/** Assumed length of a list field without a `first` argument (match groups, differences…). */
export const DEFAULT_LIST_SIZE = 20;

const isList = (type: GraphQLType): boolean => isListType(isNonNullType(type) ? type.ofType : type);

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  variableDefaults: Map<string, unknown>;
}

/** The `first` a field will run with: literal, variable, the variable's default, or the schema's default. */
function firstArgument(
  walk: Walk,
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
): number | undefined {
  const definition = field.args.find((arg) => arg.name === 'first');
  if (!definition) return undefined;
  const given = node.arguments?.find((arg) => arg.name.value === 'first');
  let value: unknown = definition.defaultValue;
  if (given?.value.kind === Kind.VARIABLE) {
    const name = given.value.name.value;
    value = walk.variables[name] ?? walk.variableDefaults.get(name) ?? definition.defaultValue;
  } else if (given) {
    value = valueFromASTUntyped(given.value);
  }
  // Larger pages are refused by pageSize() with BAD_USER_INPUT; estimate them at the cap.
  return typeof value === 'number' && value > 0 ? Math.min(value, MAX_PAGE_SIZE) : DEFAULT_LIST_SIZE;
}

/**
 * Estimated fields the query resolves: each field counts 1, times how many of its parent there
 * will be. A paged field multiplies by its `first`, and its `edges` list does not multiply again;
 * other lists count as DEFAULT_LIST_SIZE.
 */
function selectionCost(
  walk: Walk,
  type: GraphQLNamedType,
  set: SelectionSetNode,
  paged: boolean,
  seen: Set<string>,
): number {
  if (!isObjectType(type) && !isInterfaceType(type)) return 0;
  let cost = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const target = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : type;
      if (target) cost += selectionCost(walk, target, selection.selectionSet, paged, seen);
      continue;
    }
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = walk.fragments.get(selection.name.value);
      if (!fragment || seen.has(fragment.name.value)) continue;
      const target = walk.schema.getType(fragment.typeCondition.name.value);
      if (target)
        cost += selectionCost(
          walk,
          target,
          fragment.selectionSet,
          paged,
          new Set(seen).add(fragment.name.value),
        );
      continue;
    }
    const field = type.getFields()[selection.name.value];
    if (!field) continue; // __typename and friends
    const first = firstArgument(walk, field, selection);
    const multiplier =
      first ?? (isList(field.type) && !(paged && selection.name.value === 'edges') ? DEFAULT_LIST_SIZE : 1);
    const children = selection.selectionSet
      ? selectionCost(walk, getNamedType(field.type), selection.selectionSet, first !== undefined, seen)
      : 0;
    cost += 1 + multiplier * children;
  }
  return cost;
}

export function estimateCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: FragmentDefinitionNode[],
  variables: Record<string, unknown> = {},
): number {
  const root = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  if (!root) return 0;
  const walk: Walk = {
    schema,
    fragments: new Map(fragments.map((fragment) => [fragment.name.value, fragment])),
    variables,
    variableDefaults: new Map(
      (operation.variableDefinitions ?? [])
        .filter((definition) => definition.defaultValue)
        .map((definition) => [definition.variable.name.value, valueFromASTUntyped(definition.defaultValue!)]),
    ),
  };
  return selectionCost(walk, root, operation.selectionSet, false, new Set());
}

/** Refuses (before anything runs) operations whose estimated cost exceeds `maxCost`. */
export function costLimitPlugin(maxCost = MAX_QUERY_COST): ApolloServerPlugin {
  // An operation without variables costs the same every time (Apollo hands back the same parsed
  // document for the same query text, so this is bounded by its document store).
  const fixedCosts = new WeakMap<OperationDefinitionNode, number>();
  const costOf = (
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Record<string, unknown>,
  ) => {
    const fixed = !operation.variableDefinitions?.length;
    const known = fixed ? fixedCosts.get(operation) : undefined;
    if (known !== undefined) return known;
    const fragments = document.definitions.filter(
      (definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION,
    );
    const cost = estimateCost(schema, operation, fragments, variables);
    if (fixed) fixedCosts.set(operation, cost);
    return cost;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const cost = costOf(schema, document, operation, request.variables ?? {});
          if (cost > maxCost) {
            throw new GraphQLError(
              `query cost ${cost} exceeds the limit of ${maxCost}; ask for fewer items`,
              {
                extensions: { code: ApiErrorCode.QUERY_TOO_COSTLY, http: { status: 400 } },
              },
            );
          }
        },
      };
    },
  };
}
