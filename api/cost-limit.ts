import { ApiErrorCode } from './error-codes';
import type { OperationCheck } from './operation-checks';
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
import { LIST_PAGES, MAX_PAGE_SIZE, type ListField } from './pagination';

export const MAX_QUERY_COST = 10_000;
/**
 * The budget of a caller without credentials: enough for `health`, `me` and signing in, nothing
 * that reads data (which they may not see anyway) and nothing that makes the server work for them.
 */
export const ANONYMOUS_MAX_COST = 60;
/** Assumed length of a list field without a `first` argument. */
export const DEFAULT_LIST_SIZE = 20;

/**
 * A root field runs statements (and Temporal calls) of its own, once per alias; fields below it are
 * read from their parent's row or batched per request by the loaders.
 */
export const ROOT_FIELD_COST = 10;
/** `__schema` / `__type`: the answer is bounded by the schema, not by data; costed as one heavy read. */
export const INTROSPECTION_COST = 1_000;
const INTROSPECTION_FIELDS: ReadonlySet<string> = new Set(['__schema', '__type']);

const isList = (type: GraphQLType): boolean => isListType(isNonNullType(type) ? type.ofType : type);

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  /**
   * A fragment's cost, by name and how it is reached (under a page, at the root): worked out once,
   * so fragments that spread the one before twice cost arithmetic, not 2^n walks.
   */
  fragmentCosts: Map<string, number>;
  variables: Record<string, unknown>;
  variableDefaults: Map<string, unknown>;
}

/** The default page of a Relay list with `last` (LIST_PAGES), else DEFAULT_LIST_SIZE. */
function pageDefault(parent: GraphQLNamedType, field: GraphQLField<unknown, unknown>): number {
  const name = `${parent.name}.${field.name}`;
  return name in LIST_PAGES ? LIST_PAGES[name as ListField].defaultSize : DEFAULT_LIST_SIZE;
}

/** The `first` a field will run with: literal, variable, the variable's default, or the schema's default. */
function firstArgument(
  walk: Walk,
  parent: GraphQLNamedType,
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
): number | undefined {
  const definition = field.args.find((arg) => arg.name === 'first');
  if (!definition) return undefined;
  // Reading backwards, `last` is the page size; `first` and `last` together are refused anyway.
  const given =
    node.arguments?.find((arg) => arg.name.value === 'first') ??
    node.arguments?.find((arg) => arg.name.value === 'last');
  // Lists with `last` have no schema default for `first` (it would clash): theirs is in LIST_PAGES.
  let value: unknown = definition.defaultValue ?? pageDefault(parent, field);
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
 * Estimated fields the query resolves: each field counts 1 (`__typename` too; a root field
 * ROOT_FIELD_COST, introspection INTROSPECTION_COST), times how many of its parent there will be.
 * A paged field multiplies by its `first`, and its `edges` list does not multiply again; other
 * lists count as DEFAULT_LIST_SIZE.
 */
function selectionCost(
  walk: Walk,
  type: GraphQLNamedType,
  set: SelectionSetNode,
  paged: boolean,
  seen: Set<string>,
  root = false,
): number {
  if (!isObjectType(type) && !isInterfaceType(type)) return 0;
  let cost = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const target = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : type;
      if (target) cost += selectionCost(walk, target, selection.selectionSet, paged, seen, root);
      continue;
    }
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const name = selection.name.value;
      const key = `${name}|${paged}|${root}`;
      const known = walk.fragmentCosts.get(key);
      if (known !== undefined) {
        cost += known;
        continue;
      }
      const fragment = walk.fragments.get(name);
      // A cycle is refused by graphql's NoFragmentCyclesRule; here it only has to end.
      if (!fragment || seen.has(name)) continue;
      const target = walk.schema.getType(fragment.typeCondition.name.value);
      if (!target) continue;
      seen.add(name);
      const fragmentCost = selectionCost(walk, target, fragment.selectionSet, paged, seen, root);
      seen.delete(name);
      walk.fragmentCosts.set(key, fragmentCost);
      cost += fragmentCost;
      continue;
    }
    if (INTROSPECTION_FIELDS.has(selection.name.value)) {
      cost += INTROSPECTION_COST;
      continue;
    }
    const field = type.getFields()[selection.name.value];
    if (!field) {
      cost += 1; // __typename: answering it is cheap, but ten thousand of them are not
      continue;
    }
    const first = firstArgument(walk, type, field, selection);
    const multiplier =
      first ?? (isList(field.type) && !(paged && selection.name.value === 'edges') ? DEFAULT_LIST_SIZE : 1);
    const children = selection.selectionSet
      ? selectionCost(walk, getNamedType(field.type), selection.selectionSet, first !== undefined, seen)
      : 0;
    cost += (root ? ROOT_FIELD_COST : 1) + multiplier * children;
  }
  return cost;
}

export function estimateCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: FragmentDefinitionNode[],
  variables: Record<string, unknown> = {},
): number {
  const root =
    operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  if (!root) return 0;
  const walk: Walk = {
    schema,
    fragments: new Map(fragments.map((fragment) => [fragment.name.value, fragment])),
    fragmentCosts: new Map(),
    variables,
    variableDefaults: new Map(
      (operation.variableDefinitions ?? [])
        .filter((definition) => definition.defaultValue)
        .map((definition) => [definition.variable.name.value, valueFromASTUntyped(definition.defaultValue!)]),
    ),
  };
  return selectionCost(walk, root, operation.selectionSet, false, new Set(), true);
}

export interface CostLimits<TContext> {
  maxCost: number;
  anonymousMaxCost: number;
  /** Whether the request's caller presented no credentials. */
  isAnonymous(context: TContext): boolean;
}

/**
 * Refuses (before anything runs) operations whose estimated cost exceeds `maxCost` (QUERY_TOO_COSTLY),
 * or `anonymousMaxCost` for a caller without credentials (UNAUTHENTICATED, HTTP 401).
 */
export function costLimitCheck<TContext>(limits: CostLimits<TContext>): OperationCheck<TContext> {
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
  return ({ schema, document, operation, variables, contextValue }) => {
    const cost = costOf(schema, document, operation, variables);
    const anonymous = limits.isAnonymous(contextValue);
    const limit = anonymous ? limits.anonymousMaxCost : limits.maxCost;
    if (cost <= limit) return;
    // Without credentials only health, me and signing in answer: asking for more is a
    // request to sign in first, whatever it would have cost.
    if (anonymous) {
      throw new GraphQLError(
        `query cost ${cost} exceeds the anonymous limit of ${limit}; authentication required`,
        {
          extensions: { code: ApiErrorCode.UNAUTHENTICATED, http: { status: 401 } },
        },
      );
    }
    throw new GraphQLError(`query cost ${cost} exceeds the limit of ${limit}; ask for fewer items`, {
      extensions: { code: ApiErrorCode.QUERY_TOO_COSTLY, http: { status: 400 } },
    });
  };
}
