import { readFileSync } from 'node:fs';
import { buildASTSchema, isObjectType } from 'graphql';
import { resolvers } from '../../api/server';
import { loadTypeDefs, printMergedSchema, PRINTED_SCHEMA_PATH } from '../../api/type-defs';

describe('the GraphQL schema', () => {
  it('is checked in as schema.graphql, exactly as the modules define it (run `npm run schema`)', () => {
    expect(readFileSync(PRINTED_SCHEMA_PATH, 'utf8')).toBe(printMergedSchema());
  });

  it('has a resolver for every root field, and no resolver without a field', () => {
    const schema = buildASTSchema(loadTypeDefs());
    for (const root of ['Query', 'Mutation'] as const) {
      const type = schema.getType(root);
      if (!isObjectType(type)) throw new Error(`${root} missing`);
      expect(Object.keys(resolvers[root]).sort()).toEqual(Object.keys(type.getFields()).sort());
    }
  });
});
