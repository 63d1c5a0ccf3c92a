import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildASTSchema,
  Kind,
  parse,
  validate,
  visit,
  type ASTNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from 'graphql';
import { aliasLimit, MAX_ALIASES } from '../../api/alias-limit';
import { ANONYMOUS_MAX_COST, estimateCost, MAX_QUERY_COST } from '../../api/cost-limit';
import { depthLimit } from '../../api/depth-limit';
import { MAX_QUERY_DEPTH } from '../../api/server';
import { loadTypeDefs } from '../../api/type-defs';

/**
 * #17.3: the limits that stop amplification must not stop Recon's own web app. Every operation in
 * web/src (read from the files, so a new screen is checked too) fits the depth, alias and cost
 * limits; the ones a signed-out browser sends fit the anonymous budget.
 */

const schema = buildASTSchema(loadTypeDefs());
const WEB_SRC = path.resolve(__dirname, '../../web/src');
/** Sent before anyone has signed in (the app asks who it is, then signs in). */
const ANONYMOUS_OPERATIONS = new Set(['CurrentUser', 'SignIn']);

function graphqlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return graphqlFiles(full);
    return entry.name.endsWith('.graphql') ? [full] : [];
  });
}

/**
 * Apollo Client adds `__typename` to every selection set below the operation's root (for its
 * cache), and the API counts each one: the operations are checked as they are sent.
 */
function asSent(document: DocumentNode): DocumentNode {
  return visit(document, {
    SelectionSet(node, _key, parent) {
      if (parent && !Array.isArray(parent) && (parent as ASTNode).kind === Kind.OPERATION_DEFINITION)
        return undefined;
      if (node.selections.some((s) => s.kind === Kind.FIELD && s.name.value === '__typename'))
        return undefined;
      const typename: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } };
      return { ...node, selections: [...node.selections, typename] };
    },
  });
}

const documents = graphqlFiles(WEB_SRC).map((file) => asSent(parse(readFileSync(file, 'utf8'))));
const fragments = documents.flatMap((document) =>
  document.definitions.filter(
    (definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION,
  ),
);
const operations = documents.flatMap((document) =>
  document.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  ),
);

describe("the web app's operations fit the API's limits", () => {
  test('there are operations to check, and the anonymous ones exist', () => {
    expect(operations.length).toBeGreaterThan(3);
    const names = new Set(operations.map((operation) => operation.name?.value));
    for (const name of ANONYMOUS_OPERATIONS) expect(names).toContain(name);
  });

  test.each(operations.map((operation) => [operation.name?.value ?? '(anonymous)', operation] as const))(
    '%s',
    (name, operation) => {
      const document = { kind: Kind.DOCUMENT, definitions: [operation, ...fragments] } as const;
      const errors = validate(schema, document, [depthLimit(MAX_QUERY_DEPTH), aliasLimit(MAX_ALIASES)]);
      expect(errors.map((error) => error.message)).toEqual([]);
      const cost = estimateCost(schema, operation, fragments);
      expect(cost).toBeLessThanOrEqual(ANONYMOUS_OPERATIONS.has(name) ? ANONYMOUS_MAX_COST : MAX_QUERY_COST);
    },
  );
});
