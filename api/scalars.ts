import {
  GraphQLError,
  GraphQLScalarType,
  isScalarType,
  Kind,
  valueFromASTUntyped,
  type GraphQLSchema,
  type ValueNode,
} from 'graphql';
import { AmountError, money, type Money } from '../money/decimal';
import { isoTimestamp } from './iso-timestamp';
import { isIsoDate } from '../formats/date';
import { MAX_VARIABLE_DEPTH } from './clean-text';

function parseDecimal(value: unknown): string {
  if (typeof value !== 'string')
    throw new GraphQLError('Decimal must be a string like "1234.56" (no floats)');
  try {
    return money(value).toFixed();
  } catch (error) {
    if (error instanceof AmountError)
      throw new GraphQLError(`not a decimal amount: ${JSON.stringify(value)}`);
    throw error;
  }
}

export const DecimalScalar = new GraphQLScalarType({
  name: 'Decimal',
  serialize: (value) => (value === null ? null : (value as Money | string).toString()),
  parseValue: parseDecimal,
  parseLiteral: (ast) => parseDecimal(ast.kind === Kind.STRING ? ast.value : undefined),
});

function parseDate(value: unknown): string {
  if (!isIsoDate(value)) {
    throw new GraphQLError('Date must be YYYY-MM-DD');
  }
  return value;
}

export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  serialize: (value) => value,
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

/** An instant with its zone: 2026-10-31T16:00:00Z, …T16:00:00.250+08:00. */
const ISO_INSTANT =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/** JavaScript's Date takes 2027-02-30 for 2 March, and "1" for 2001: refused here instead. */
function parseDateTime(value: unknown): Date {
  const match = typeof value === 'string' ? ISO_INSTANT.exec(value) : null;
  if (!match || !isIsoDate(match[1]))
    throw new GraphQLError('DateTime must be an ISO-8601 instant with its zone, e.g. 2026-10-31T16:00:00Z');
  return new Date(value as string);
}

export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  serialize: (value) => (value instanceof Date ? isoTimestamp(value) : value),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});

export const JsonScalar = new GraphQLScalarType({
  name: 'JSON',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast, variables) => {
    // valueFromASTUntyped recurses once a level: a literal ~2,000 levels deep (a few KB of
    // brackets, under the token cap) overflowed the stack in validation or execution and answered
    // INTERNAL_SERVER_ERROR (#17 probe). Measured without recursion, refused past the variables' cap.
    if (literalDepth(ast) > MAX_VARIABLE_DEPTH)
      throw new GraphQLError(`a JSON literal may nest at most ${MAX_VARIABLE_DEPTH} levels`);
    return valueFromASTUntyped(ast, variables);
  },
});

/** How deep lists and objects nest in a literal, walked with a stack of its own. */
function literalDepth(ast: ValueNode): number {
  let deepest = 0;
  const pending: Array<[ValueNode, number]> = [[ast, 1]];
  while (pending.length) {
    const [node, depth] = pending.pop()!;
    deepest = Math.max(deepest, depth);
    if (deepest > MAX_VARIABLE_DEPTH) return deepest;
    if (node.kind === Kind.LIST) for (const item of node.values) pending.push([item, depth + 1]);
    else if (node.kind === Kind.OBJECT)
      for (const field of node.fields) pending.push([field.value, depth + 1]);
  }
  return deepest;
}

/**
 * The scalars above replace the SDL's declarations, descriptions included (graphql-tools copies
 * every property, an undefined description too): give each back the one its SDL declares, so
 * introspection describes them as schema.graphql does.
 */
export function describeScalarsFromSdl(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (isScalarType(type) && !type.description && type.astNode?.description)
      type.description = type.astNode.description.value;
  }
  return schema;
}
