import {
  GraphQLError,
  isInputObjectType,
  isListType,
  isNonNullType,
  TypeInfo,
  typeFromAST,
  visit,
  visitWithTypeInfo,
  getNamedType,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { FieldProblem } from '../common/domain-error';
import { CANONICAL_ID, NOT_AN_ID } from '../contract/ids';
import { ApiErrorCode } from './error-codes';
import type { OperationCheck } from './operation-checks';

/** One id that is not canonical: where it was given, and the problem in the API's shape. */
export interface IdProblem extends FieldProblem {
  where: string;
}

const REASON = NOT_AN_ID;

const isId = (type: GraphQLInputType | null | undefined) => !!type && getNamedType(type).name === 'ID';

/**
 * Every `ID` the operation passes, as literals or inside variables (lists and input objects
 * included), that is not canonical: `"2 OR 1=1"`, `"2abc"`, `" 2"`, `"02"`. Each named by where it
 * was given (`$ids[1]`, `claimTask(id:)`).
 */
export function nonCanonicalIds(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): IdProblem[] {
  const problems = [...literalProblems(schema, document)];
  for (const definition of operation.variableDefinitions ?? []) {
    const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
    const name = definition.variable.name.value;
    if (type) checkValue(type, variables[name], { path: `$${name}`, index: -1, field: name }, problems);
  }
  return problems;
}

/**
 * The literals' problems depend on the document alone, and Apollo's document store hands back the
 * same DocumentNode for the same query text: walked once per document, not once per request (the
 * walk with type information was ~6% of the API's CPU under the credit check's load).
 */
const literalsChecked = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, readonly IdProblem[]>>();

function literalProblems(schema: GraphQLSchema, document: DocumentNode): readonly IdProblem[] {
  let bySchema = literalsChecked.get(schema);
  if (!bySchema) literalsChecked.set(schema, (bySchema = new WeakMap()));
  let problems = bySchema.get(document);
  if (!problems) bySchema.set(document, (problems = walkLiterals(schema, document)));
  return problems;
}

function walkLiterals(schema: GraphQLSchema, document: DocumentNode): IdProblem[] {
  const problems: IdProblem[] = [];
  const typeInfo = new TypeInfo(schema);
  const where = () => {
    const argument = typeInfo.getArgument();
    const field = typeInfo.getFieldDef();
    return argument && field ? `${field.name}(${argument.name}:)` : 'an argument';
  };
  const literal = (value: string) => {
    if (isId(typeInfo.getInputType()) && !CANONICAL_ID.test(value))
      problems.push({
        where: `${where()} ${JSON.stringify(value)}`,
        index: -1,
        field: typeInfo.getArgument()?.name ?? 'id',
        reason: REASON,
      });
  };
  // Fragments are checked too: a literal id may sit in one.
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      StringValue: (node) => literal(node.value),
      IntValue: (node) => literal(node.value),
    }),
  );
  return problems;
}

interface Place {
  path: string;
  /** The first list position on the way (the item of a batch), -1 if none. */
  index: number;
  field: string;
}

function checkValue(type: GraphQLInputType, value: unknown, at: Place, problems: IdProblem[]): void {
  if (value === null || value === undefined) return;
  if (isNonNullType(type)) return checkValue(type.ofType, value, at, problems);
  if (isListType(type)) {
    const items = Array.isArray(value) ? value : [value];
    items.forEach((item, i) =>
      checkValue(
        type.ofType,
        item,
        { ...at, path: `${at.path}[${i}]`, index: at.index < 0 ? i : at.index },
        problems,
      ),
    );
    return;
  }
  if (isInputObjectType(type)) {
    if (typeof value !== 'object') return; // coercion refuses it, naming the variable
    for (const field of Object.values(type.getFields()))
      checkValue(
        field.type,
        (value as Record<string, unknown>)[field.name],
        { ...at, path: `${at.path}.${field.name}`, field: field.name },
        problems,
      );
    return;
  }
  const plain = typeof value === 'string' || typeof value === 'number';
  if (isId(type) && !(plain && CANONICAL_ID.test(String(value))))
    problems.push({
      where: `${at.path} ${JSON.stringify(value)}`,
      index: at.index,
      field: at.field,
      reason: REASON,
    });
}

/** Refuses, before anything runs, an operation passing an id that is not canonical (BAD_USER_INPUT). */
export const canonicalIdsCheck: OperationCheck<unknown> = ({ schema, document, operation, variables }) => {
  const problems = nonCanonicalIds(schema, document, operation, variables);
  if (problems.length === 0) return;
  throw new GraphQLError(
    `ids are positive whole numbers written plainly (e.g. "42"): ${problems
      .slice(0, 5)
      .map((problem) => problem.where)
      .join(', ')}`,
    {
      extensions: {
        code: ApiErrorCode.BAD_USER_INPUT,
        problems: problems.map(({ index, field, reason }) => ({ index, field, reason })),
        http: { status: 400 },
      },
    },
  );
};
