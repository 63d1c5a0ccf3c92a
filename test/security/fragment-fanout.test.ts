import {
  buildSchema,
  parse,
  specifiedRules,
  validate,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from 'graphql';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { estimateCost } from '../../api/cost-limit';
import { depthLimit } from '../../api/depth-limit';

/**
 * #17 (probe): fragments that each spread the one before twice (`fragment F30 on Query { ...F29 ...F29 }`)
 * make a document of a few hundred bytes that stands for 2^30 fields. The depth and cost limits
 * walked every path through it: one anonymous request held the API's event loop for minutes
 * (graphql-js's own rules and the executor visit each fragment once). Each fragment is worked out once.
 */
const schema = buildSchema(readFileSync(path.resolve(__dirname, '../../schema.graphql'), 'utf8'));

function doubling(levels: number, leaf: string) {
  const fragments = Array.from({ length: levels + 1 }, (_, i) =>
    i === 0 ? `fragment F0 on Query { ${leaf} }` : `fragment F${i} on Query { ...F${i - 1} ...F${i - 1} }`,
  );
  return parse(`{ ...F${levels} }\n${fragments.join('\n')}`);
}

const split = (document: ReturnType<typeof parse>) => ({
  operation: document.definitions[0] as OperationDefinitionNode,
  fragments: document.definitions.slice(1) as FragmentDefinitionNode[],
});

test('60 levels of doubling fragments: validated and costed at once, the cost as large as the fields', () => {
  const started = Date.now();
  const document = doubling(60, '__typename');
  expect(validate(schema, document, [...specifiedRules, depthLimit(8)])).toEqual([]);
  const { operation, fragments } = split(document);
  expect(estimateCost(schema, operation, fragments)).toBe(2 ** 60);
  expect(Date.now() - started).toBeLessThan(2_000);
});

test('a root field in the fragment is costed as a root field, each time it is reached', () => {
  const { operation, fragments } = split(doubling(40, 'health { ok }'));
  expect(estimateCost(schema, operation, fragments)).toBe(2 ** 40 * 11);
});

test('depth is still found through shared fragments', () => {
  const deep = parse(`{ ...A ...B }
    fragment A on Query { period(id: "1") { ...C } }
    fragment B on Query { period(id: "1") { ...C } }
    fragment C on Period { customer { periods { edges { node { customer { periods { edges { node { id } } } } } } } } }`);
  const errors = validate(schema, deep, [depthLimit(8)]);
  expect(errors.map((error) => error.message)).toEqual(['query depth 10 exceeds the limit of 8']);
});

test('a fragment cycle still ends (graphql refuses it)', () => {
  const cycle = parse('{ ...A } fragment A on Query { ...B } fragment B on Query { ...A __typename }');
  const errors = validate(schema, cycle, [...specifiedRules, depthLimit(8)]);
  expect(errors.map((error) => error.message)).toContain('Cannot spread fragment "A" within itself via "B".');
  const { operation, fragments } = split(cycle);
  expect(estimateCost(schema, operation, fragments)).toBe(1);
});
