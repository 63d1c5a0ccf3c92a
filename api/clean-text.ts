import { GraphQLError, visit, type DocumentNode } from 'graphql';
import { ApiErrorCode } from './error-codes';
import type { OperationCheck } from './operation-checks';

/** NUL, or half of a surrogate pair: text no one types, that MySQL and every export mangle. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const isCleanText = (text: string) => !text.includes('\u0000') && !LONE_SURROGATE.test(text);

/**
 * How deep a variable's value may nest (lists and objects). No input of the schema comes near it; a
 * JSON value 20,000 levels deep (40 KB) overflowed the stack of every walk over it: INTERNAL_SERVER_ERROR.
 */
export const MAX_VARIABLE_DEPTH = 64;

/** The first variable (with its path) nested deeper than MAX_VARIABLE_DEPTH, else null; iterative. */
export function tooDeepVariable(variables: Record<string, unknown>): string | null {
  const stack: Array<[unknown, string, number]> = Object.entries(variables).map(([name, value]) => [
    value,
    `$${name}`,
    0,
  ]);
  while (stack.length > 0) {
    const [value, path, depth] = stack.pop()!;
    if (!value || typeof value !== 'object') continue;
    if (depth >= MAX_VARIABLE_DEPTH) return path;
    if (Array.isArray(value)) value.forEach((item, i) => stack.push([item, `${path}[${i}]`, depth + 1]));
    else for (const [key, item] of Object.entries(value)) stack.push([item, `${path}.${key}`, depth + 1]);
  }
  return null;
}

/** Where the operation passes unclean text: `$note`, `$input.lines[2].description`, a literal. */
export function uncleanText(document: DocumentNode, variables: Record<string, unknown>): string[] {
  const places = [...uncleanLiterals(document)];
  const walk = (value: unknown, path: string) => {
    if (typeof value === 'string') {
      if (!isCleanText(value)) places.push(path);
    } else if (Array.isArray(value)) value.forEach((item, i) => walk(item, `${path}[${i}]`));
    else if (value && typeof value === 'object')
      for (const [key, item] of Object.entries(value)) {
        if (!isCleanText(key)) places.push(`${path} (a key)`);
        walk(item, `${path}.${key}`);
      }
  };
  for (const [name, value] of Object.entries(variables)) walk(value, `$${name}`);
  return places;
}

/**
 * The literals depend on the document alone, and Apollo's document store hands back the same
 * DocumentNode for the same query text: walked once per document, not once per request.
 */
const literalsChecked = new WeakMap<DocumentNode, readonly string[]>();

function uncleanLiterals(document: DocumentNode): readonly string[] {
  let places = literalsChecked.get(document);
  if (places) return places;
  const found: string[] = [];
  visit(document, {
    StringValue: (node) => {
      if (!isCleanText(node.value))
        found.push(`a string literal at line ${node.loc?.startToken.line ?? '?'}`);
    },
  });
  literalsChecked.set(document, (places = found));
  return places;
}

/**
 * Refuses, before anything runs, variables nested too deep, and text with NUL or unpaired surrogates
 * (BAD_USER_INPUT, naming where).
 */
export const cleanTextCheck: OperationCheck<unknown> = ({ document, variables }) => {
  const deep = tooDeepVariable(variables);
  if (deep !== null)
    throw new GraphQLError(
      `variables may nest at most ${MAX_VARIABLE_DEPTH} levels of lists and objects: ${deep.slice(0, 80)}…`,
      { extensions: { code: ApiErrorCode.BAD_USER_INPUT, http: { status: 400 } } },
    );
  const places = uncleanText(document, variables);
  if (places.length === 0) return;
  throw new GraphQLError(
    `text may not hold NUL (\\u0000) or half of a surrogate pair: ${places.slice(0, 5).join(', ')}`,
    { extensions: { code: ApiErrorCode.BAD_USER_INPUT, http: { status: 400 } } },
  );
};
