import { GraphQLError, GraphQLScalarType, Kind, valueFromASTUntyped } from 'graphql';
import { AmountError, money, type Money } from '../money/decimal';
import { isoTimestamp } from './iso-timestamp';
import { isIsoDate } from '../formats/date';

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

export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  serialize: (value) => (value instanceof Date ? isoTimestamp(value) : value),
  parseValue: (value) => new Date(String(value)),
});

export const JsonScalar = new GraphQLScalarType({
  name: 'JSON',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast, variables) => valueFromASTUntyped(ast, variables),
});
